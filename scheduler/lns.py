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

Neighbourhoods grow from an unmet shift, in two ways. A *chain* takes its eligible members, then
colleagues who could take over the shifts those members hold, so that "A leaves shift V for
unmet shift U, B takes V" chains fit in one move. A *slack* neighbourhood takes a quarter of its
members from those eligible for the unmet shift and fills the rest with the members who have
the most room left (weekly hours or 7-day dose, whichever is scarcer, on the day of the shift
they could take) among those who could take the unmet shift or one the first quarter holds: on
a team near capacity, a random colleague of the chain is as full as the member they would
relieve, and only someone with room can absorb the work. Which kind pays depends on the team, so the kind is drawn in proportion to the unmet
demand each has recently removed per move (`Mix`, an adaptive LNS): from greedy with 30-40 s of
moves, L 1.0 went from 93 (chains only) to 81-84 with three slack moves in four, XL 1.0 from 207
to 163-192, but XL 1.3 from 4,497 to 4,637 (everyone is full there).

The moves' sub-models are solved without CP-SAT's presolve: they are small and already pruned,
and presolve was most of a proven move's time (L 1.0 near its best rota: median 15 ms against
64 ms for the same moves); XL 1.0 with 40 s of moves from greedy: 150 against 189-192.
"""

from __future__ import annotations

import dataclasses
import random
import threading
from collections import defaultdict

from scheduler.constraints import build_hard_model
from scheduler.dose import window_dose
from scheduler.model import Options
from scheduler.moves import move_threads, run_moves, solve_move
from scheduler.objective import term_unmet
from scheduler.prepare import Prepared
from scheduler.prepared import Q

MOVE_S = 0.15    # time limit of one neighbourhood solve
SIZES = (4, 8)   # smallest and starting neighbourhood (members)
MIX_RATE = 0.1      # weight of the latest move in each kind's running mean gain (Mix)
MIX_FLOOR = 0.05    # each kind is drawn at least this often, so a kind can come back
ROOM_NOISE = 1.5    # random hours / points added to room_left, so that moves differ


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


def unmet_shifts(data: Prepared, pairs) -> tuple[list[int], dict[int, list[int]]]:
    """(unmet shifts that someone could take, each member's shifts) of a rota."""
    count, held = defaultdict(int), defaultdict(list)
    for m, s in pairs:
        count[s] += 1
        held[m].append(s)
    unmet = [sd.idx for sd in data.shifts
             if count[sd.idx] < sd.shift.people and data.eligible[sd.idx]]
    return unmet, held


class Mix:
    """Which neighbourhood to draw: each kind in proportion to its running mean gain per move.

    Moves from both threads report here (thread-safe); a kind's weight is an exponential mean
    (MIX_RATE) of the unmet demand its moves removed, and each kind keeps at least MIX_FLOOR of
    the draws.
    """

    KINDS = ("chain", "slack")

    def __init__(self) -> None:
        self.gain = {kind: 1.0 for kind in self.KINDS}
        self.lock = threading.Lock()

    def draw(self, rng: random.Random) -> str:
        with self.lock:
            total = sum(self.gain.values())
            p_chain = self.gain["chain"] / total if total > 0 else 0.5
        p_chain = min(1 - MIX_FLOOR, max(MIX_FLOOR, p_chain))
        return "chain" if rng.random() < p_chain else "slack"

    def report(self, kind: str, gain: int) -> None:
        with self.lock:
            self.gain[kind] += MIX_RATE * (max(0, gain) - self.gain[kind])


def neighbourhood(data: Prepared, pairs, size: int, rng: random.Random,
                  busy: frozenset = frozenset(), kind: str = "chain", room=None) -> set[int]:
    """Members around a random unmet shift, none of them `busy`: a chain or a slack
    neighbourhood (see the module docstring). Empty if no shift is unmet."""
    unmet, held = unmet_shifts(data, pairs)
    if not unmet:
        return set()
    if kind == "chain":
        return chain_neighbourhood(data, unmet, held, size, rng, busy)
    return slack_neighbourhood(data, unmet, held, size, rng, busy, room)


def chain_neighbourhood(data: Prepared, unmet: list[int], held, size: int,
                        rng: random.Random, busy) -> set[int]:
    """Members eligible for an unmet shift, then for the shifts they hold, and so on."""
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


def room_left(data: Prepared, m: int, shifts: list[int], day: int) -> float:
    """How much more work member `m` could take on `day` beside `shifts`: the smaller of the
    weekly hours left and the 7-day dose points left (an hour of severity-2 work is one point),
    the dose read in the tightest 7-day window that holds `day` (prepare.py's allowances).

    Per day, because recent history fills the early windows of some members and not the late
    ones: the LP on L 1.0 covers early-week severe shifts that the rota left open by taking
    such members' room where they have it.
    """
    md = data.members[m]
    held = [data.shifts[s] for s in shifts]
    planned = md.planned_doses(held)
    hours = md.week_cap - sum(sd.hours_q for sd in held)
    dose = min(md.rem7[end] - window_dose(planned, end, 7)
               for end in range(day, min(day + 7, data.n_days)))
    return min(hours / Q, dose / data.dose_scale)


def slack_neighbourhood(data: Prepared, unmet: list[int], held, size: int,
                        rng: random.Random, busy, room=None) -> set[int]:
    """A quarter of `size` eligible for an unmet shift; the rest, of those who could take it or
    a shift the quarter holds, the ones with the most room_left on that shift's day (give or
    take ROOM_NOISE); `room(m, shifts, day)` may stand in for room_left (improve_unmet caches
    it)."""
    room = room or (lambda m, shifts, day: room_left(data, m, shifts, day))
    u = rng.choice(unmet)
    takers = [m for m in data.eligible[u] if m not in busy]
    chosen = set(rng.sample(takers, min(len(takers), max(1, size // 4))))
    days = defaultdict(set)  # candidate -> days of the shifts they are a candidate for
    for m in takers:
        if m not in chosen:
            days[m].add(data.shifts[u].day)
    for m in chosen:
        for s in held[m]:
            for x in data.eligible[s]:
                if x not in busy and x not in chosen:
                    days[x].add(data.shifts[s].day)
    score = {x: max(room(x, held[x], d) for d in ds) for x, ds in days.items()}
    ranked = sorted(score, key=lambda x: score[x] + ROOM_NOISE * rng.random(), reverse=True)
    chosen.update(ranked[:size - len(chosen)])
    return chosen


def _move(data: Prepared, pairs: set, chosen: set[int], opts: Options, seconds: float):
    """Re-optimise the chosen members; return (their new pairs or None, proven optimal?)."""
    sub = restrict(data, chosen, pairs)
    model, v = build_hard_model(sub)
    expr, _ = term_unmet(model, v, sub)
    if isinstance(expr, int):
        return None, True
    model.minimize(expr)
    return solve_move(model, v, pairs, opts.seed, min(MOVE_S, seconds), presolve=False)


def improve_unmet(data: Prepared, pairs, opts: Options, deadline: float,
                  floor: int = 0, patience: int | None = None) -> set:
    """Lower unmet demand by neighbourhood moves until `deadline` or `floor`.

    Args:
        data: Prepared data.
        pairs: A feasible starting assignment (e.g. greedy), as (member, shift) pairs.
        opts: Workers (threads of moves, at most the machine's cores) and seed.
        deadline: time.perf_counter() value at which to stop.
        floor: A proven lower bound on unmet demand; stop once it is reached.
        patience: Stop after this many moves in a row that found nothing better (None: not
            before the deadline).

    Returns:
        An assignment at least as good as `pairs` on unmet demand (every move is re-solved
        under all hard rules for the members it changes; the rest stay as they were).
    """
    if unmet_of(data, pairs) <= floor:
        return set(pairs)
    mix, kinds, rooms = Mix(), {}, {}

    def room(m: int, shifts: list[int], day: int) -> float:
        key = (m, frozenset(shifts), day)
        if key not in rooms:
            rooms[key] = room_left(data, m, shifts, day)
        return rooms[key]

    def pick(best, busy, size, rng):
        kind = mix.draw(rng)
        chosen = neighbourhood(data, best, size, rng, busy, kind, room)
        kinds[frozenset(chosen)] = kind
        return chosen

    def move(best, chosen, seconds):
        kind = kinds.pop(frozenset(chosen), "chain")
        new, proven = _move(data, best, chosen, opts, seconds)
        gain = 0
        if new is not None:
            gain = unmet_of(data, best) - unmet_of(data, {p for p in best if p[0] not in chosen} | new)
        mix.report(kind, gain)
        return new, proven

    best, _ = run_moves(
        data, pairs, pick=pick, move=move, key=lambda pairs: unmet_of(data, pairs),
        deadline=deadline, threads=move_threads(opts), sizes=SIZES, seed=opts.seed,
        done=lambda unmet: unmet <= floor, patience=patience)
    return best
