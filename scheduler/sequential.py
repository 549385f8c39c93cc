"""A start for the term-1 moves on large teams: members one at a time, each given a whole rota.

The greedy (greedy.py) fills shift by shift, giving each place to the least loaded member
who may take it. Near capacity that spends members' weekly hours and dose windows on the
first shifts it meets, and leaves later shifts with nobody (L 1.0: 300 unmet; XL 1.0: 738).
Here each member in turn takes the best rota they may work over the whole week (their exact
model, lagrange.member_models, so every rule is kept), among the shifts that still have a
place: each such shift is worth its severity less PRICE_WEIGHT x its LP coverage dual (the
shifts the LP finds scarce are left to members who can take little else). Members with the
fewest eligible shifts go first. The greedy then fills what is left.

Measured here (bench/results.md, fifth round): L 1.0 138-150 unmet against greedy's 300, and
74-78 after 8 s of moves from it against 88-93 from greedy; XL 1.0 348 (no LP prices yet)
against 738.
"""

from __future__ import annotations

import time

from scheduler.greedy import greedy_pairs
from scheduler.lagrange import SCALE, member_models, member_rota
from scheduler.prepare import Prepared

PRICE_WEIGHT = 0.5  # share of the LP dual taken off a shift's severity (0: severity alone)
MEMBER_S = 0.02     # time limit of one member's solve; a cut-short one keeps its best rota


def sequential_start(data: Prepared, prices: dict[int, float], deadline: float) -> set:
    """A rota that breaks no rule: members in turn take their best rota (module docstring).

    Args:
        data: Prepared data of the whole instance (pins are in every member's model).
        prices: The LP's coverage dual per shift index ({} before the LP: severity alone).
        deadline: time.perf_counter() value; members not reached by then get only the
            greedy fill.

    Returns:
        (member, shift) pairs; greedy_pairs places them after the pins, checking every rule
        again, and fills the rest.
    """
    members = member_models(data)
    left = {sd.idx: sd.shift.people for sd in data.shifts}
    pinned = {(data.member_index[p.member], data.shift_index[p.shift])
              for p in data.instance.pins}
    for _, s in pinned:
        left[s] -= 1
    value = {sd.idx: SCALE * (sd.cat.severity - PRICE_WEIGHT * prices.get(sd.idx, 0.0))
             for sd in data.shifts}
    pairs = []
    for m in sorted(members, key=lambda m: (len(members[m].x), m)):
        if time.perf_counter() >= deadline:
            break
        gains = {s: round(v) if left[s] > 0 else -SCALE * data.shifts[s].cat.severity
                 for s, v in value.items()}
        for s in sorted(member_rota(members[m], gains, MEMBER_S)):
            if (m, s) not in pinned:
                left[s] -= 1
            pairs.append((m, s))
    return set(greedy_pairs(data, pairs))
