"""A Lagrangian lower bound on unmet demand: coverage relaxed, one exact subproblem per member.

Members interact only through coverage (sum over members of work[m, s] <= people_s). Price each
shift's places with lambda_s >= 0 and drop those rows: for any lambda,

    covered <= sum_s lambda_s x people_s + sum_m max { sum_s (severity_s - lambda_s) x work[m, s] }

where each max runs over member m's own rota under every hard rule (caps, dose windows,
consecutive and recovery days, pins), solved exactly by CP-SAT (a member has a few dozen
eligible shifts; if a solve is cut short its proven upper bound is used, which keeps the
bound valid). So unmet >= total demand - that value, for every lambda >= 0. Unlike the LP
relaxation (relax.py) no member may take a fraction of a shift, which is where the LP is loose
on large teams: each member's leftover dose or hours fill part of a shift there.

The prices start at the LP's coverage duals when the caller passes them
(relax.stage_one_bound(...).prices) and are improved by subgradient steps (Polyak step towards
the incumbent's coverage) until the time is up. Each member's model is built once; a step
changes only its objective. Never changes assignments. solve() does not call it yet: on L one
pass over the members' exact subproblems takes 3.5-6 s (bench/results.md); `python -m scheduler
bound INSTANCE --time-limit S` runs it (beside the LP) with as much time as the reader gives it.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.constraints import build_hard_model
from scheduler.prepare import Prepared

_TOL = 1e-6
SCALE = 1000  # prices on a 1/1000 grid: CP-SAT objectives are integer


@dataclass(frozen=True)
class LagrangeBound:
    """Outcome: bound (unmet, rounded up; None if none), steps taken, seconds."""

    bound: int | None
    raw: float | None
    steps: int
    wall_s: float


@dataclass
class _Member:
    model: cp_model.CpModel
    x: dict        # shift index -> BoolVar
    pinned: set    # shift indices the member is pinned to (work = 1 in every rota)


def member_data(data: Prepared, m: int, shifts: list[int]) -> Prepared:
    """Prepared data in which only member m has variables, on their eligible `shifts`."""
    chosen = set(shifts)
    eligible = {sd.idx: [m] if sd.idx in chosen else [] for sd in data.shifts}
    ident = data.members[m].member.id
    pins = tuple(p for p in data.instance.pins if p.member == ident)
    return dataclasses.replace(data, instance=dataclasses.replace(data.instance, pins=pins),
                               eligible=eligible, active=frozenset({m}))


def member_models(data: Prepared) -> dict[int, _Member]:
    """Each member's own CP-SAT model: their eligible shifts under every hard rule, pins kept."""
    shifts_of = defaultdict(list)
    for sd in data.shifts:
        if sd.shift.people > 0:
            for m in data.eligible[sd.idx]:
                shifts_of[m].append(sd.idx)
    out = {}
    for m, shifts in shifts_of.items():
        sub = member_data(data, m, shifts)
        model, v = build_hard_model(sub)
        pinned = {data.shift_index[p.shift] for p in sub.instance.pins}
        out[m] = _Member(model, {s: x for (_, s), x in v.x.items()}, pinned)
    return out


def _solve_member(member: _Member, terms: list, seconds: float):
    """Maximise sum(weight x work) over the member's rotas; returns (solver, status).

    No presolve (measured on L: 29 -> 14 ms a member) and LP-guided search (L 1.0 at the LP's
    prices, 250 members: 3.5 s -> 1.9 s, every one optimal either way).
    """
    member.model.clear_objective()
    member.model.maximize(cp_model.LinearExpr.WeightedSum([x for _, x in terms],
                                                          [g for g, _ in terms]))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.cp_model_presolve = False
    solver.parameters.search_branching = cp_model.LP_SEARCH
    solver.parameters.max_time_in_seconds = max(0.005, seconds)
    return solver, solver.solve(member.model)


def best_member_rota(member: _Member, gains: dict[int, int],
                     seconds: float) -> tuple[float, set[int]]:
    """An upper bound on max sum(gain_s x work_s) over the member's rotas, and a good rota.

    Shifts with gain <= 0 are left out of the objective: an unpinned one adds at most 0, a
    pinned one adds exactly its gain (it is in every rota), so both are accounted for exactly.
    """
    terms = [(g, x) for s, x in member.x.items() if (g := gains.get(s, 0)) > 0]
    fixed = sum(gains.get(s, 0) for s in member.pinned if gains.get(s, 0) <= 0)
    if not terms:
        return float(fixed), set(member.pinned)
    solver, status = _solve_member(member, terms, seconds)
    if status == cp_model.OPTIMAL:
        value = solver.objective_value
    elif status == cp_model.FEASIBLE:
        value = solver.best_objective_bound  # proven, so still an upper bound
    else:  # nothing in time (taking nothing, or only the pins, is always allowed)
        return float(sum(g for g, _ in terms) + fixed), set(member.pinned)
    taken = {s for s, x in member.x.items() if solver.boolean_value(x)}
    return float(value + fixed), taken


def member_rota(member: _Member, gains: dict[int, int], seconds: float) -> set[int]:
    """A rota of the member's with a high sum(gain_s x work_s): the best found in `seconds`.

    Unlike best_member_rota, shifts with a negative gain are in the objective, so the rota
    takes one only where a pin forces it (sequential.py prices full shifts that way).
    """
    terms = [(g, x) for s, x in member.x.items() if (g := gains.get(s, 0)) != 0]
    if not any(g > 0 for g, _ in terms):
        return set(member.pinned)
    solver, status = _solve_member(member, terms, seconds)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return set(member.pinned)
    return {s for s, x in member.x.items() if solver.boolean_value(x)}


def lagrangian_bound(data: Prepared, seconds: float, prices: dict[int, float] | None = None,
                     incumbent_unmet: int | None = None) -> LagrangeBound:
    """Lower bound on unmet demand by Lagrangian relaxation of coverage (module docstring).

    Args:
        data: Prepared data of the whole instance.
        seconds: Time for building and the subgradient steps together.
        prices: Starting lambda per shift index (e.g. the LP's coverage duals; a shift left
            out gets 0); None: half each shift's severity.
        incumbent_unmet: Unmet demand of the best rota known (the Polyak step's target).

    Returns:
        The best bound over the steps taken (None if not even one step finished).
    """
    t0 = time.perf_counter()
    deadline = t0 + seconds
    total = sum(sd.cat.severity * sd.shift.people for sd in data.shifts)
    lam = {sd.idx: max(0.0, min(float(sd.cat.severity), sd.cat.severity / 2 if prices is None
                                else prices.get(sd.idx, 0.0)))
           for sd in data.shifts}
    members = member_models(data)
    target = total - (incumbent_unmet if incumbent_unmet is not None else 0)
    best, steps, step_size = None, 0, 1.0
    while time.perf_counter() < deadline:
        grid = {s: round(SCALE * lam[s]) / SCALE for s in lam}  # what the bound uses
        gains = {s: round(SCALE * (data.shifts[s].cat.severity - grid[s])) for s in grid}
        covered = sum(grid[s] * data.shifts[s].shift.people for s in grid)
        load = defaultdict(int)
        per_member = max(0.005, (deadline - time.perf_counter()) / max(1, len(members)))
        for m, member in members.items():
            value, taken = best_member_rota(member, gains, per_member)
            covered += value / SCALE
            for s in taken:
                load[s] += 1
        if time.perf_counter() > deadline and best is not None:
            break
        steps += 1
        raw = max(0.0, total - covered)
        best = raw if best is None else max(best, raw)
        g = {s: data.shifts[s].shift.people - load[s] for s in lam}
        norm = sum(v * v for v in g.values())
        if norm == 0:
            break  # the relaxed rotas fill every place exactly: lambda is optimal
        step = step_size * max(covered - target, 1.0) / norm
        lam = {s: min(float(data.shifts[s].cat.severity), max(0.0, lam[s] - step * g[s]))
               for s in lam}
        if steps % 5 == 0:
            step_size /= 2
    wall = round(time.perf_counter() - t0, 3)
    if best is None:
        return LagrangeBound(None, None, steps, wall)
    return LagrangeBound(math.ceil(best - _TOL), round(best, 6), steps, wall)
