"""Which pins conflict: CP-SAT assumptions for a core, then re-solving to make it minimal.

Every hard rule except "at most `people` per shift" is about one member, and too many pins on one
shift is rejected as an input error, so pins can only clash within one member's pins. For each
member whose pins break a rule together we ask CP-SAT for a sufficient set of assumption
literals (sufficient_assumptions_for_infeasibility, single worker) and shrink it by deletion,
re-solving without each pin in turn, so that every reported pin is needed for the clash.
"""

from __future__ import annotations

import time
from collections import defaultdict

from ortools.sat.python import cp_model

from scheduler.constraints import build_hard_model
from scheduler.explain import pin_conflict
from scheduler.model import Conflict, Options
from scheduler.prepare import Prepared
from scheduler.rules import blocking_rule


def _infeasible(model, solver, lits) -> bool:
    model.clear_assumptions()
    model.add_assumptions(lits)
    return solver.solve(model) == cp_model.INFEASIBLE


def _core(model, v, solver, group: list[int]) -> list[int]:
    """Pins (indices) in a sufficient core for the group, or the whole group if none given."""
    if not _infeasible(model, solver, [v.pin_literals[i] for i in group]):
        return []
    index_of = {v.pin_literals[i].index: i for i in group}
    core = [index_of[j] for j in solver.sufficient_assumptions_for_infeasibility()
            if j in index_of]
    return core or group


def _shrink(model, v, solver, core: list[int]) -> list[int]:
    """Deletion filter: drop each pin whose removal keeps the rest infeasible."""
    kept = list(core)
    for i in list(core):
        trial = [p for p in kept if p != i]
        if trial and _infeasible(model, solver, [v.pin_literals[p] for p in trial]):
            kept = trial
    return kept


def _clashing_groups(data: Prepared) -> list[list[int]]:
    """Pin indices per member whose pins break a rule together (checked by the rules)."""
    by_member, groups = defaultdict(list), []
    for i, pin in enumerate(data.instance.pins):
        by_member[data.member_index[pin.member]].append(i)
    for m, idxs in by_member.items():
        taken: list[int] = []
        for i in idxs:
            s = data.shift_index[data.instance.pins[i].shift]
            if blocking_rule(data, data.members[m], data.shifts[s], taken):
                groups.append(idxs)
                break
            taken.append(s)
    return groups


def find_conflicts(data: Prepared, opts: Options, deadline: float) -> tuple[Conflict, ...]:
    """Name minimal sets of pins that cannot be kept together.

    Args:
        data: Prepared data whose pins are individually valid but jointly infeasible.
        opts: Solver options (seed); core extraction runs on one worker.
        deadline: perf_counter() time by which to stop re-solving.

    Returns:
        One Conflict per clashing member, each naming its pins and the rule they break.
    """
    model, v = build_hard_model(data, pins_as_assumptions=True)
    out = []
    for group in _clashing_groups(data):
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = opts.seed
        solver.parameters.max_time_in_seconds = max(1.0, deadline - time.perf_counter())
        core = _shrink(model, v, solver, _core(model, v, solver, group) or group)
        out.append(pin_conflict(data, [data.instance.pins[i] for i in core]))
    return tuple(out)
