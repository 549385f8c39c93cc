"""A start for the term-1 moves on large teams: members one at a time, each given a whole rota.

The greedy (greedy.py) fills shift by shift, giving each place to the least loaded member
who may take it. Near capacity that spends members' weekly hours and dose windows on the
first shifts it meets, and leaves later shifts with nobody (L 1.0: 300 unmet; XL 1.0: 738).

Here, in one *pass*, each member in turn takes the best rota they may work over the whole week
(their exact model, lagrange.member_models, so every rule is kept) among the shifts that still
have a place. Members with the fewest eligible shifts go first. A shift is worth its severity
less PRICE_WEIGHT x its LP coverage dual: the shifts the LP finds scarce are left to members
who can take little else. Before the LP has run (XL), scarcity_prices stand in for the duals.
After a pass, every shift left short is worth more in the next (STEP x severity x the share
of its places left open), so earlier members take it; the best pass is kept and the greedy
fills what it left.

Measured here (bench/results.md, fifth round), L 1.0 with the LP's prices: passes of 138-156,
99-114, 87-117 unmet against greedy's 300; 72-73 after two passes and 9.5 s of moves, against
88-93 after 10 s of moves from greedy.
"""

from __future__ import annotations

import time

from scheduler.greedy import greedy_pairs
from scheduler.lagrange import SCALE, member_models, member_rota
from scheduler.lns import unmet_of
from scheduler.prepare import Prepared

PRICE_WEIGHT = 0.5  # share of the LP dual taken off a shift's severity
SCARCITY = 15.0     # without the LP: price = severity x min(1, SCARCITY x places / eligible)
STEP = 0.5          # after a pass, a shift gains STEP x severity x (places left / places)
MEMBER_S = 0.02     # time limit of one member's solve; a cut-short one keeps its best rota
PASSES = 3          # at most; on L 1.0 passes gave 153, 99, 87, then 96 (M 1.3: 192, 236, 228)


def sequential_start(data: Prepared, prices: dict[int, float], until: float,
                     deadline: float) -> tuple[set, dict]:
    """A rota that breaks no rule from passes of whole member rotas (module docstring).

    Args:
        data: Prepared data of the whole instance (pins are in every member's model).
        prices: The LP's coverage dual per shift index ({} before the LP: scarcity_prices).
        until: time.perf_counter() value after which no further pass starts (the first
            always runs; at most PASSES); a pass starts only if the last one's time fits
            before it.
        deadline: Hard stop: members not reached by then in the first pass get only the
            greedy fill.

    Returns:
        (the best pass's rota: greedy_pairs places its pairs after the pins, checking every
        rule again, and fills the rest; report with the passes run and each one's unmet).
    """
    members = member_models(data)
    order = sorted(members, key=lambda m: (len(members[m].x), m))
    prices = prices or scarcity_prices(data)
    value = {sd.idx: SCALE * (sd.cat.severity - PRICE_WEIGHT * prices.get(sd.idx, 0.0))
             for sd in data.shifts}
    best, unmet, pass_s = None, [], 0.0
    while not unmet or len(unmet) < PASSES and time.perf_counter() + pass_s < until:
        t0 = time.perf_counter()
        pairs, left = _one_pass(data, members, order, value, deadline)
        rota = set(greedy_pairs(data, pairs))
        unmet.append(unmet_of(data, rota))
        if best is None or unmet[-1] < min(unmet[:-1]):
            best = rota
        for sd in data.shifts:
            if left[sd.idx] > 0:
                value[sd.idx] += STEP * SCALE * sd.cat.severity * left[sd.idx] / sd.shift.people
        pass_s = time.perf_counter() - t0
    return best, {"passes": unmet}


def scarcity_prices(data: Prepared) -> dict[int, float]:
    """Prices for a pass before the LP has run: a shift few members may take per place costs
    more, so it is left to those members. On XL 1.0 the first pass left 162-171 unmet with
    them against 339 at severity alone; on L 1.0 119-123 against 156 (the LP's prices: 147)."""
    return {sd.idx: sd.cat.severity * min(1.0, SCARCITY * sd.shift.people
                                          / max(1, len(data.eligible[sd.idx])))
            for sd in data.shifts}


def _one_pass(data: Prepared, members: dict, order: list[int], value: dict[int, float],
              deadline: float) -> tuple[list, dict[int, int]]:
    """Members in `order` each take their best rota among shifts with a place left; returns
    (pairs, places left per shift). A full shift is priced below zero, so only a pin puts a
    member on it (its place was set aside before the pass)."""
    left = {sd.idx: sd.shift.people for sd in data.shifts}
    pinned = {(data.member_index[p.member], data.shift_index[p.shift])
              for p in data.instance.pins}
    for _, s in pinned:
        left[s] -= 1
    pairs = []
    for m in order:
        if time.perf_counter() >= deadline:
            break
        gains = {s: round(v) if left[s] > 0 else -SCALE * data.shifts[s].cat.severity
                 for s, v in value.items()}
        for s in sorted(member_rota(members[m], gains, MEMBER_S)):
            if (m, s) not in pinned:
                left[s] -= 1
            pairs.append((m, s))
    return pairs, left
