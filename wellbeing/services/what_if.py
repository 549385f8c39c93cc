"""What it would take: the smallest change that covers a shortfall, found by re-solving the stored
instance with the change applied, never by guessing.

Levers tried per short category, smallest first: more members opted in (opt-in categories), a
higher weekly cap, a higher daily cap, higher team-wide dose limits. Each probe is a full solve with
a short time limit; a lever counts only when the probe leaves that category fully staffed.
"""
import copy
import time
from collections import Counter

from scheduler import solve
from scheduler.explain import reason_label
from scheduler.io import load_instance, solution_to_dict

OPT_IN_STEPS = (1, 2, 3, 5)
WEEKLY_CAP_STEPS = (1, 2, 4, 8)
DAILY_CAP_STEPS = (0.5, 1, 2)
DOSE_LIMIT_STEPS = (1.1, 1.25, 1.5)


def _unmet_by_category(instance: dict, solution: dict) -> dict[str, int]:
    category_of = {s["id"]: s["category"] for s in instance["shifts"]}
    totals: Counter = Counter()
    for unmet in solution["unmet"]:
        totals[category_of[unmet["shift"]]] += unmet["missing"]
    return dict(totals)


def reason_counts(instance: dict, solution: dict, category: str) -> list[tuple[str, int]]:
    """How many members each rule kept off this category's short shifts, by the rule's code (all days)."""
    shifts = {s["id"] for s in instance["shifts"] if s["category"] == category}
    members: dict[str, set] = {}
    for unmet in solution["unmet"]:
        if unmet["shift"] in shifts:
            for member, code in unmet.get("codes", {}).items():
                members.setdefault(code, set()).add(member)
    return sorted(((reason_label(code), len(who)) for code, who in members.items()), key=lambda r: -r[1])


def _covers(instance: dict, category: str, seconds: float) -> bool:
    probe = copy.deepcopy(instance)
    probe["options"] = {**probe.get("options", {}), "time_limit_s": seconds}
    solution = solution_to_dict(solve(load_instance(probe)))
    return solution["status"] in ("optimal", "feasible") and _unmet_by_category(probe, solution).get(category, 0) == 0


def _levers(instance: dict, category: dict):
    """(lever, description, changed instance) triples, smallest change first within each lever."""
    cid, name = category["id"], category["name"]
    if category.get("requires_opt_in"):
        candidates = [m for m in instance["members"] if cid not in m.get("opted_in", []) + m.get("opted_out", [])]
        for k in (k for k in OPT_IN_STEPS if k <= len(candidates)):
            changed = copy.deepcopy(instance)
            chosen = {c["id"] for c in candidates[:k]}
            for m in changed["members"]:
                if m["id"] in chosen:
                    m["opted_in"] = [*m.get("opted_in", []), cid]
            yield "opt-in", f"{k} more member(s) opted in to {name}", changed
    for key, steps, unit in (("max_hours_per_week", WEEKLY_CAP_STEPS, "weekly"),
                             ("max_hours_per_day", DAILY_CAP_STEPS, "daily")):
        for extra in steps:
            changed = copy.deepcopy(instance)
            cat = next(c for c in changed["categories"] if c["id"] == cid)
            cat[key] += extra
            yield key, f"the {unit} cap of {name} raised by {extra:g} h (to {cat[key]:g} h)", changed
    for factor in DOSE_LIMIT_STEPS:
        changed = copy.deepcopy(instance)
        for key in ("max_dose_7d", "max_dose_28d"):
            changed["limits"][key] = round(changed["limits"][key] * factor, 2)
        yield "dose", f"the team's 7- and 28-day dose limits raised by {round((factor - 1) * 100)}%", changed


def what_it_would_take(instance: dict, solution: dict, budget_s: float = 60, probe_s: float = 3) -> list[dict]:
    """For each short category: what is missing, why (reason counts) and the changes that would cover it."""
    deadline = time.monotonic() + budget_s
    findings = []
    for cid, missing in sorted(_unmet_by_category(instance, solution).items()):
        category = next(c for c in instance["categories"] if c["id"] == cid)
        covered, found = [], set()
        for lever, description, changed in _levers(instance, category):
            if lever in found or time.monotonic() + probe_s > deadline:
                continue
            if _covers(changed, cid, probe_s):
                covered.append(description)
                found.add(lever)  # the smallest step of this lever is found; skip its bigger steps
        findings.append({"category": category["name"], "missing": missing, "covered_by": covered,
                         "reasons": reason_counts(instance, solution, cid),
                         "complete": time.monotonic() < deadline})
    return findings
