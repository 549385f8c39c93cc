"""The stage-1 relaxation (scheduler/relax.py) is a valid lower bound and is tight when it should."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler import solve
from scheduler.check import verify
from scheduler.generate import generate
from scheduler.greedy import greedy
from scheduler.io import instance_to_dict, solution_to_dict
from scheduler.model import Category, Instance, Member, Shift
from scheduler.prepare import prepare
from scheduler.relax import stage_one_bound
from tests.scheduler.strategies import FAST, small_teams


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=small_teams, seed=st.integers(0, 10_000))
def test_relaxation_bound_never_exceeds_a_verified_unmet(params, seed):
    inst = generate(params, seed)
    data = prepare(inst)
    lp = stage_one_bound(data, 2.0)
    mip = stage_one_bound(data, 1.0, integral=True)
    assert lp.bound is not None and lp.status == "optimal"
    for sol in (greedy(inst), solve(inst, FAST)):
        report = verify(copy.deepcopy(instance_to_dict(inst)), solution_to_dict(sol))
        assert report.ok, report.violations
        assert lp.bound <= sol.objective.unmet
        assert mip.bound is None or mip.bound <= sol.objective.unmet
    assert sol.bound is not None and sol.bound >= lp.bound  # solve() reports the max


def _two_shifts(day_cap_hours: float) -> Instance:
    """Two members; two 2-hour shifts wanting 2 people each on one day; severity 2.

    With a 2-hour daily cap in the category (or 3 hours: one shift still fills 2 of them and a
    second would exceed it) each member takes one shift, so 2 of the 4 places stay empty:
    the optimum of term 1 is 2 people x severity 2 = 4.
    """
    cat = Category("c", "Category", 2, day_cap_hours, 40, 5)
    members = tuple(Member(f"m{i}", hours_per_day=8, hours_per_week=40) for i in range(2))
    shifts = tuple(Shift(f"s{i}", "c", "2027-01-04", 2, 2) for i in range(2))
    return Instance(days=("2027-01-04",), categories=(cat,), members=members, shifts=shifts)


def test_lp_bound_equals_the_known_optimum_when_the_cap_is_exact():
    data = prepare(_two_shifts(2))
    assert stage_one_bound(data, 2.0).bound == 4
    sol = solve(_two_shifts(2), FAST)
    assert sol.objective.unmet == 4 and sol.bound == 4
    assert sol.stages[0]["status"] == "optimal"


def test_mip_closes_the_lp_gap_on_a_fractional_instance():
    data = prepare(_two_shifts(3))
    lp = stage_one_bound(data, 2.0)
    mip = stage_one_bound(data, 2.0, integral=True)
    assert lp.bound == 2  # x1 + x2 <= 1.5 per member in the LP: 3 of 4 places
    assert mip.bound == 4 and mip.status == "optimal"
