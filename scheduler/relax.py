"""A lower bound on stage 1 (unmet demand) from a linear relaxation or MIP of the same model.

CP-SAT's own bound on term 1 is weak or missing on large teams, so solve.py also builds the
stage-1 problem with OR-Tools' linear solver wrapper (pywraplp): the same work[m, s] pairs
(eligibility pruning from prepare.py), coverage, daily hours / category / severe caps, weekly
hours / category caps, the rolling 7- and 28-day dose windows (history allowances from
prepare.py), recovery days, consecutive days and pins. Per member-day aggregates (hours, dose,
"works category c", "works severe") are continuous variables, so no row is O(shifts x days).

With `integral=True` the work variables are integers (a MIP: HiGHS, else SCIP, else CBC) and the
solver's best bound is used; otherwise GLOP (small models) or PDLP (large ones) solves the LP
relaxation and the bound is recomputed from its row duals (dual_bound), which PDLP leaves even
when its time limit stops it. Any bound of a relaxation of the stage-1 model is a valid lower bound on unmet
demand; it is rounded up because unmet demand is an integer. The relaxation never produces
assignments for the rota: it only bounds.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.linear_solver import linear_solver_pb2, pywraplp

from scheduler import linear
from scheduler.prepare import MemberData, Prepared

MIP_SOLVERS = ("HIGHS", "SCIP", "CBC")
LP_SIMPLEX_MAX_PAIRS = 20_000  # above this many work pairs the LP goes to PDLP, not GLOP
# Loose PDLP tolerances: the bound is recomputed from the duals (dual_bound), so accuracy only
# costs tightness, never validity.
PDLP_PARAMS = ("num_threads: 2 termination_criteria { simple_optimality_criteria { "
               "eps_optimal_absolute: %g eps_optimal_relative: %g } }")
PDLP_EPS = 1e-4
_TOL = 1e-6  # absolute slack before rounding a floating-point bound up
MIN_SOLVE_S = 0.05  # a solve given less than this after the build is not started
AFTER_SOLVE = 0.4  # PDLP's export and the bound from its duals, per second of build (XL: 3 of 11 s)


@dataclass(frozen=True)
class RelaxBound:
    """Outcome of one relaxation solve.

    Attributes:
        bound: Lower bound on unmet demand (rounded up to an integer), None if none was proven.
        raw: The solver's bound before rounding (unmet units), None if none.
        solver: Backend name, e.g. "GLOP" or "HIGHS".
        status: "optimal" (relaxation solved to optimality), "bound" (MIP stopped with a
            bound) or "none".
        wall_s: Build plus solve time in seconds.
        prices: The LP's dual value of each shift's coverage row (shift index -> >= 0), the
            Lagrangian bound's starting prices (lagrange.py); empty for a MIP or no solve.
    """

    bound: int | None
    raw: float | None
    solver: str
    status: str
    wall_s: float
    prices: dict = field(default_factory=dict)


def _mip_solver():
    for name in MIP_SOLVERS:
        solver = pywraplp.Solver.CreateSolver(name)
        if solver is not None:
            return name, solver
    return None, None


def _work_vars(lp, data: Prepared, integral: bool):
    """x[m, s] in [0, 1] (pins fixed to 1) and the per member-day index."""
    pinned = {(data.member_index[p.member], data.shift_index[p.shift])
              for p in data.instance.pins}
    x, by_md = {}, defaultdict(list)
    for sd in data.shifts:
        for m in data.eligible[sd.idx]:
            lo = 1.0 if (m, sd.idx) in pinned else 0.0
            var = lp.IntVar(lo, 1.0, "") if integral else lp.NumVar(lo, 1.0, "")
            x[(m, sd.idx)] = var
            by_md[(m, sd.day)].append((sd, var))
    return x, by_md


class _Lp:
    """A pywraplp solver plus a record of its rows, for the dual bound check (dual_bound)."""

    def __init__(self, solver):
        self.solver, self.rows, self.coverage = solver, [], {}

    def __getattr__(self, name):
        return getattr(self.solver, name)

    def constraint(self, lo: float, hi: float, terms) -> None:
        """Add lo <= sum(coef * var) <= hi and remember it (its variables' indices are read in
        dual_bound, for the few rows with a dual: on XL 7,400 of 102,000)."""
        ct = self.solver.Constraint(lo, hi)
        for c, var in terms:
            ct.SetCoefficient(var, float(c))
        self.rows.append((ct, lo, hi, terms))


def _row(lp, terms, ub: float) -> bool:
    """sum(coef * var) <= ub, skipped when it cannot bind; whether it was added."""
    if terms and sum(c for c, _ in terms) > ub:
        lp.constraint(-math.inf, float(ub), terms)
        return True
    return False


def _aggregate(lp, terms, ub: float):
    """A continuous variable equal to sum(coef * var), with upper bound ub."""
    agg = lp.NumVar(0.0, float(ub), "")
    lp.constraint(0.0, 0.0, [(-1.0, agg), *terms])
    return agg


def _at_least(lp, var, xs) -> None:
    """var >= each x in xs (the one-sided 'works' indicator of constraints.works_literal)."""
    for x in xs:
        lp.constraint(0.0, math.inf, [(1.0, var), (-1.0, x)])


def _indicator(lp, xs):
    """Continuous z in [0, 1] with z >= every x (integral whenever the x are: z = max x is best)."""
    if len(xs) == 1:
        return xs[0]
    var = lp.NumVar(0.0, 1.0, "")
    _at_least(lp, var, xs)
    return var


def _member_rows(lp, md: MemberData, by_md, data: Prepared, lean: bool) -> None:
    """Every per-member rule (rows from linear.py): daily and weekly caps, dose windows,
    recovery and consecutive days. With `lean`, the last two are dropped (still a bound).
    """
    items_all, dose, severe_days, works = [], {}, [], defaultdict(dict)
    for d in range(data.n_days):
        items = by_md.get((md.idx, d))
        if not items:
            continue
        items_all.extend(items)
        for terms, cap in linear.daily_rows(md, items):
            _row(lp, terms, cap)
        dose[d] = _aggregate(lp, [(md.dose_units(sd), x) for sd, x in items],
                             min(md.rem7[d], md.rem28[d]))
        if lean:
            continue
        per_cat = defaultdict(list)
        for sd, x in items:
            per_cat[sd.cat.id].append(x)
        for cat, xs in per_cat.items():
            works[cat][d] = _indicator(lp, xs)
        severe = [x for sd, x in items if sd.severe]
        if severe:
            severe_days.append((1, _indicator(lp, severe)))
    for terms, cap in linear.weekly_rows(md, items_all):
        _row(lp, terms, cap)
    for days, cap in linear.dose_windows(md, data.n_days):
        terms = [(1, dose[d]) for d in days if d in dose]
        if len(terms) > 1:
            lp.constraint(-math.inf, float(cap), terms)
    _row(lp, severe_days, linear.recovery_cap(md, data))
    for cat_id, lits in works.items():
        for terms, cap in linear.consecutive_rows(md, cat_id, lits, data):
            lp.constraint(-math.inf, float(cap), terms)


def build(lp, data: Prepared, integral: bool, lean: bool = False):
    """Build the stage-1 model in `lp`; returns (x, total) where unmet = total - covered.

    Args:
        lp: An empty pywraplp.Solver.
        data: Prepared data (all members).
        integral: Integer work variables (MIP) or continuous ones (LP relaxation).
        lean: Drop the recovery-day and consecutive-day rules (about half the rows).

    Returns:
        The work variables by (member, shift) and the total severity-weighted demand; the
        objective (maximise severity-weighted coverage) is set. lp.coverage maps a shift
        index to its coverage row (rows that cannot bind are not added).
    """
    x, by_md = _work_vars(lp, data, integral)
    lp.coverage = {}
    for sd in data.shifts:
        xs = [(1, x[(m, sd.idx)]) for m in data.eligible[sd.idx]]
        if _row(lp, xs, sd.shift.people):
            lp.coverage[sd.idx] = lp.rows[-1][0]
    for md in data.members:
        _member_rows(lp, md, by_md, data, lean)
    obj = lp.Objective()
    for (_, s), var in x.items():
        obj.SetCoefficient(var, float(data.shifts[s].cat.severity))
    obj.SetMaximization()
    return x, sum(sd.cat.severity * sd.shift.people for sd in data.shifts)


def dual_bound(lp: _Lp, objective: dict, dual_of=None) -> float | None:
    """Upper bound on max c.x from the solver's row duals, by weak duality (tolerance-proof).

    For any multipliers y, c.x = (c - A'y).x + y.(Ax) <= sum_i y_i (hi_i if y_i > 0 else lo_i)
    + sum_j max(r_j lb_j, r_j ub_j) with r = c - A'y. A y_i whose side is infinite is set to 0,
    so the value is a valid bound whatever accuracy the LP solver reached.

    Args:
        lp: The built model, after a solve that produced duals.
        objective: Variable index -> objective coefficient (maximised).
        dual_of: Row -> its dual value (default: the solver's `dual_value()`).

    Returns:
        The bound, or None if it is not finite.
    """
    dual_of = dual_of or _solver_dual
    variables = lp.variables()
    r = [objective.get(j, 0.0) for j in range(len(variables))]
    total = 0.0
    for ct, lo, hi, terms in lp.rows:
        y = dual_of(ct)
        if not math.isfinite(y) or y == 0 or (y > 0 and hi == math.inf) \
                or (y < 0 and lo == -math.inf):
            continue
        total += y * (hi if y > 0 else lo)
        for c, var in terms:
            r[var.index()] -= y * c
    for j, var in enumerate(variables):
        total += max(r[j] * var.lb(), r[j] * var.ub())
    return total if math.isfinite(total) else None


def _solver_dual(ct) -> float:
    """A row's dual value as the MPSolver holds it after a solve."""
    return ct.dual_value()


def _solve_covered(lp: _Lp, integral: bool, objective: dict):
    """Solve; return (upper bound on coverage or None, status word, row -> dual value)."""
    status = lp.Solve()
    dual_of = _solver_dual
    if integral:
        if status in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
            kind = "optimal" if status == pywraplp.Solver.OPTIMAL else "bound"
            return lp.Objective().BestBound(), kind, dual_of
        return None, "none", dual_of
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return None, "none", dual_of
    kind = "optimal" if status == pywraplp.Solver.OPTIMAL else "bound"
    return dual_bound(lp, objective), kind, dual_of


def _solve_pdlp(lp: _Lp, objective: dict, seconds: float):
    """PDLP by SolveWithProto, whose answer keeps the last iterate's duals when the time limit
    stops it; the MPSolver wrapper drops them (status NOT_SOLVED, no dual values), which left
    XL on a slower machine with no bound after 18 s. By weak duality (dual_bound) any duals
    give a valid bound, but a cut-short iterate's can be far from the LP's value (XL 1.0 cut at
    15 s on that machine: 42.7 once, 3.1 another time; converged at 1e-4: 43).

    Returns:
        (upper bound on coverage or None, status word, row -> dual value).
    """
    request = linear_solver_pb2.MPModelRequest()
    lp.solver.ExportModelToProto(request.model)
    request.solver_type = linear_solver_pb2.MPModelRequest.PDLP_LINEAR_PROGRAMMING
    request.solver_specific_parameters = PDLP_PARAMS % (PDLP_EPS, PDLP_EPS)
    request.solver_time_limit_seconds = seconds
    response = linear_solver_pb2.MPSolutionResponse()
    pywraplp.Solver.SolveWithProto(request, response)
    duals = list(response.dual_value)

    def dual_of(ct) -> float:
        return duals[ct.index()]

    if len(duals) != lp.solver.NumConstraints():
        return None, "none", dual_of
    kind = "optimal" if response.status == linear_solver_pb2.MPSOLVER_OPTIMAL else "bound"
    return dual_bound(lp, objective, dual_of), kind, dual_of


def _backend(integral: bool, size: int):
    if integral:
        return _mip_solver()
    if size <= LP_SIMPLEX_MAX_PAIRS:
        return "GLOP", pywraplp.Solver.CreateSolver("GLOP")
    return "PDLP", pywraplp.Solver.CreateSolver("PDLP")  # solved by _solve_pdlp


def stage_one_bound(data: Prepared, seconds: float, integral: bool = False,
                    until: float | None = None) -> RelaxBound:
    """Lower bound on unmet demand from the LP relaxation or a MIP (HiGHS/SCIP/CBC).

    The LP is solved by GLOP on small models and by PDLP (first-order) on large ones; in both
    cases the bound is recomputed from the row duals by weak duality (dual_bound), so it is
    valid even at a loose tolerance, and for PDLP even when its time limit stopped it
    (_solve_pdlp: status "bound"). On PDLP models the recovery-day and consecutive-day rules
    are dropped (build.lean): on L that halves the time and lowers the bound by under 1%.

    Args:
        data: Prepared data of the whole instance.
        seconds: Time limit of the solve (model building comes on top; it is linear in size).
        integral: Solve the MIP and use its best bound instead of the LP relaxation.
        until: time.perf_counter() value by which building and solving must both end: the
            solve gets min(seconds, what the build left less AFTER_SOLVE x the build's time
            for the export and the bound after it) and is not started if under MIN_SOLVE_S is
            left (status "none"). None: `seconds` for the solve alone.

    Returns:
        The bound (None when the solver proved nothing in time: GLOP or a MIP stopped, PDLP
        with no duals); never any assignment.
    """
    t0 = time.perf_counter()
    name, solver = _backend(integral, data.work_pairs())
    if solver is None:
        return RelaxBound(None, None, "none", "none", 0.0)
    solver.SuppressOutput()
    lp = _Lp(solver)
    x, total = build(lp, data, integral, lean=name == "PDLP")
    objective = {var.index(): float(data.shifts[s].cat.severity) for (_, s), var in x.items()}
    if until is not None:  # exporting the model and the bound from the duals come after
        built = time.perf_counter()
        seconds = min(seconds, until - built - AFTER_SOLVE * (built - t0))
        if seconds < MIN_SOLVE_S:
            return RelaxBound(None, None, name, "none", round(time.perf_counter() - t0, 3))
    if name == "PDLP":
        covered, kind, dual_of = _solve_pdlp(lp, objective, seconds)
    else:
        solver.SetTimeLimit(max(1, int(1000 * seconds)))
        covered, kind, dual_of = _solve_covered(lp, integral, objective)
    wall = round(time.perf_counter() - t0, 3)
    if covered is None or not math.isfinite(covered):
        return RelaxBound(None, None, name, "none", wall)
    raw = max(0.0, total - covered)
    prices = {} if integral else {s: max(0.0, dual_of(ct)) for s, ct in lp.coverage.items()}
    return RelaxBound(math.ceil(raw - _TOL), round(raw, 6), name, kind, wall, prices)
