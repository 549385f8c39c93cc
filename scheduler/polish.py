"""Neighbourhood search for objective terms 2-5.

On L and XL the full CP-SAT model of a later stage found nothing better than its hint within
its time (bench, L 1.0 with 600 s: stage 2 stayed at the stage-1 incumbent for 71 s), so those
stages kept whatever stage 1 left; there these moves are all the later stages do. On S and M
they run before the full model, which may then prove the stage (solve.py). A stage is
improved a few members at a time, as lns.py
does for stage 1: the members outside the neighbourhood keep their shifts, and the sub-model
holds every earlier term at the incumbent's value:

- unmet demand: the places left open are the restricted shifts' places, so the sub-model's
  unmet demand is the whole rota's; it may not rise;
- maximum relative dose: t <= the incumbent's value on the 10000 grid (objective.py);
- diversity, repeats, preferences: these add up over members (diversity counts only values the
  fixed members do not already bring, objective.present_values), so "the movable members' part
  is no worse" keeps the whole term no worse.

A move is kept only if objective.exact_terms of the whole rota is no worse on every earlier term
and no worse on this one, so a stage never makes the rota worse. Nothing here proves
optimality: the stages it runs report "feasible".
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

from scheduler.constraints import build_hard_model
from scheduler.lns import restrict
from scheduler.model import Options
from scheduler.moves import move_threads, run_moves, solve_move
from scheduler.objective import (
    DOSE_GRID, dose_floor, exact_terms, max_ratio, present_values, ratios, term_diversity,
    term_max_relative_dose, term_preferences, term_repeats, term_unmet,
)
from scheduler.prepare import Prepared

MOVE_S = 0.5      # time limit of one neighbourhood solve
SIZES = (3, 6)    # smallest and starting neighbourhood (members)


def score(data: Prepared, pairs) -> tuple:
    """The five terms as one tuple to minimise lexicographically (maximised terms negated)."""
    unmet, ratio, diversity, repeats, preferences = exact_terms(data, pairs)
    return (unmet, ratio, -diversity, repeats, -preferences)


def _term(stage: int, model, v, sub: Prepared, fixed: list, data: Prepared):
    """Build term `stage` (0-based) on the sub-model; returns (expression, minimise?)."""
    if stage == 1:
        rest = defaultdict(list)
        for m, s in fixed:
            rest[m].append(data.shifts[s])
        floor = math.ceil(DOSE_GRID * max_ratio(data, rest))  # history-only members included
        return term_max_relative_dose(model, v, sub, floor=floor)
    if stage == 2:
        return term_diversity(model, v, sub, present_values(data, fixed))
    return (term_unmet, None, None, term_repeats, term_preferences)[stage](model, v, sub)


def _bounds(stage: int, data: Prepared, pairs: set, fixed: list) -> list:
    """(term index, value) the sub-model must keep for every term before `stage`.

    Terms 3-5 add up over members, so the movable members' part is the whole rota's value
    minus the fixed members'.
    """
    whole = score(data, pairs)
    out = [(0, whole[0])]
    if stage > 1:
        out.append((1, math.ceil(DOSE_GRID * whole[1])))  # objective.dose_grid of the rota
    if stage > 2:
        rest = score(data, fixed)
        sign = {2: -1, 3: 1}  # diversity is negated in score(); preferences is never a bound
        out.extend((k, sign[k] * (whole[k] - rest[k])) for k in range(2, stage))
    return out


def _move(data: Prepared, pairs: set, chosen: set[int], stage: int, opts: Options,
          seconds: float):
    """Re-optimise the chosen members on term `stage`; return (their new pairs or None, proven?)."""
    sub = restrict(data, chosen, pairs)
    model, v = build_hard_model(sub)
    if not v.x:
        return None, True
    fixed = [(m, s) for m, s in pairs if m not in chosen]
    for k, value in _bounds(stage, data, pairs, fixed):
        expr, minimise = _term(k, model, v, sub, fixed, data)
        if not isinstance(expr, int):
            model.add(expr <= value if minimise else expr >= value)
    expr, minimise = _term(stage, model, v, sub, fixed, data)
    if isinstance(expr, int):
        return None, True
    (model.minimize if minimise else model.maximize)(expr)
    return solve_move(model, v, pairs, opts.seed, min(MOVE_S, seconds))


def neighbourhood(data: Prepared, pairs, stage: int, size: int, rng: random.Random,
                  busy=frozenset()) -> set[int]:
    """A member and colleagues who could swap shifts with them, none of them `busy`.

    Stage 1 (maximum relative dose) starts from one of the three most dosed members, so the
    move can hand their shifts to others; the other stages start from a random member.
    """
    held = defaultdict(list)
    for m, s in pairs:
        held[m].append(s)
    if stage == 1:
        by_member = {m: [data.shifts[s] for s in shifts] for m, shifts in held.items()}
        dose = ratios(data, by_member)
        candidates = sorted(by_member, key=lambda m: -dose[m])[:3]  # only they can shed dose
    else:
        candidates = list(held) or [md.idx for md in data.members]
    candidates = [m for m in candidates if m not in busy]
    if not candidates:
        return set()
    seed = rng.choice(candidates)
    chosen, frontier = {seed}, list(held[seed])
    while frontier and len(chosen) < size:
        s = frontier.pop(rng.randrange(len(frontier)))
        fresh = [m for m in data.eligible[s] if m not in chosen and m not in busy]
        for m in rng.sample(fresh, min(len(fresh), 3)):
            chosen.add(m)
            frontier.extend(held[m])
    return chosen


def improve_stage(data: Prepared, pairs, stage: int, opts: Options, deadline: float,
                  patience: int | None = None) -> tuple:
    """Improve term `stage` (1-4, 0-based) by neighbourhood moves until `deadline`.

    Args:
        data: Prepared data.
        pairs: The incumbent (member, shift) pairs; it breaks no hard rule.
        stage: Which term to improve: 1 max relative dose, 2 diversity, 3 repeats,
            4 preferences.
        opts: Workers (threads of moves) and seed.
        deadline: time.perf_counter() value at which to stop.
        patience: Stop after this many moves in a row that improve nothing (None: never).

    Returns:
        (pairs, moves.MoveStats): the pairs are no worse than the incumbent on every term up
        to and including `stage`.
    """
    floor = dose_floor(data) if stage == 1 else None  # no move can go below history's maximum
    return run_moves(
        data, pairs,
        pick=lambda best, busy, size, rng: neighbourhood(data, best, stage, size, rng, busy),
        move=lambda best, chosen, seconds: _move(data, best, chosen, stage, opts, seconds),
        key=lambda rota: score(data, rota)[:stage + 1], deadline=deadline,
        threads=move_threads(opts), sizes=SIZES, seed=opts.seed + stage, patience=patience,
        done=lambda key: floor is not None and math.ceil(DOSE_GRID * key[1]) <= floor)
