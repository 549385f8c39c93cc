"""The stage-1 relaxation (scheduler/relax.py) is a valid lower bound and is tight when it should."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler import relax, solve
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


def test_pdlp_stopped_before_it_converges_still_gives_a_valid_bound(monkeypatch):
    """PDLP's last iterate counts when a limit stops it (relax._solve_pdlp). Before, the MPSolver
    wrapper returned no duals for a cut-short solve, so XL on a slower machine got no bound."""
    inst = generate("M", seed=0, tightness=1.3)
    data = prepare(inst)
    exact = stage_one_bound(data, 5.0)  # GLOP to optimality: the LP's own value
    monkeypatch.setattr(relax, "LP_SIMPLEX_MAX_PAIRS", 0)  # every model goes to PDLP
    monkeypatch.setattr(relax, "PDLP_PARAMS", relax.PDLP_PARAMS.replace(
        "termination_criteria { ", "termination_criteria { iteration_limit: 1000 "))
    cut = stage_one_bound(data, 30.0)
    assert exact.status == "optimal" and cut.solver == "PDLP"
    assert cut.status == "bound"  # stopped by the limit, not converged
    assert cut.bound is not None and 0 < cut.bound <= exact.bound
    assert cut.bound <= greedy(inst).objective.unmet
    assert cut.prices and all(p >= 0 for p in cut.prices.values())  # the Lagrangian's start
