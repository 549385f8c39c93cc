"""Large-neighbourhood search on unmet demand: re-optimise a few members, keep everyone else.

Members interact only through shift coverage, so fixing every member outside a neighbourhood
leaves a small model: the neighbourhood's members against the places their colleagues left open.
Each move builds that model with the ordinary hard rules (constraints.build_hard_model on a
restricted copy of the prepared data), hints it with the incumbent and lets CP-SAT minimise
term 1 for MOVE_S seconds. A move is kept when it does not make unmet demand worse, so the
result is never worse than the starting assignment (the greedy baseline in solve.py). Moves run
in one thread per core (moves.py).

Small, short moves win: on L 1.0, 15 s of moves from greedy (310) reached 126 with 30 members
and 0.5 s per move, 100-107 with 4-8 members and 0.1-0.15 s; on XL 1.0, 20 s reached 444 and
347 (one thread each).

Neighbourhoods grow from an unmet shift: its eligible members, then colleagues who could take
over the shifts those members hold, so that "A leaves shift V for unmet shift U, B takes V"
chains fit in one move.
"""

from __future__ import annotations

import dataclasses
import random
from collections import defaultdict

from scheduler.constraints import build_hard_model
from scheduler.model import Options
from scheduler.moves import move_threads, run_moves, solve_move
from scheduler.objective import term_unmet
from scheduler.prepare import Prepared

MOVE_S = 0.15    # time limit of one neighbourhood solve
SIZES = (4, 8)   # smallest and starting neighbourhood (members)


def unmet_of(data: Prepared, pairs) -> int:
    """Severity-weighted missing people of an assignment (term 1)."""
    count = defaultdict(int)
    for _, s in pairs:
        count[s] += 1
    return sum(sd.cat.severity * max(0, sd.shift.people - count[sd.idx]) for sd in data.shifts)


def restrict(data: Prepared, chosen: set[int], pairs) -> Prepared:
    """Prepared data in which only `chosen` members may move; the others' places are taken.

    Args:
        data: The full prepared data.
        chosen: Member indices that get variables.
        pairs: The incumbent (member, shift) assignment.

    Returns:
        A copy whose shifts have `people` reduced by the fixed members' assignments, whose
        eligibility lists hold chosen members only, and whose pins are the chosen members'.
    """
    taken = defaultdict(int)
    for m, s in pairs:
        if m not in chosen:
            taken[s] += 1
    shifts = [dataclasses.replace(sd, shift=dataclasses.replace(
        sd.shift, people=max(0, sd.shift.people - taken[sd.idx]))) for sd in data.shifts]
    eligible = {sd.idx: [m for m in data.eligible[sd.idx] if m in chosen]
                if shifts[sd.idx].shift.people > 0 else [] for sd in data.shifts}
    ids = {data.members[m].member.id for m in chosen}
    pins = tuple(p for p in data.instance.pins if p.member in ids)
    instance = dataclasses.replace(data.instance, pins=pins)
    return dataclasses.replace(data, instance=instance, shifts=shifts, eligible=eligible,
                               active=frozenset(chosen))


def neighbourhood(data: Prepared, pairs, size: int, rng: random.Random,
                  busy: frozenset = frozenset()) -> set[int]:
    """Members around a random unmet shift (see the module docstring), none of them `busy`.

    Empty if no shift is unmet.
    """
    count, held = defaultdict(int), defaultdict(list)
    for m, s in pairs:
        count[s] += 1
        held[m].append(s)
    unmet = [sd.idx for sd in data.shifts
             if count[sd.idx] < sd.shift.people and data.eligible[sd.idx]]
    if not unmet:
        return set()
    chosen: set[int] = set()
    frontier, steps = [rng.choice(unmet)], 0
    while frontier and len(chosen) < size and steps < 4 * size:
        steps += 1
        s = frontier.pop(rng.randrange(len(frontier)))
        fresh = [m for m in data.eligible[s] if m not in chosen and m not in busy]
        for m in rng.sample(fresh, min(len(fresh), max(2, size // 6))):
            chosen.add(m)
            frontier.extend(held[m])
        if not frontier and len(chosen) < size:
            frontier.append(rng.choice(unmet))
    return chosen


def _move(data: Prepared, pairs: set, chosen: set[int], opts: Options, seconds: float):
    """Re-optimise the chosen members; return (their new pairs or None, proven optimal?)."""
    sub = restrict(data, chosen, pairs)
    model, v = build_hard_model(sub)
    expr, _ = term_unmet(model, v, sub)
    if isinstance(expr, int):
        return None, True
    model.minimize(expr)
    return solve_move(model, v, pairs, opts.seed, min(MOVE_S, seconds))


def improve_unmet(data: Prepared, pairs, opts: Options, deadline: float,
                  floor: int = 0) -> set:
    """Lower unmet demand by neighbourhood moves until `deadline` or `floor`.

    Args:
        data: Prepared data.
        pairs: A feasible starting assignment (e.g. greedy), as (member, shift) pairs.
        opts: Workers (threads of moves, at most the machine's cores) and seed.
        deadline: time.perf_counter() value at which to stop.
        floor: A proven lower bound on unmet demand; stop once it is reached.

    Returns:
        An assignment at least as good as `pairs` on unmet demand (every move is re-solved
        under all hard rules for the members it changes; the rest stay as they were).
    """
    if unmet_of(data, pairs) <= floor:
        return set(pairs)
    best, _ = run_moves(
        data, pairs,
        pick=lambda best, busy, size, rng: neighbourhood(data, best, size, rng, busy),
        move=lambda best, chosen, seconds: _move(data, best, chosen, opts, seconds),
        key=lambda pairs: unmet_of(data, pairs),
        deadline=deadline, threads=move_threads(opts), sizes=SIZES, seed=opts.seed,
        done=lambda unmet: unmet <= floor)
    return best
