"""The Lagrangian bound (scheduler/lagrange.py) never exceeds the optimum and beats the LP where
members can only take whole shifts."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from scheduler.constraints import build_hard_model
from scheduler.generate import generate
from scheduler.lagrange import lagrangian_bound
from scheduler.model import Pin
from scheduler.objective import term_unmet
from scheduler.prepare import prepare
from scheduler.relax import stage_one_bound
from tests.scheduler.strategies import small_teams
from tests.scheduler.test_relax import _two_shifts


def _optimum(data) -> int | None:
    """Term 1's optimum by CP-SAT, or None if not proven in 20 s."""
    model, v = build_hard_model(data)
    expr, _ = term_unmet(model, v, data)
    if isinstance(expr, int):
        return expr
    model.minimize(expr)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 20
    status = solver.solve(model)
    return round(solver.objective_value) if status == cp_model.OPTIMAL else None


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=small_teams, seed=st.integers(0, 10_000), tightness=st.sampled_from([0.9, 1.3, 2]),
       start=st.sampled_from([None, 0.0, 1.0]))
def test_the_bound_never_exceeds_a_proven_optimum(params, seed, tightness, start):
    data = prepare(generate(params, seed, tightness=tightness))
    best = _optimum(data)
    prices = None if start is None else {sd.idx: start * sd.cat.severity for sd in data.shifts}
    result = lagrangian_bound(data, 1.0, prices=prices, incumbent_unmet=best)
    assert result.bound is not None and result.steps >= 1
    if best is not None:
        assert result.bound <= best


def test_whole_shifts_close_the_lp_gap():
    # each member may work 3 hours; two 2-hour shifts: the LP takes 1.5 shifts each, a member
    # only one; the optimum leaves 2 people x severity 2 = 4 unmet
    data = prepare(_two_shifts(3))
    assert stage_one_bound(data, 2.0).bound == 2
    assert lagrangian_bound(data, 1.0, incumbent_unmet=4).bound == 4 == _optimum(data)


def test_pins_count_whatever_their_price():
    inst = _two_shifts(3)
    inst = inst.__class__(**{**inst.__dict__, "pins": (Pin("m0", "s0"), Pin("m1", "s0"))})
    data = prepare(inst)
    for price in (0.0, 2.0):
        result = lagrangian_bound(data, 0.5, prices=dict.fromkeys(range(2), price))
        assert result.bound == 4 == _optimum(data)
