"""solve(instance) -> Solution: prepare, build the model, solve the stages, check status, extract.

The five objective terms are optimised lexicographically (see objective.py). Stage 1 is hinted
with the greedy baseline, so a solution at least as good as greedy on unmet demand is always
available, even when CP-SAT finds nothing better within its share of the time.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.columns import guided_start
from scheduler.constraints import Vars, build_hard_model
from scheduler.explain import explain_unmet, pins_conflicting
from scheduler.greedy import greedy_pairs
from scheduler.lns import improve_unmet, unmet_of
from scheduler.moves import move_threads
from scheduler.model import Assignment, Instance, Options, PinError, Solution, Status, Term
from scheduler.objective import STAGE_SHARES, build_term, evaluate, model_value, term_unmet
from scheduler.pins import find_conflicts
from scheduler.polish import improve_stage, step_key
from scheduler.prepare import Prepared, prepare
from scheduler.relax import LP_SIMPLEX_MAX_PAIRS, stage_one_bound
from scheduler.rules import blocking_rule
from scheduler.sequential import sequential_start

_OK = (cp_model.OPTIMAL, cp_model.FEASIBLE)
RELAX_SHARE = 0.3  # share of the time limit the LP relaxation's solve may use (building extra)
COLUMNS_S_PER_MEMBER = 0.4  # stage-1 time left, per member, that column generation needs
COLUMNS_SHARE = 0.6  # ... of which it takes this share; the moves from its start get the rest
POLISH_SHARE = 0.5  # share of a later stage's time for moves before the full CP-SAT solve
POLISH_PATIENCE = 20  # ... and the moves give way to it after this many fruitless ones
LNS_PATIENCE = 50  # small models: moves give way to the final full solve after this many fruitless ones
SEQUENTIAL_S_PER_MEMBER = 0.02  # stage-1 time left, per member, that one pass needs (here:
# building the member models and a pass took 18 ms a member on L, 11-16 ms on XL)
SEQUENTIAL_SHARE = 0.6  # share of stage 1's time left that the sequential start's passes may use
RELAX_NEED = 5.0  # the LP on a large model took up to this many times prepare() and the
# greedy together (2026-12-02: XL 1.0 33.8 s against 7.0 s, L 1.0 5.0 s against 1.8 s, L 1.3
# 3.9 s against 1.2 s)
RELAX_NEED_SLACK = 0.8  # ... and it runs if this share of that is left (it stops at the end)
RELAX_FIRST_MAX_PAIRS = 100_000  # large models up to this size get the LP before the
# sequential start, which then uses its prices (L: 45k pairs, LP 2.6 s; XL: 189k pairs, 20 s)


@dataclass
class _Run:
    """State carried from stage to stage: incumbent, per-stage reports, stage-1 bound."""

    best: set
    stages: list = field(default_factory=list)
    bound: float | None = None
    proven: bool = True
    first: float | None = None
    relax: dict = field(default_factory=dict)
    prices: dict = field(default_factory=dict)  # the LP's coverage duals (columns.py starts there)


def make_solver(opts: Options, seconds: float) -> cp_model.CpSolver:
    """A CP-SAT solver with workers, seed and time limit set explicitly (see FACTS.md)."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = opts.workers
    solver.parameters.random_seed = opts.seed
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    return solver


def check_pins(data: Prepared) -> None:
    """Raise PinError for a pin that cannot be kept on its own.

    Args:
        data: Prepared data (the instance may come from JSON or be built by the app).

    Raises:
        PinError: unknown member or shift, duplicate pin, more pins than places, or a pin that
            alone breaks a hard rule; the message starts with pins[i].
    """
    seen, per_shift = set(), {}
    for i, pin in enumerate(data.instance.pins):
        if pin.member not in data.member_index or pin.shift not in data.shift_index:
            bad = "member" if pin.member not in data.member_index else "shift"
            raise PinError(f"pins[{i}].{bad}: unknown {bad} {getattr(pin, bad)!r}")
        m, s = data.member_index[pin.member], data.shift_index[pin.shift]
        sd = data.shifts[s]
        per_shift[s] = per_shift.get(s, 0) + 1
        if (m, s) in seen or per_shift[s] > sd.shift.people:
            raise PinError(f"pins[{i}]: more pins on {pin.shift} than its {sd.shift.people} "
                           f"place(s), or a duplicate pin")
        seen.add((m, s))
        reason = blocking_rule(data, data.members[m], sd, ())
        if reason:
            raise PinError(f"pins[{i}]: {pin.member} cannot take {pin.shift} even on its own: "
                           f"{reason.text}")


def _hint(model, v: Vars, best: set) -> None:
    """Hint every variable with the incumbent (auxiliary literals recomputed from it)."""
    model.clear_hints()
    for key, x in v.x.items():
        model.add_hint(x, key in best)
    for var, value_of in v.derived:
        model.add_hint(var, value_of(best))


def _solve_term(model, v: Vars, expr, minimise: bool, opts: Options, seconds: float, run: _Run):
    """One CP-SAT solve of a term, hinted with the incumbent; returns (solver, status, report)."""
    model.clear_objective()
    (model.minimize if minimise else model.maximize)(expr)
    _hint(model, v, run.best)
    solver = make_solver(opts, seconds)
    t0 = time.perf_counter()
    status = solver.solve(model)
    report = {"status": solver.status_name(status).lower(),
              "wall_s": round(time.perf_counter() - t0, 3)}
    if status in _OK:
        report.update(value=round(solver.objective_value), bound=solver.best_objective_bound)
        run.best = {key for key, x in v.x.items() if solver.boolean_value(x)}
    return solver, status, report


def _run_stage(term: Term, model, v: Vars, data: Prepared, opts: Options, deadline,
               run: _Run) -> bool:
    """Optimise `term` (after Term.UNMET) with the earlier terms fixed; False when time is up.

    Part by part (fairness has two: the maximum, then the squares), each in its own share of
    the time left (objective.STAGE_SHARES): moves (polish.py) for POLISH_SHARE of it, then the
    full model on that part alone, hinted with their result, which may prove it. A full solve
    that leaves the exact terms lexicographically worse (the model's grids round) is dropped.
    The incumbent's value of the part is then added as a constraint, whether or not a solve
    found anything, so the maximum is fixed before the squares are touched.
    """
    left = deadline - time.perf_counter()
    if left < 0.05:
        run.stages.append({"name": term.label, "status": "skipped"})
        run.proven = False
        return False
    parts = build_term(term, model, v, data)
    if all(isinstance(expr, int) for expr, _ in parts):  # nothing to choose
        run.stages.append({"name": term.label, "status": "optimal",
                           "value": term_value(data, run.best, term)})
        return True
    report, proven, tried, kept = {}, True, 0, 0
    for k, (expr, minimise) in enumerate(parts):
        seconds, t0 = (deadline - time.perf_counter()) * STAGE_SHARES[term][k], time.perf_counter()
        run.best, moves = improve_stage(data, run.best, term, opts, t0 + POLISH_SHARE * seconds,
                                        patience=POLISH_PATIENCE, part=k)
        tried, kept = tried + moves.tried, kept + moves.kept
        before = run.best
        _, status, report = _solve_term(model, v, expr, minimise, opts,
                                        seconds - (time.perf_counter() - t0), run)
        if step_key(data, run.best, term, k) > step_key(data, before, term, k):
            run.best = before
        proven &= status == cp_model.OPTIMAL
        value = model_value(data, run.best, term)[k]
        model.add(expr <= value if minimise else expr >= value)
    run.stages.append({"name": term.label, **report, "value": term_value(data, run.best, term),
                       "moves": tried, "kept": kept})
    if len(parts) > 1 and not proven:
        run.stages[-1]["status"] = "feasible"
    run.proven &= proven
    return True


def term_value(data: Prepared, pairs, term: Term):
    """A later term of a rota for the stage report (fairness: [max, squares], 4 decimals)."""
    if term == Term.FAIRNESS:
        ev = evaluate(data, pairs)
        return [ev.fairness_max, ev.fairness_squares]
    return model_value(data, pairs, term)[0]


def _stage_one(model, v: Vars | None, data: Prepared, opts: Options, deadline, run: _Run,
               start: float) -> None:
    """Term 1: LP bound (relax.py), moves down to the bound, full solves on small models.

    The incumbent never gets worse than the greedy start: moves keep only rotas that do not
    raise unmet demand and a CP-SAT solve hinted with a complete feasible hint returns at least
    the hint. Afterwards "unmet <= best value" is added to the full model (small models only:
    large ones have none) for the later stages.
    """
    expr = term_unmet(model, v, data)[0] if model is not None else None
    value = unmet_of(data, run.best)
    report = {"name": "unmet", "status": "optimal", "value": value, "bound": value}
    if any(data.eligible.values()):
        if model is not None:
            _relax(data, opts, deadline, run)
        end = time.perf_counter() + (deadline - time.perf_counter()) * STAGE_SHARES[0][0]
        report = _unmet_phases(model, v, data, opts, run, (start, end, deadline), expr)
        if model is not None:
            model.add(expr <= report["value"])
    else:  # no one may take any shift: all demand is unmet, and provably so
        run.bound = value
    run.proven &= report["status"] == "optimal"
    run.stages.append({**report, **run.relax})


def small_model(data: Prepared) -> bool:
    """Whether the full CP-SAT model is built and solved (small) or only moves run (large).

    Small models (S, M) get the LP bound first (GLOP, well under a second), so moves can stop
    at it, and full CP-SAT solves that may prove a stage. On large ones (L, XL) the full model
    found no solution of its own in the benchmark: it is not built (XL: about 3 s and 300 MB),
    and the LP bound (PDLP, several seconds) comes after a first round of moves.

    Args:
        data: Prepared data.

    Returns:
        True if the model has at most LP_SIMPLEX_MAX_PAIRS work pairs.
    """
    return data.work_pairs() <= LP_SIMPLEX_MAX_PAIRS


def _relax(data: Prepared, opts: Options, deadline: float, run: _Run) -> None:
    """Stage-1 lower bound from the LP relaxation (relax.py) on a small model (GLOP, well
    under a second to build); it never touches assignments."""
    seconds = min(RELAX_SHARE * opts.time_limit_s, 0.6 * (deadline - time.perf_counter()))
    if seconds < 0.05:
        return
    _record_relax(run, stage_one_bound(data, seconds))


def relax_need(run: _Run) -> float:
    """Seconds the LP (build and PDLP) is expected to take on a large model: RELAX_NEED x the
    time prepare() and the greedy took, the same kind of Python work over the same pairs, so
    it scales with both the instance and the machine."""
    return RELAX_NEED * run.first


def _relax_large(data: Prepared, opts: Options, end: float, run: _Run) -> None:
    """The LP bound on a large model, built and solved before stage 1's `end`, and skipped
    when less than relax_need is left: it never takes the later stages' time. (On a machine
    half as fast, XL 1.0 in 60 s ran 22 s of LP that proved 0, ended 5 s past the time limit,
    and no later stage ran.)"""
    need = relax_need(run)
    if end - time.perf_counter() < RELAX_NEED_SLACK * need:  # the moves before may overrun
        _skip_relax(run, need)
        return
    _record_relax(run, stage_one_bound(data, max(RELAX_SHARE * opts.time_limit_s, need),
                                       until=end))


def _moves_before_lp(run: _Run, left: float, end: float) -> float:
    """When the moves before a large model's LP stop: early enough to leave the LP its
    relax_need if that still leaves them half of stage 1's time left; else at the stage's end,
    and the LP is skipped (XL 1.0 in 60 s: the pass leaves 19 s here and 8 s on a machine half
    as fast, against an LP of 17-20 s and 37 s)."""
    need = relax_need(run)
    if need <= 0.5 * left:
        return end - need
    _skip_relax(run, need)
    return end


def _skip_relax(run: _Run, need: float) -> None:
    run.relax = {"relax_status": "skipped", "relax_need_s": round(need, 3)}


def _record_relax(run: _Run, res) -> None:
    run.relax = {"relax_solver": res.solver, "relax_status": res.status,
                 "relax_s": res.wall_s}
    if res.bound is not None:
        run.relax["relax_bound"] = res.bound
        run.bound = max(run.bound or 0, res.bound)
    run.prices = res.prices


def _unmet_phases(model, v, data, opts, run: _Run, times: tuple, expr) -> dict:
    """The phases of term 1; returns the stage report.

    Small models: a CP-SAT probe, LNS, a final CP-SAT solve (the LP bound ran before). Large
    ones (_large_phases): the sequential start (sequential.py) replaces the greedy rota when it
    leaves less unmet, then LNS down to the LP bound; the full CP-SAT model found no solution
    of its own on L or XL in the benchmark, so it gets no time there. When the time left
    allows (_columns_fit), the first LNS is short and column generation (columns.py) builds a
    start for the last one.
    """
    _, end, deadline = times
    lns_s = 0.0
    report = {"name": "unmet", "status": "unknown"}
    small = small_model(data)
    columns = not small and _columns_fit(data, 0.75 * (end - time.perf_counter()))
    if unmet_of(data, run.best) == 0:
        run.bound = 0.0  # nothing is unmet: no bound needs computing
    phases = ("probe", "lns", "relax", "final") if small else _large_phases(data)
    for i, phase in enumerate(phases):
        value, left = unmet_of(data, run.best), end - time.perf_counter()
        floor = math.ceil(run.bound - 1e-6) if run.bound is not None else 0
        if value <= floor and run.bound is not None or left < 0.05:
            break
        if phase == "lns":
            t0 = time.perf_counter()
            before_columns = columns and "columns" in phases[i + 1:]
            share = 0.25 if before_columns else 0.75 if small or not run.relax else 1.0
            until = t0 + share * left
            if not small and not run.relax and "relax" in phases[i + 1:]:
                until = min(until, _moves_before_lp(run, left, end))
            run.best = improve_unmet(data, run.best, opts, until, floor,
                                     patience=LNS_PATIENCE if small else None)
            lns_s = round(lns_s + time.perf_counter() - t0, 3)
            continue
        if phase == "relax":
            if not run.relax:
                if small:
                    _relax(data, opts, deadline, run)
                else:
                    _relax_large(data, opts, end, run)
            continue
        if phase == "sequential":
            if left < SEQUENTIAL_S_PER_MEMBER * len(data.members):
                continue  # not even one pass would finish: keep the time for moves
            t0 = time.perf_counter()
            # Without the LP's prices a second pass gains little (XL 1.0: 339 -> 294 in 12 s).
            until = t0 + SEQUENTIAL_SHARE * left if run.prices else t0
            start, passes = sequential_start(data, run.prices, until, end)
            report.update(sequential=unmet_of(data, start), sequential_passes=passes["passes"],
                          sequential_s=round(time.perf_counter() - t0, 3))
            if report["sequential"] < value:
                run.best = start
            continue
        if phase == "columns":
            if columns and run.prices and _columns_fit(data, left):
                t0 = time.perf_counter()
                report["columns"] = _columns(data, opts, run, t0 + COLUMNS_SHARE * left,
                                             end, floor)
                lns_s = round(lns_s + time.perf_counter() - t0, 3)
            continue
        seconds = min(left, max(0.5, 0.15 * left)) if phase == "probe" else left
        before = run.best
        solver, status, rep = _solve_term(model, v, expr, True, opts, seconds, run)
        if unmet_of(data, run.best) > value:
            run.best = before  # keep the better incumbent (never worse than greedy)
        report.update(rep)
        if status in _OK:
            run.bound = max(run.bound or 0.0, round(solver.best_objective_bound, 6))
    value = unmet_of(data, run.best)
    proven = run.bound is not None and value <= math.ceil(run.bound - 1e-6)
    report.update(status="optimal" if proven else "feasible", value=value, lns_s=lns_s)
    if run.bound is not None:
        report["bound"] = run.bound
    return report


def _large_phases(data: Prepared) -> tuple[str, ...]:
    """Term 1's phases on a large model. Where the LP is cheap it comes first and prices the
    sequential start (L 1.0: a first pass of 138-150 unmet with prices, 165 without; two
    passes 102-108). On XL it costs a third of the time limit: first there, the priced pass
    gave 364 (no better than without prices) and left no time for moves, so the sequential
    start and a first LNS come before it."""
    if data.work_pairs() <= RELAX_FIRST_MAX_PAIRS:
        return ("relax", "sequential", "lns", "columns", "lns")
    return ("sequential", "lns", "relax", "columns", "lns")


def _columns_fit(data: Prepared, seconds: float) -> bool:
    """Whether `seconds` of stage 1 leave column generation (columns.py) the rounds it needs:
    on L 1.0 here 8-12 rounds of about 10 s (COLUMNS_S_PER_MEMBER x 250 members = 100 s), so
    within the benchmark's limits (L 30 s, XL 60 s) it never runs; a manager's 300 s on L does."""
    return seconds >= COLUMNS_S_PER_MEMBER * len(data.members)


def _columns(data: Prepared, opts: Options, run: _Run, until: float, end: float,
             floor: int) -> dict:
    """Column generation (columns.py) until `until`, then moves from its start until `end`;
    the incumbent is kept if that ends no better (the start itself may be worse)."""
    start, report = guided_start(data, run.best, run.prices, until, move_threads(opts))
    report["start"] = unmet_of(data, start)
    found = improve_unmet(data, start, opts, end, floor)
    if unmet_of(data, found) <= unmet_of(data, run.best):
        run.best = found
    return report


def _assemble(data: Prepared, run: _Run, start: float) -> Solution:
    pairs = sorted(run.best)
    stage1_proven = bool(run.stages) and run.stages[0].get("status") == "optimal"
    return Solution(
        status=Status.OPTIMAL if run.proven else Status.FEASIBLE,
        assignments=tuple(Assignment(data.members[m].member.id, data.shifts[s].shift.id)
                          for m, s in pairs),
        unmet=explain_unmet(data, pairs, proven=stage1_proven),
        objective=evaluate(data, pairs),
        bound=None if run.bound is None else math.ceil(run.bound - 1e-6),
        wall_s=time.perf_counter() - start, time_to_first_s=run.first,
        stages=tuple(run.stages))


def solve(instance: Instance, options: Options | None = None) -> Solution:
    """Build the rotation for an instance: hard rules always kept, objectives in priority order.

    Args:
        instance: A validated instance (scheduler.io.load_instance or built by the app).
        options: Time limit, workers and seed; defaults to instance.options.

    Returns:
        The Solution: status, assignments, unmet shifts with explanations, objective terms,
        stage-1 bound and wall time; status "infeasible" with `conflicts` if pins clash.

    Raises:
        PinError: a pin that cannot be kept even on its own (an input error).
    """
    start = time.perf_counter()
    opts = options or instance.options
    deadline = start + opts.time_limit_s
    data = prepare(instance)
    check_pins(data)
    if instance.pins and pins_conflicting(data):
        conflicts = find_conflicts(data, opts, deadline)
        return Solution(status=Status.INFEASIBLE, conflicts=conflicts,
                        wall_s=time.perf_counter() - start)
    run = _Run(best=set(greedy_pairs(data)))
    run.first = time.perf_counter() - start  # the greedy rota is the first feasible one
    if small_model(data):
        model, v = build_hard_model(data)
        _stage_one(model, v, data, opts, deadline, run, start)
        for term in list(Term)[1:]:
            if not _run_stage(term, model, v, data, opts, deadline, run):
                break
    else:  # large: the full model found nothing of its own in the benchmark; moves only
        _stage_one(None, None, data, opts, deadline, run, start)
        _polish_stages(data, opts, deadline, run)
    return _assemble(data, run, start)


def _polish_stages(data: Prepared, opts: Options, deadline: float, run: _Run) -> None:
    """Terms 2-5 on large teams by neighbourhood moves (polish.py), part by part in their shares.

    The full model of a later stage finds nothing better than its hint on L and XL, so these
    stages move a few members at a time instead. Nothing is proven (each reports "feasible").
    """
    run.proven = False
    for term in list(Term)[1:]:
        start, tried, kept, ran = time.perf_counter(), 0, 0, False
        for k, share in enumerate(STAGE_SHARES[term]):
            t0 = time.perf_counter()
            seconds = (deadline - t0) * share
            if seconds < 0.3:
                continue
            run.best, moves = improve_stage(data, run.best, term, opts, t0 + seconds, part=k)
            tried, kept, ran = tried + moves.tried, kept + moves.kept, True
        if not ran:
            run.stages.append({"name": term.label, "status": "skipped"})
            continue
        run.stages.append({"name": term.label, "status": "feasible",
                           "value": term_value(data, run.best, term),
                           "moves": tried, "kept": kept,
                           "wall_s": round(time.perf_counter() - start, 3)})
