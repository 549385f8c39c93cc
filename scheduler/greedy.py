"""A simple greedy baseline: most severe shifts first, least-dosed eligible member first.

Used by the benchmark as the yardstick the solver must never lose to, and by solve() as a
starting hint for CP-SAT on large instances.
"""

from __future__ import annotations

import time
from collections import defaultdict

from scheduler.dose import window_dose
from scheduler.model import Assignment, Instance, Solution, Status
from scheduler.prepare import Prepared, prepare
from scheduler.rules import blocking_rule


def _base_ratios(data: Prepared) -> list[tuple[float, float]]:
    """Per member: (history dose / limit, 1 / (dose_scale x limit)) for fast ratio updates.

    History counts as the fairness term counts it (fairness.py): the 28 days ending on the last
    planned day, summed by dose.window_dose; older history neither raises nor lowers a member.
    """
    out, last = [], data.n_days - 1
    for md in data.members:
        hist = float(window_dose(md.hist_dose, last, 28))
        out.append((hist / float(md.limit28), 1.0 / (data.dose_scale * float(md.limit28))))
    return out


def greedy_pairs(data: Prepared, start=()) -> list[tuple[int, int]]:
    """Greedy assignment as (member index, shift index) pairs; pins are placed first.

    Args:
        data: Prepared data.
        start: (member, shift) pairs to place, in order, after the pins and before the greedy
            fill (columns.py's rounded master); each only where the shift has a place and the
            member may take it.

    Returns:
        Pairs that break no hard rule (a pin that conflicts with earlier pins is skipped).
    """
    assigned: dict[int, list[int]] = defaultdict(list)
    dose: dict[int, int] = defaultdict(int)
    count: dict[int, int] = defaultdict(int)

    def take(m: int, s: int) -> None:
        assigned[m].append(s)
        dose[m] += data.members[m].dose_units(data.shifts[s])
        count[s] += 1

    pins = [(data.member_index[p.member], data.shift_index[p.shift]) for p in data.instance.pins]
    pinned = set(pins)
    for m, s in [*pins, *start]:
        if (count[s] < data.shifts[s].shift.people or (m, s) in pinned) and s not in assigned[m] \
                and blocking_rule(data, data.members[m], data.shifts[s], assigned[m]) is None:
            take(m, s)
    base = _base_ratios(data)
    order = sorted(data.shifts, key=lambda sd: (-sd.cat.severity, sd.day, -sd.hours_q))
    for sd in order:
        need = sd.shift.people - count[sd.idx]
        if need <= 0:
            continue
        for m in sorted(data.eligible[sd.idx], key=lambda m: base[m][0] + base[m][1] * dose[m]):
            if blocking_rule(data, data.members[m], sd, assigned[m]) is None:
                take(m, sd.idx)
                need -= 1
                if need == 0:
                    break
    return [(m, s) for m, shifts in assigned.items() for s in shifts]


def greedy(instance: Instance) -> Solution:
    """Solve with the greedy baseline and report the same objective terms as solve().

    Args:
        instance: A validated instance.

    Returns:
        A Solution with status "feasible" (greedy proves nothing), explanations included.
    """
    from scheduler.explain import explain_unmet
    from scheduler.objective import evaluate

    start = time.perf_counter()
    data = prepare(instance)
    pairs = greedy_pairs(data)
    return Solution(
        status=Status.FEASIBLE,
        assignments=tuple(Assignment(data.members[m].member.id, data.shifts[s].shift.id)
                          for m, s in sorted(pairs)),
        unmet=explain_unmet(data, pairs, proven=False), objective=evaluate(data, pairs),
        wall_s=time.perf_counter() - start)
