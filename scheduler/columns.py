"""A start for the moves from column generation: whole member rotas combined by a master LP.

The moves (lns.py) from greedy stall on large teams near capacity (L 1.0: 82 after 150 s
against an LP bound of 70): recent history leaves some members room early in the week and
others late, and the LP covers the week the other way round from the rotas the moves reach.
Column generation finds that shape with whole rotas: each member's *columns* are rotas they
may work (their exact model from lagrange.member_models, so every column keeps every rule);
a master LP picks a mix of columns per member that fits each shift's places; its duals price
the shifts, and each member's best rota at those prices (severity - price per shift) becomes a
new column. The prices are smoothed towards the best Lagrangian prices seen (they start at the
LP relaxation's duals), which keeps the master from oscillating.

When the master is close to the LP bound, most members have one column at 1 (L 1.0: 127 of
250, and 229 at 0.5 or more). The start takes each member's largest column (>= ROUND_AT),
shift by shift where a place is left, and the greedy fills the rest; the moves go on from
there. On L 1.0 with 12 rounds (about 100 s here), 20-30 s of moves from that start reached
72-75 against 79-93 from greedy. It needs time: solve() runs it only when the time limit
leaves room for the rounds (solve._columns_fit).
"""

from __future__ import annotations

import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from ortools.linear_solver import pywraplp

from scheduler.greedy import greedy_pairs
from scheduler.lagrange import SCALE, best_member_rota, member_models
from scheduler.prepare import Prepared

SMOOTHING = 0.5  # weight of the best prices so far in the next round's prices
ROUND_AT = 0.5   # a member's largest column is kept in the start from this master value up
MEMBER_S = 0.2   # time limit of one member's pricing solve


def _master(data: Prepared, columns: dict[int, set]):
    """The master LP (GLOP) over the columns: (unmet, shift prices, column values)."""
    lp = pywraplp.Solver.CreateSolver("GLOP")
    cover = {sd.idx: lp.Constraint(-lp.infinity(), sd.shift.people) for sd in data.shifts}
    values = {}
    for m, rotas in columns.items():
        one = lp.Constraint(-lp.infinity(), 1.0)
        for rota in rotas:
            if not rota:
                continue
            var = lp.NumVar(0.0, 1.0, "")
            values[(m, rota)] = var
            one.SetCoefficient(var, 1.0)
            for s in rota:
                cover[s].SetCoefficient(var, 1.0)
            lp.Objective().SetCoefficient(var, float(sum(data.shifts[s].cat.severity
                                                         for s in rota)))
    lp.Objective().SetMaximization()
    total = sum(sd.cat.severity * sd.shift.people for sd in data.shifts)
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None, {}, {}
    prices = {s: max(0.0, ct.dual_value()) for s, ct in cover.items()}
    return total - lp.Objective().Value(), prices, {k: v.solution_value() for k, v in values.items()}


def _rounded(data: Prepared, values: dict) -> list[tuple[int, int]]:
    """Each member's largest column (>= ROUND_AT), as pairs, members with the fullest first."""
    top: dict[int, tuple[float, frozenset]] = {}
    for (m, rota), value in values.items():
        if value >= ROUND_AT and value > top.get(m, (0.0, None))[0]:
            top[m] = (value, rota)
    order = sorted(top, key=lambda m: -top[m][0])
    return [(m, s) for m in order
            for s in sorted(top[m][1], key=lambda s: -data.shifts[s].cat.severity)]


def guided_start(data: Prepared, pairs, prices: dict[int, float], deadline: float,
                 workers: int = 2) -> tuple[set, dict]:
    """A rota for the moves to start from, built from column generation (module docstring).

    Args:
        data: Prepared data (a large team: the master is an LP over whole rotas).
        pairs: The incumbent; its rotas are the first columns.
        prices: Starting shift prices (the LP relaxation's coverage duals, relax.RelaxBound).
        deadline: time.perf_counter() value by which the rounds stop.
        workers: Threads pricing members at once (CP-SAT releases the GIL).

    Returns:
        (a rota that breaks no rule: pins, the rounded master, then the greedy fill;
        report with the rounds done and the master's last unmet).
    """
    members = member_models(data)
    columns: dict[int, set] = defaultdict(set)
    held = defaultdict(set)
    for m, s in pairs:
        held[m].add(s)
    for m in members:
        columns[m].add(frozenset(held[m]))
    centre = {sd.idx: prices.get(sd.idx, 0.0) for sd in data.shifts}
    total = sum(sd.cat.severity * sd.shift.people for sd in data.shifts)
    best, rounds, master, values, pass_s = None, 0, None, {}, 0.0
    with ThreadPoolExecutor(max(1, workers)) as pool:
        while time.perf_counter() + pass_s < deadline:
            t0 = time.perf_counter()
            price = dict(centre)
            if rounds:
                master, duals, values = _master(data, columns)
                if master is None:
                    break
                price = {s: SMOOTHING * centre[s] + (1 - SMOOTHING) * duals[s] for s in centre}
            gains = {s: round(SCALE * (data.shifts[s].cat.severity - p)) for s, p in price.items()}
            covered = sum(p * data.shifts[s].shift.people for s, p in price.items())
            solved = pool.map(lambda m: (m, best_member_rota(members[m], gains, MEMBER_S)),
                              list(members))
            for m, (value, taken) in solved:
                covered += max(0.0, value) / SCALE
                columns[m].add(frozenset(taken))
            lagrangian = total - covered
            if best is None or lagrangian > best:
                best, centre = lagrangian, price
            rounds += 1
            pass_s = time.perf_counter() - t0
    if rounds:  # the last round's columns enter the master that is rounded
        master, _, values = _master(data, columns)
    start = set(greedy_pairs(data, _rounded(data, values))) if values else set(pairs)
    return start, {"rounds": rounds, "master": None if master is None else round(master, 2)}
