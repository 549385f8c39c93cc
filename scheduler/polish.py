"""Neighbourhood search for objective terms 2-5 (model.Term.FAIRNESS onwards).

On L and XL the full CP-SAT model of a later stage found nothing better than its hint within
its time (bench, L 1.0 with 600 s: stage 2 stayed at the stage-1 incumbent for 71 s), so those
stages kept whatever stage 1 left; there these moves are all the later stages do. On S and M
they run before the full model, which may then prove the stage (solve.py). A stage is
improved a few members at a time, as lns.py
does for stage 1: the members outside the neighbourhood keep their shifts, and the sub-model
holds every earlier term at the incumbent's value:

- unmet demand: the places left open are the restricted shifts' places, so the sub-model's
  unmet demand is the whole rota's; it may not rise;
- fairness: t <= the incumbent's value and the squares <= theirs, both on the model's grids
  for the whole rota (fairness.py counts the fixed members' doses). Fairness itself is improved
  in two steps, never through one weighted objective: moves on the maximum alone (starting
  from the most dosed working members; the squares may rise), then moves on the squares with
  the maximum held;
- diversity, repeats, preferences: these add up over members (diversity counts only values the
  fixed members do not already bring, objective.present_values), so "the movable members' part
  is no worse" keeps the whole term no worse.

A move is kept only if objective.exact_terms of the whole rota is no worse on every earlier term
and no worse on this one, so a stage never makes the rota worse. Nothing here proves
optimality: the stages it runs report "feasible".
"""

from __future__ import annotations

import random
from collections import defaultdict

from scheduler.constraints import build_hard_model
from scheduler.fairness import by_member, ratios
from scheduler.lns import restrict
from scheduler.model import Options, Term
from scheduler.moves import move_threads, run_moves, solve_move
from scheduler.objective import build_term, exact_terms, model_value
from scheduler.prepare import Prepared

MOVE_S = 0.5      # time limit of one neighbourhood solve
SIZES = (3, 6)    # smallest and starting neighbourhood (members)


def score(data: Prepared, pairs) -> tuple:
    """The five terms as one tuple to minimise lexicographically (maximised terms negated).

    Index it with model.Term; the fairness entry is itself a (max, squares) pair.
    """
    unmet, fair, diversity, repeats, preferences = exact_terms(data, pairs)
    return (unmet, fair, -diversity, repeats, -preferences)


def _bounds(stage: Term, data: Prepared, pairs: set, fixed: list) -> list:
    """(term, [values]) the sub-model must keep for every term before `stage`, part by part.

    Unmet demand and fairness are stated for the whole rota (the sub-model counts the fixed
    members); diversity and repeats add up over members, so the movable members' part is the
    whole rota's value minus the fixed members'. Preferences come last and are never a bound.
    """
    out = []
    for term in Term:
        if term >= stage:
            break
        whole = model_value(data, pairs, term)
        if term in (Term.DIVERSITY, Term.REPEATS):
            whole = (whole[0] - model_value(data, fixed, term)[0],)
        out.append((term, whole))
    return out


def step_key(data: Prepared, pairs, stage: Term, part: int) -> tuple:
    """The lexicographic key of step (stage, part): every earlier term, then this term's parts
    up to and including `part` (fairness part 0 is its maximum alone, so a move that lowers the
    maximum wins whatever it does to the squares)."""
    key = score(data, pairs)
    here = key[stage] if isinstance(key[stage], tuple) else (key[stage],)
    return key[:stage] + (here[:part + 1],)


def _move(data: Prepared, pairs: set, chosen: set[int], stage: Term, part: int, opts: Options,
          seconds: float):
    """Re-optimise the chosen members on part `part` of term `stage`, the earlier parts held.

    Returns (their new pairs or None, proven?).
    """
    sub = restrict(data, chosen, pairs)
    model, v = build_hard_model(sub)
    if not v.x:
        return None, True
    fixed = [(m, s) for m, s in pairs if m not in chosen]
    for term, values in _bounds(stage, data, pairs, fixed):
        for (expr, minimise), value in zip(build_term(term, model, v, sub, fixed), values):
            if not isinstance(expr, int):
                model.add(expr <= value if minimise else expr >= value)
    parts = build_term(stage, model, v, sub, fixed)
    for (expr, minimise), value in zip(parts[:part], model_value(data, pairs, stage)):
        if not isinstance(expr, int):  # an earlier part of this term: no worse for the rota
            model.add(expr <= value if minimise else expr >= value)
    expr, minimise = parts[part]
    if isinstance(expr, int):
        return None, True
    (model.minimize if minimise else model.maximize)(expr)
    return solve_move(model, v, pairs, opts.seed, min(MOVE_S, seconds))


def neighbourhood(data: Prepared, pairs, stage: Term, size: int, rng: random.Random,
                  busy=frozenset(), part: int = 0) -> set[int]:
    """A member and colleagues who could swap shifts with them, none of them `busy`.

    Moves on the fairness maximum (part 0) always start from one of the three most dosed
    members with work (only they can lower it); moves on the squares (part 1) from any member
    with work (any of them can lower the squares); the other stages from a random member.
    """
    held = defaultdict(list)
    for m, s in pairs:
        held[m].append(s)
    if stage == Term.FAIRNESS:
        dose = ratios(data, by_member(data, pairs))
        candidates = sorted(held, key=lambda m: -dose[m])
        if part == 0:
            candidates = candidates[:3]
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


def improve_stage(data: Prepared, pairs, stage: Term, opts: Options, deadline: float,
                  patience: int | None = None, part: int = 0) -> tuple:
    """Improve part `part` of term `stage` (any but Term.UNMET, lns.py's) by moves until `deadline`.

    Args:
        data: Prepared data.
        pairs: The incumbent (member, shift) pairs; it breaks no hard rule.
        stage: Which term to improve.
        opts: Workers (threads of moves) and seed.
        deadline: time.perf_counter() value at which to stop.
        patience: Stop after this many moves in a row that improve nothing (None: never).
        part: Which part of the term (fairness: 0 the maximum, 1 the squares, with the
            maximum held); the other terms have one part.

    Returns:
        (pairs, moves.MoveStats): the pairs are no worse than the incumbent on every term
        before `stage` and on this term's parts up to and including `part`.
    """
    stage = Term(stage)
    return run_moves(
        data, pairs,
        pick=lambda best, busy, size, rng: neighbourhood(data, best, stage, size, rng, busy,
                                                         part),
        move=lambda best, chosen, seconds: _move(data, best, chosen, stage, part, opts,
                                                 seconds),
        key=lambda rota: step_key(data, rota, stage, part), deadline=deadline,
        threads=move_threads(opts), sizes=SIZES, seed=opts.seed + stage + 10 * part,
        patience=patience)
