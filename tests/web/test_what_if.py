"""What it would take: each finding is confirmed by a re-solve, and the smallest step is reported."""
from scheduler.io import load_instance, solution_to_dict
from scheduler.solve import solve
from wellbeing.services.what_if import reason_counts, what_it_would_take

DAYS = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]


def _instance(categories, shifts, members=3):
    return {"format": "rotawell-instance/1", "days": DAYS, "categories": categories,
            "limits": {"dose_weights": {"1": 0.5, "2": 1, "3": 2, "4": 3}, "max_dose_7d": 24, "max_dose_28d": 80,
                       "max_severe_hours_per_day": 4, "min_recovery_days": 2, "reduced_factor": 0.5},
            "members": [{"id": f"m{i}", "hours_per_day": 6, "hours_per_week": 30} for i in range(members)],
            "shifts": shifts, "options": {"time_limit_s": 2, "workers": 2, "seed": 0}}


def _solved(instance):
    return solution_to_dict(solve(load_instance(instance)))


def _category(cid, **overrides):
    return {"id": cid, "name": cid.replace("_", " ").title(), "severity": 2, "max_hours_per_day": 4,
            "max_hours_per_week": 12, "max_consecutive_days": 5, "requires_opt_in": False, **overrides}


def test_opt_in_shortfall_names_how_many_more_opt_ins():
    instance = _instance([_category("child_safety", severity=4, requires_opt_in=True)],
                         [{"id": "s1", "category": "child_safety", "day": DAYS[0], "hours": 1, "people": 2}])
    solution = _solved(instance)
    assert solution["unmet"][0]["missing"] == 2
    finding, = what_it_would_take(instance, solution, budget_s=30, probe_s=2)
    assert finding["missing"] == 2
    assert "2 more member(s) opted in to Child Safety" in finding["covered_by"]
    assert not any("1 more member" in c for c in finding["covered_by"])  # one is not enough
    assert finding["reasons"][0][1] == 3  # all three members were kept off, for want of an opt-in


def test_weekly_cap_shortfall_names_the_smallest_raise():
    # one member, weekly cap 4 h, and 5 h of demand over two days: 1 h more cap covers it
    instance = _instance([_category("bias", max_hours_per_week=4)],
                         [{"id": "s1", "category": "bias", "day": DAYS[0], "hours": 3, "people": 1},
                          {"id": "s2", "category": "bias", "day": DAYS[1], "hours": 2, "people": 1}], members=1)
    solution = _solved(instance)
    finding, = what_it_would_take(instance, solution, budget_s=30, probe_s=2)
    assert "the weekly cap of Bias raised by 1 h (to 5 h)" in finding["covered_by"]
    assert not any("raised by 2 h" in c for c in finding["covered_by"])


def test_nothing_short_means_no_findings():
    instance = _instance([_category("bias")], [{"id": "s1", "category": "bias", "day": DAYS[0], "hours": 1,
                                                 "people": 1}])
    assert what_it_would_take(instance, _solved(instance), budget_s=5) == []


def test_reasons_are_counted_by_the_rules_code_not_by_its_words():
    instance = _instance([_category("bias")], [
        {"id": "s1", "category": "bias", "day": DAYS[0], "hours": 1, "people": 3},
        {"id": "s2", "category": "bias", "day": DAYS[1], "hours": 1, "people": 3}])
    solution = {"unmet": [
        {"shift": "s1", "missing": 1, "excluded": {"m0": "unavailable on 2026-11-30",
                                                   "m1": "at 7-day dose limit: 30 of 24"},
         "codes": {"m0": "unavailable", "m1": "dose_7"}},
        {"shift": "s2", "missing": 1, "excluded": {"m0": "unavailable on 2026-12-01",
                                                   "m2": "at 7-day dose limit: 25 of 24"},
         "codes": {"m0": "unavailable", "m2": "dose_7"}}]}
    assert reason_counts(instance, solution, "bias") == [("at 7-day dose limit", 2), ("unavailable", 1)]
