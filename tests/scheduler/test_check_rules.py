"""One hand-made case per hard rule: the broken rotation is named, the fixed one passes.

Each case starts from check_data/tiny.json (4 members, 5 days, 5 shifts) and its valid
solution, breaks exactly one rule, and a second edit repairs it. The objective is dropped from
the solution here so that only the rule under test can speak; test_check_objective covers it.
"""

import json
from pathlib import Path

import pytest

from scheduler.check import verify

DATA = Path(__file__).parent / "check_data"


def tiny() -> tuple[dict, dict]:
    """Fresh copies of the small valid instance and solution, without reported objective."""
    inst = json.loads((DATA / "tiny.json").read_text())
    sol = json.loads((DATA / "tiny.solution.json").read_text())
    del sol["objective"]
    return inst, sol


def member(inst: dict, member_id: str) -> dict:
    """The member's dict, for editing in place."""
    return next(m for m in inst["members"] if m["id"] == member_id)


def category(inst: dict, cat_id: str) -> dict:
    """The category's dict, for editing in place."""
    return next(c for c in inst["categories"] if c["id"] == cat_id)


def add_shift(inst: dict, shift_id: str, cat: str, day: str, hours, people: int = 1) -> None:
    """Adds demand to the instance."""
    inst["shifts"].append({"id": shift_id, "category": cat, "day": day, "hours": hours,
                           "people": people})


def assign(sol: dict, member_id: str, shift_id: str) -> None:
    """Adds one assignment."""
    sol["assignments"].append({"member": member_id, "shift": shift_id})


def reassign(sol: dict, shift_id: str, old: str, new: str) -> None:
    """Moves a shift from one member to another."""
    for a in sol["assignments"]:
        if a["shift"] == shift_id and a["member"] == old:
            a["member"] = new


def history(inst: dict, member_id: str, *entries) -> None:
    """Appends (date, category, hours) history entries to a member."""
    member(inst, member_id).setdefault("history", []).extend(
        {"date": d, "category": c, "hours": h} for d, c, h in entries)


def nothing(inst: dict, sol: dict) -> None:
    """A repair that is the broken case itself, for breaks that need no fix step."""


# Each case: (id, break(inst, sol), fix(inst, sol) applied after break, words in every violation)
CASES = [
    # Rule 0: structure
    ("unknown-member", lambda i, s: assign(s, "m99", "jail-mon"),
     lambda i, s: s["assignments"].pop(), ["unknown member", "m99"]),
    ("unknown-shift", lambda i, s: assign(s, "m04", "nope"),
     lambda i, s: s["assignments"].pop(), ["unknown shift", "nope"]),
    ("duplicate-pair", lambda i, s: assign(s, "m01", "jail-mon"),
     lambda i, s: s["assignments"].pop(), ["duplicate", "m01", "jail-mon", "2 times"]),
    ("overstaffed", lambda i, s: assign(s, "m04", "jail-mon"),
     lambda i, s: i["shifts"][0].update(people=3), ["jail-mon", "3 people", "only 2"]),
    # Rule 1: eligibility
    ("unavailable", lambda i, s: member(i, "m03").update(unavailable=["2027-01-04"]),
     lambda i, s: member(i, "m03").update(unavailable=[]), ["m03", "2027-01-04", "unavailable"]),
    ("opted-out", lambda i, s: member(i, "m03").update(opted_out=["violence"]),
     lambda i, s: reassign(s, "vio-mon", "m03", "m04") or reassign(s, "vio-thu", "m03", "m04"),
     ["m03", "opted out", "violence"]),
    ("opt-in-missing", lambda i, s: member(i, "m01").update(opted_in=[]),
     lambda i, s: member(i, "m01").update(opted_in=["child"]), ["m01", "child", "opt-in"]),
    # Rule 2: per member per day
    ("daily-capacity", lambda i, s: member(i, "m02").update(hours_per_day=3.75),
     lambda i, s: member(i, "m02").update(hours_per_day=4),
     ["m02", "2027-01-05", "4 h", "hours_per_day of 3.75"]),
    ("category-daily-cap", lambda i, s: category(i, "bias").update(max_hours_per_day=3.5),
     lambda i, s: category(i, "bias").update(max_hours_per_day=4),
     ["m02", "2027-01-05", "'bias'", "max_hours_per_day of 3.5"]),
    ("severe-ceiling", lambda i, s: (add_shift(i, "vio-wed", "violence", "2027-01-06", 3),
                                     assign(s, "m01", "vio-wed")),
     lambda i, s: member(i, "m01").update(limits={"max_severe_hours_per_day": 5}),
     ["m01", "2027-01-06", "5 h in severity>=3", "ceiling", "of 4"]),
    ("severe-ceiling-override-lower", lambda i, s: member(i, "m01").update(
        limits={"max_severe_hours_per_day": 1.75}),
     lambda i, s: member(i, "m01").update(limits={"max_severe_hours_per_day": 2}),
     ["m01", "2027-01-06", "2 h in severity>=3", "of 1.75"]),
    ("two-shifts-same-category-day-add-up", lambda i, s: (
        add_shift(i, "jail-mon-b", "jail", "2027-01-04", 3.5), assign(s, "m04", "jail-mon-b"),
        assign(s, "m04", "jail-mon"), i["shifts"][0].update(people=3)),
     lambda i, s: category(i, "jail").update(max_hours_per_day=6.5),
     ["m04", "2027-01-04", "6.5 h in category 'jail'", "max_hours_per_day of 6"]),
    # Rule 3: over the planned days
    ("category-weekly-cap", lambda i, s: category(i, "violence").update(max_hours_per_week=3.75),
     lambda i, s: category(i, "violence").update(max_hours_per_week=4),
     ["m03", "4 h in category 'violence'", "max_hours_per_week of 3.75"]),
    ("weekly-capacity", lambda i, s: member(i, "m02").update(hours_per_week=6.75),
     lambda i, s: member(i, "m02").update(hours_per_week=7),
     ["m02", "7 h", "hours_per_week of 6.75"]),
    # Rule 4: rolling dose
    ("7-day-history-across-week-boundary",  # history 13 + planned 8 in 01-01..01-07
     lambda i, s: history(i, "m03", ("2027-01-01", "bias", 5), ("2027-01-02", "bias", 4),
                          ("2027-01-03", "bias", 4)),
     lambda i, s: member(i, "m03")["history"][0].update(hours=4),  # exactly 20 passes
     ["m03 on 2027-01-07", "7-day dose 21", "history 13 + planned 8", "max_dose_7d of 20"]),
    ("history-alone-over-7-day-limit",  # 21 logged in 12-29..12-31; m02 works Monday
     lambda i, s: history(i, "m02", ("2026-12-29", "bias", 7), ("2026-12-30", "bias", 7),
                          ("2026-12-31", "bias", 7)),
     lambda i, s: reassign(s, "jail-mon", "m02", "m04"),
     ["m02 on 2027-01-04", "history alone", "7-day dose of 21", "no planned work",
      "2026-12-29..2027-01-04", "planned dose there is 1.5"]),
    ("history-alone-over-28-day-limit",
     lambda i, s: (member(i, "m04").update(limits={"max_dose_28d": 10}),
                   history(i, "m04", ("2026-12-15", "bias", 11)),
                   reassign(s, "vio-thu", "m03", "m04")),
     lambda i, s: reassign(s, "vio-thu", "m04", "m03"),
     ["m04 on 2027-01-0", "history alone", "28-day dose of 11", "max_dose_28d of 10"]),
    ("28-day-member-override",  # 3 logged + 7.5 planned by Wednesday, limit 10
     lambda i, s: (member(i, "m01").update(limits={"max_dose_28d": 10}),
                   history(i, "m01", ("2026-12-20", "bias", 3))),
     lambda i, s: member(i, "m01").update(limits={"max_dose_28d": 10.5}),
     ["m01", "28-day dose 10.5", "max_dose_28d of 10 (member override)"]),
    ("reduced-load-halves-7-day",  # 3 logged + 8 planned = 11 > 20 x 0.5
     lambda i, s: (member(i, "m03").update(reduced_load=True),
                   history(i, "m03", ("2027-01-03", "jail", 6))),
     lambda i, s: member(i, "m03").update(reduced_load=False),
     ["m03 on 2027-01-0", "7-day dose 11", "max_dose_7d of 10", "reduced_factor 0.5"]),
    # Rule 5: consecutive days and recovery
    ("consecutive-continuing-from-history",  # 01-02, 01-03 logged + Monday planned > 2
     lambda i, s: history(i, "m03", ("2027-01-02", "violence", 1), ("2027-01-03", "violence", 1)),
     lambda i, s: member(i, "m03")["history"].pop(0),  # 01-03 + Monday = 2 passes
     ["m03", "'violence'", "3 consecutive days", "2027-01-02..2027-01-04",
      "max_consecutive_days of 2"]),
    ("consecutive-within-week", lambda i, s: (add_shift(i, "child-thu", "child", "2027-01-07", 2),
                                              assign(s, "m01", "child-thu")),
     lambda i, s: category(i, "child").update(max_consecutive_days=2),
     ["m01", "'child'", "2 consecutive days", "max_consecutive_days of 1"]),
    ("recovery-days", lambda i, s: member(i, "m03").update(limits={"min_recovery_days": 4}),
     lambda i, s: reassign(s, "vio-thu", "m03", "m04"),
     ["m03", "3 recovery day", "min_recovery_days 4"]),
    # Rule 6: pins
    ("pin-missing", lambda i, s: i.update(pins=[{"member": "m04", "shift": "vio-thu"}]),
     lambda i, s: reassign(s, "vio-thu", "m03", "m04"), ["pin m04 -> vio-thu", "not in the assignments"]),
    # Rule 7: unmet list
    ("unmet-not-listed", lambda i, s: add_shift(i, "bias-fri", "bias", "2027-01-08", 2),
     lambda i, s: s["unmet"].append({"shift": "bias-fri", "missing": 1, "summary": "no one free",
                                     "excluded": {}}),
     ["bias-fri", "missing 1 of 1", "not listed"]),
    ("unmet-wrong-count", lambda i, s: (add_shift(i, "bias-fri", "bias", "2027-01-08", 2, 3),
                                        assign(s, "m04", "bias-fri"),
                                        s["unmet"].append({"shift": "bias-fri", "missing": 3,
                                                           "summary": "short", "excluded": {}})),
     lambda i, s: s["unmet"][0].update(missing=2), ["bias-fri", "missing 3", "2 people are missing"]),
    ("unmet-empty-summary", lambda i, s: (add_shift(i, "bias-fri", "bias", "2027-01-08", 2),
                                          s["unmet"].append({"shift": "bias-fri", "missing": 1,
                                                             "summary": "  ", "excluded": {}})),
     lambda i, s: s["unmet"][0].update(summary="everyone is at the weekly cap"),
     ["bias-fri", "no summary"]),
    ("unmet-lists-staffed-shift",
     lambda i, s: s["unmet"].append({"shift": "jail-mon", "missing": 1, "summary": "x"}),
     lambda i, s: s["unmet"].pop(), ["jail-mon", "fully staffed"]),
    ("unmet-unknown-shift",
     lambda i, s: s["unmet"].append({"shift": "ghost", "missing": 1, "summary": "x"}),
     lambda i, s: s["unmet"].pop(), ["unknown shift 'ghost'"]),
    ("unmet-listed-twice", lambda i, s: (add_shift(i, "bias-fri", "bias", "2027-01-08", 2),
                                         s["unmet"].extend([{"shift": "bias-fri", "missing": 1,
                                                             "summary": "x"}] * 2)),
     lambda i, s: s["unmet"].pop(), ["bias-fri", "listed 2 times"]),
    # Rule 8: a no-rotation status does not excuse broken assignments
    ("infeasible-still-checked", lambda i, s: (s.update(status="infeasible"),
                                               member(i, "m03").update(opted_out=["violence"])),
     lambda i, s: s.update(assignments=[]), ["m03", "opted out"]),
]


@pytest.mark.parametrize("breaks, fix, words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_broken_is_named_and_fixed_passes(breaks, fix, words):
    inst, sol = tiny()
    breaks(inst, sol)
    report = verify(inst, sol)
    assert report.violations, "the broken case was accepted"
    for line in report.violations:
        for word in words:
            assert word in line, f"{word!r} not in {line!r} (all: {report.violations})"
    fix(inst, sol)
    assert verify(inst, sol).violations == []


def test_the_tiny_base_case_is_valid():
    assert verify(*tiny()).ok
