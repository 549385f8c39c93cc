"""One test per hard rule, each on a hand-made instance where that rule alone decides."""

import copy

import pytest

from scheduler import PinError, Status, load_instance, solve
from scheduler.check import verify
from scheduler.io import instance_to_dict, solution_to_dict
from scheduler.model import Options

DAYS = ["2026-11-30", "2026-12-01", "2026-12-02"]
FAST = Options(time_limit_s=5, workers=2, seed=0)


def category(cid="jailbreak", severity=1, day=8, week=40, consecutive=7, opt_in=False):
    """A category with generous caps unless told otherwise."""
    return {"id": cid, "name": cid.replace("_", " ").title(), "severity": severity,
            "max_hours_per_day": day, "max_hours_per_week": week,
            "max_consecutive_days": consecutive, "requires_opt_in": opt_in}


def member(mid="m01", **fields):
    """A member with generous capacity unless told otherwise."""
    return {"id": mid, "hours_per_day": 8, "hours_per_week": 40, **fields}


def shift(sid, cat="jailbreak", day=0, hours=2, people=1):
    return {"id": sid, "category": cat, "day": DAYS[day], "hours": hours, "people": people}


def instance(categories, members, shifts, limits=None, pins=(), days=DAYS):
    """A tiny instance dict; limits are generous unless given."""
    base = {"dose_weights": {"1": 0.5, "2": 1, "3": 2, "4": 3}, "max_dose_7d": 100,
            "max_dose_28d": 400, "max_severe_hours_per_day": 8, "min_recovery_days": 0,
            "reduced_factor": 0.5}
    return {"format": "rotawell-instance/1", "days": list(days), "categories": categories,
            "limits": {**base, **(limits or {})}, "members": members, "shifts": shifts,
            "pins": list(pins), "diversity": {"dimensions": []}}


def run(d):
    """Solve, verify with the independent checker, and return the solution dict."""
    inst = load_instance(d)
    sol = solution_to_dict(solve(inst, FAST))
    report = verify(instance_to_dict(inst), copy.deepcopy(sol))
    assert report.ok, report.violations
    return sol


def only_unmet_reason(sol, member_id="m01"):
    """The reason given for the one unmet shift (either shift may be the one left short)."""
    [entry] = sol["unmet"]
    assert entry["missing"] == 1
    assert {a["shift"] for a in sol["assignments"]} | {entry["shift"]} == {"s1", "s2"}
    return (entry["codes"][member_id], entry["excluded"][member_id]), entry["summary"]


CASES = {
    "unavailable": (
        [category()], [member(unavailable=[DAYS[1]])], [shift("s1"), shift("s2", day=1)], {},
        ("unavailable", "unavailable on 2026-12-01")),
    "opted_out": (
        [category(), category("violence", 3)], [member(opted_out=["violence"])],
        [shift("s1"), shift("s2", "violence")], {}, ("opted_out", "opted out of Violence")),
    "opt_in_only": (
        [category(), category("child_safety", 4, opt_in=True)], [member()],
        [shift("s1"), shift("s2", "child_safety")], {},
        ("not_opted_in", "not opted in to Child Safety (opt-in only)")),
    "daily_hours": (
        [category(), category("bias", 2)], [member(hours_per_day=5)],
        [shift("s1", hours=3), shift("s2", "bias", hours=3)], {}, ("day_hours", "at daily hour limit: 6 h of 5 h")),
    "category_daily_cap": (
        [category(day=4)], [member()], [shift("s1", hours=3), shift("s2", hours=3)], {},
        ("category_day_cap", "at Jailbreak daily cap: 6 h of 4 h")),
    "severe_ceiling": (
        [category("violence", 3), category("hate", 3)], [member()],
        [shift("s1", "violence", hours=3), shift("s2", "hate", hours=3)],
        {"max_severe_hours_per_day": 4},
        ("severe_ceiling", "at daily severe-content ceiling: 6 h of 4 h")),
    "category_weekly_cap": (
        [category(week=5)], [member()], [shift("s1", hours=3), shift("s2", day=1, hours=3)],
        {}, ("category_week_cap", "at Jailbreak weekly cap: 6 h of 5 h")),
    "weekly_hours": (
        [category()], [member(hours_per_week=5)],
        [shift("s1", hours=3), shift("s2", day=1, hours=3)], {},
        ("week_hours", "at weekly hour limit: 6 h of 5 h")),
    "dose_7d": (
        [category("bias", 2)], [member()], [shift("s1", "bias", hours=3),
                                           shift("s2", "bias", day=1, hours=3)],
        {"max_dose_7d": 5}, ("dose_7", "at 7-day dose limit: 6 of 5")),
    "dose_28d": (
        [category("bias", 2)],
        [member(history=[{"date": "2026-11-10", "category": "bias", "hours": 8}])],
        [shift("s1", "bias", hours=3), shift("s2", "bias", day=1, hours=3)],
        {"max_dose_28d": 13}, ("dose_28", "at 28-day dose limit: 14 of 13")),
    "consecutive_days_with_history": (
        [category(consecutive=2)],
        [member(history=[{"date": "2026-11-29", "category": "jailbreak", "hours": 1}])],
        [shift("s1", hours=1), shift("s2", day=1, hours=1)], {},
        ("consecutive_days", "would exceed max consecutive days in Jailbreak: 3 of 2")),
    "recovery_days": (
        [category("violence", 3), category("hate", 3)], [member()],
        [shift("s1", "violence"), shift("s2", "hate", day=2)], {"min_recovery_days": 2},
        ("recovery_days", "needs recovery days: 2 without severe work, 1 left")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_alone_leaves_one_shift_unmet(case):
    cats, members, shifts, limits, reason = CASES[case]
    sol = run(instance(cats, members, shifts, limits))
    assert sol["status"] == "optimal"
    assert len(sol["assignments"]) == 1
    excluded, summary = only_unmet_reason(sol)
    assert excluded == reason
    assert summary.endswith(".") and "needs 1 more person" in summary


def test_history_over_limit_blocks_the_whole_window():
    hist = [{"date": "2026-11-29", "category": "bias", "hours": 8}]
    d = instance([category("bias", 2)], [member(history=hist)],
                 [shift("s2", "bias", day=2, hours=1)], {"max_dose_7d": 6})
    sol = run(d)
    assert sol["assignments"] == []
    assert sol["unmet"][0]["codes"]["m01"] == "dose_7"


def test_quarter_hours_fill_capacity_exactly():
    d = instance([category()], [member(hours_per_day=1.75)],
                 [shift("s1", hours=0.75), shift("s2", hours=1)])
    sol = run(d)
    assert sol["unmet"] == [] and len(sol["assignments"]) == 2


def test_reduced_load_halves_dose_limits():
    d = instance([category("bias", 2)], [member(reduced_load=True)],
                 [shift("s1", "bias", hours=3), shift("s2", "bias", day=1, hours=3)],
                 {"max_dose_7d": 10, "reduced_factor": 0.5})
    (code, text), _ = only_unmet_reason(run(d))
    assert code == "dose_7" and text == "at 7-day dose limit: 6 of 5"


def test_pin_is_kept_even_when_another_member_would_be_fairer():
    members = [member("m01"), member("m02", history=[
        {"date": "2026-11-29", "category": "bias", "hours": 6}])]
    d = instance([category("bias", 2)], members, [shift("s1", "bias")],
                 pins=[{"member": "m02", "shift": "s1"}])
    sol = run(d)
    assert sol["assignments"] == [{"member": "m02", "shift": "s1"}]


def test_pin_that_breaks_a_rule_alone_is_an_input_error():
    d = instance([category()], [member(unavailable=[DAYS[0]])], [shift("s1")],
                 pins=[{"member": "m01", "shift": "s1"}])
    with pytest.raises(PinError, match=r"^pins\[0\]: .*unavailable on 2026-11-30"):
        solve(load_instance(d), FAST)


def test_pins_that_clash_together_make_the_instance_infeasible():
    d = instance([category(), category("bias", 2)], [member(hours_per_day=4), member("m02")],
                 [shift("s1", hours=3), shift("s2", "bias", hours=3), shift("s3", day=1)],
                 pins=[{"member": "m01", "shift": "s1"}, {"member": "m01", "shift": "s2"},
                       {"member": "m02", "shift": "s3"}])
    sol = solve(load_instance(d), FAST)
    assert sol.status is Status.INFEASIBLE
    [conflict] = sol.conflicts
    assert {p.shift for p in conflict.pins} == {"s1", "s2"}
    assert "daily hour limit" in conflict.summary
