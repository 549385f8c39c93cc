"""Boundaries where a verifier most easily goes wrong: exact sums, defaults, malformed input."""

import pytest

from scheduler.check import CheckInputError, verify
from tests.scheduler.test_check_rules import add_shift, assign, category, history, member, tiny


def test_quarter_hours_summing_exactly_to_the_caps_pass():
    inst, sol = tiny()
    member(inst, "m04").update(hours_per_day=1.75, hours_per_week=1.75)
    for k, hours in enumerate((0.25, 0.5, 1)):  # 1.75 h on one day, three shifts
        add_shift(inst, f"q{k}", "jail", "2027-01-08", hours)
        assign(sol, "m04", f"q{k}")
    assert verify(inst, sol).violations == []
    member(inst, "m04").update(hours_per_day=1.5)
    (line,) = verify(inst, sol).violations
    assert "1.75 h planned" in line and "hours_per_day of 1.5" in line


def test_decimal_hours_that_float_addition_would_push_over_the_cap_pass():
    # 1.1 + 2.2 == 3.3000000000000003 in floats; the format's numbers are decimal text
    inst, sol = tiny()
    member(inst, "m04").update(hours_per_day=3.3)
    add_shift(inst, "a", "jail", "2027-01-08", 1.1)
    add_shift(inst, "b", "jail", "2027-01-08", 2.2)
    assign(sol, "m04", "a")
    assign(sol, "m04", "b")
    assert verify(inst, sol).violations == []


def test_dose_exactly_at_a_decimal_limit_passes():
    # three days of 1 h at weight 0.1 sum to 0.30000000000000004 in floats; limit 0.3 exactly
    inst, sol = tiny()
    member(inst, "m04").update(limits={"dose_weights": {"2": 0.1}, "max_dose_7d": 0.3})
    for day in ("2027-01-06", "2027-01-07", "2027-01-08"):
        add_shift(inst, f"b{day}", "bias", day, 1)
        assign(sol, "m04", f"b{day}")
    assert verify(inst, sol).violations == []
    member(inst, "m04")["limits"]["max_dose_7d"] = 0.29
    assert all("7-day dose 0.3" in v for v in verify(inst, sol).violations)


def test_reduced_factor_applies_after_the_member_override():
    inst, sol = tiny()
    member(inst, "m03").update(reduced_load=True, limits={"max_dose_7d": 15})  # 7.5 effective
    violations = verify(inst, sol).violations
    assert violations and all("max_dose_7d of 7.5 (15 member override x reduced_factor 0.5"
                              in v for v in violations)


def test_history_over_a_limit_without_planned_work_in_the_window_passes():
    inst, sol = tiny()
    history(inst, "m04", ("2027-01-01", "bias", 30))  # m04 has no planned work at all
    history(inst, "m03", ("2026-12-01", "bias", 70))  # 28-day windows start 2026-12-08
    assert verify(inst, sol).violations == []


def test_a_history_only_run_longer_than_the_cap_is_not_this_weeks_violation():
    inst, sol = tiny()
    history(inst, "m03", *[(f"2026-12-{d}", "violence", 1) for d in range(20, 26)])
    assert verify(inst, sol).violations == []


def test_zero_hour_history_does_not_extend_a_run():
    inst, sol = tiny()
    history(inst, "m03", ("2027-01-02", "violence", 1), ("2027-01-03", "violence", 0))
    assert verify(inst, sol).violations == []


def test_unavailable_days_count_as_recovery():
    inst, sol = tiny()
    member(inst, "m03").update(limits={"min_recovery_days": 3}, unavailable=["2027-01-05"])
    assert verify(inst, sol).violations == []


def test_recovery_longer_than_the_plan_forbids_severe_work_only():
    inst, sol = tiny()
    inst["limits"]["min_recovery_days"] = 6  # more than the 5 planned days: every day must be free
    violations = [v for v in verify(inst, sol).violations if "recovery" in v]
    assert sorted(v.split(":")[0] for v in violations) == ["m01", "m03"]  # the two with severity >= 3 work


def test_empty_rotation_with_no_rotation_status_is_accepted_even_with_pins():
    inst, sol = tiny()
    inst["pins"] = [{"member": "m01", "shift": "jail-mon"}]
    for status in ("infeasible", "unknown"):
        sol.update(status=status, assignments=[], objective={"unmet": 999})
        assert verify(inst, sol).ok


def test_objective_mismatch_is_ignored_without_a_rotation_status():
    inst, sol = tiny()
    sol.update(status="unknown", objective={"unmet": 999, "diversity": -1})
    assert verify(inst, sol).ok


def test_optional_instance_keys_may_be_missing():
    inst, sol = tiny()
    del inst["diversity"], inst["options"]
    inst.pop("pins", None)
    assert verify(inst, sol).ok
    assert verify(inst, sol).objective["diversity"] == 0


@pytest.mark.parametrize("edit, path", [
    (lambda i, s: i.pop("days"), "instance.days"),
    (lambda i, s: i["days"].__setitem__(2, "2027-01-09"), "instance.days[2]"),
    (lambda i, s: member(i, "m01").update(hours_per_day="six"), "instance.members[0].hours_per_day"),
    (lambda i, s: category(i, "bias").update(severity=7), "instance.categories[1].severity"),
    (lambda i, s: i["shifts"][0].update(day="2027-02-01"), "instance.shifts[0].day"),
    (lambda i, s: i["shifts"][0].update(category="nope"), "instance.shifts[0].category"),
    (lambda i, s: history(i, "m01", ("2027-01-04", "bias", 1)), "instance.members[0].history[0].date"),
    (lambda i, s: i.update(pins=[{"member": "zz", "shift": "jail-mon"}]), "instance.pins[0].member"),
    (lambda i, s: s.update(status="done"), "solution.status"),
    (lambda i, s: s["assignments"].append({"member": "m01"}), "solution.assignments[6].shift"),
    (lambda i, s: s.update(unmet=[{"shift": "x"}]), "solution.unmet[0].missing"),
])
def test_malformed_input_raises_an_error_naming_the_path(edit, path):
    inst, sol = tiny()
    edit(inst, sol)
    with pytest.raises(CheckInputError, match=r"^" + path.replace("[", r"\[").replace("]", r"\]")):
        verify(inst, sol)


def test_a_null_objective_is_recomputed_not_compared():
    inst, sol = tiny()
    sol["objective"] = None
    assert verify(inst, sol).ok


def test_short_plan_needs_every_day_free_of_severe_work_not_more():
    """With fewer planned days than min_recovery_days, an idle member passes and severe work fails."""
    import copy
    from scheduler.check import verify
    instance = {"format": "rotawell-instance/1", "days": ["2026-11-30"],
                "categories": [{"id": "v", "name": "Violence", "severity": 3, "max_hours_per_day": 3,
                                "max_hours_per_week": 8, "max_consecutive_days": 2, "requires_opt_in": False}],
                "limits": {"dose_weights": {"1": 0.5, "2": 1, "3": 2, "4": 3}, "max_dose_7d": 24,
                           "max_dose_28d": 80, "max_severe_hours_per_day": 4, "min_recovery_days": 2,
                           "reduced_factor": 0.5},
                "members": [{"id": "m1", "hours_per_day": 6, "hours_per_week": 20}],
                "shifts": [{"id": "s1", "category": "v", "day": "2026-11-30", "hours": 1, "people": 1}]}
    idle = {"format": "rotawell-solution/1", "status": "optimal", "assignments": [],
            "unmet": [{"shift": "s1", "missing": 1, "summary": "needs recovery days", "excluded": {}}],
            "objective": None}
    assert verify(instance, idle).ok
    busy = copy.deepcopy(idle)
    busy["assignments"], busy["unmet"] = [{"member": "m1", "shift": "s1"}], []
    assert any("recovery day" in v for v in verify(instance, busy).violations)
