"""The five objective terms, their priorities, and how the priorities are enforced.

Terms, in priority order (exact definitions shared with the verifier):

1. unmet = sum over shifts of missing people x category severity (minimise);
2. fairness = (fairness_max, fairness_squares), compared in that order (minimise): the highest
   relative 28-day dose among the members the rota gives work in that window, then the sum of
   every member's relative dose squared (scheduler/fairness.py);
3. diversity = sum over shifts and dimensions of distinct values among the shift's members, plus
   sum over categories and dimensions of distinct values among everyone working that category
   (maximise);
4. repeats = (member, severity >= 3 category, day) triples worked on that day and the day before
   (the day before may be a history day) (minimise);
5. preferences = assignments in a preferred category minus assignments in an avoided one
   (maximise).

Priorities are enforced lexicographically, not by weights: solve.py optimises term 1, adds
"term 1 <= its best value" as a constraint, hints the next solve with the incumbent, optimises
term 2, and so on; term 2's two parts are two such steps (its maximum is optimised and fixed
before its squares are touched). Each step gets a share of the time that is left (see
STAGE_SHARES), so time a quick step does not use passes to the next. The status is "optimal"
only if every stage was proven optimal; the reported bound is stage 1's (in unmet units).

Term 2 is modelled on integer grids (fairness.py); the reported values are recomputed exactly
from the assignment. Terms are named by model.Term (0-based: stage i is Term(i)).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ortools.sat.python import cp_model

from scheduler.constraints import Vars, works_literal
from scheduler.dose import is_severe
from scheduler.fairness import (
    by_member, fairness, fairness_grid, ratios, term_fairness,
)
from scheduler.model import Objective, Term
from scheduler.prepare import MemberData, Prepared

# Share of the remaining time each stage may use, per part (fairness: the maximum, then the
# squares; the maximum keeps the share the max-only term had, the squares take theirs after it).
STAGE_SHARES = ((0.7,), (0.4, 0.3), (0.5,), (0.6,), (1.0,))


def term_unmet(model: cp_model.CpModel, v: Vars, data: Prepared):
    """Term 1 as (expression, minimise?): severity-weighted missing people over all shifts."""
    total = sum(sd.cat.severity * sd.shift.people for sd in data.shifts)
    covered = cp_model.LinearExpr.WeightedSum(
        [x for (_, s), x in v.x.items()], [data.shifts[s].cat.severity for (_, s) in v.x])
    return total - covered, True


def _values(md: MemberData, dim: str) -> Iterable[str]:
    return set(md.member.perspectives.get(dim, ()))


def term_diversity(model: cp_model.CpModel, v: Vars, data: Prepared, present=None):
    """Term 3 as (expression, minimise?): distinct perspective values per shift and category.

    `present` maps (shift index or category id, dimension) to values already brought by members
    without variables (neighbourhood moves); those values are not counted again, so the
    expression is what the movable members add.

    Besides z <= (holders on the shift), each shift and dimension gets the redundant cut
    sum(z) <= sum(values each member brings x work): it is what makes the LP bound of this
    stage tighter (S level 0.8 seed 0: bound 530 -> 421 against a best value of 311).
    """
    present = present or {}
    shift_lits: dict[tuple[str, str, str], list] = defaultdict(list)
    terms = []
    for sd in data.shifts:
        for dim in data.instance.diversity_dimensions:
            holders, there = defaultdict(list), present.get((sd.idx, dim), ())
            for m in data.eligible[sd.idx]:
                for val in _values(data.members[m], dim):
                    if val not in there:
                        holders[val].append((m, sd.idx))
            zs = []
            for val, keys in holders.items():
                z = model.new_bool_var(f"div[{sd.shift.id},{dim}={val}]")
                model.add(z <= sum(v.x[k] for k in keys))
                v.derive_any(z, keys)
                zs.append(z)
                shift_lits[(sd.cat.id, dim, val)].append((z, keys))
            if len(zs) > 1:
                brought = [(len(_values(data.members[m], dim)), v.x[(m, sd.idx)])
                           for m in data.eligible[sd.idx]]
                model.add(sum(zs) <= sum(n * x for n, x in brought if n))
            terms.extend(zs)
    for (cat, dim, val), zs in shift_lits.items():
        if val in present.get((cat, dim), ()):
            continue
        w = model.new_bool_var(f"div[{cat},{dim}={val}]")
        model.add(w <= sum(z for z, _ in zs))
        v.derive_any(w, [k for _, keys in zs for k in keys])
        terms.append(w)
    return sum(terms), False


def present_values(data: Prepared, pairs) -> dict:
    """Perspective values each shift and category already has from an assignment (see above)."""
    out = defaultdict(set)
    for m, s in pairs:
        for dim in data.instance.diversity_dimensions:
            vals = _values(data.members[m], dim)
            out[(s, dim)] |= vals
            out[(data.shifts[s].cat.id, dim)] |= vals
    return out


def term_repeats(model: cp_model.CpModel, v: Vars, data: Prepared):
    """Term 4 as (expression, minimise?): severe category worked on two consecutive days."""
    terms = []
    for md in data.movable():
        for cat in data.cats.values():
            if not is_severe(cat.severity):
                continue
            prev = None
            if -1 in md.hist_days.get(cat.id, ()):
                prev = True
            for d in range(data.n_days):
                lit = works_literal(model, v, data, md.idx, cat.id, d)
                if lit is not None and prev is True:
                    terms.append(lit)
                elif lit is not None and prev is not None:
                    r = model.new_bool_var(f"repeat[{md.member.id},{cat.id},d{d}]")
                    model.add_bool_or([lit.negated(), prev.negated(), r])
                    v.derived.append((r, _both(v, md.idx, cat.id, d)))
                    terms.append(r)
                prev = lit
    return sum(terms), True


def _both(v: Vars, m: int, cat: str, d: int):
    """Hint for a repeat literal: the member works `cat` on d and on d - 1."""
    keys = {day: [(m, sd.idx) for sd, _ in v.by_member_day.get((m, day), ()) if sd.cat.id == cat]
            for day in (d - 1, d)}
    return lambda best: int(all(any(k in best for k in keys[day]) for day in keys))


def term_preferences(model: cp_model.CpModel, v: Vars, data: Prepared):
    """Term 5 as (expression, minimise?): preferred minus avoided assignments."""
    coeffs = {}
    for (m, s), x in v.x.items():
        member, cat = data.members[m].member, data.shifts[s].cat.id
        c = (cat in member.prefer) - (cat in member.avoid)
        if c:
            coeffs[x] = c
    return cp_model.LinearExpr.WeightedSum(list(coeffs), list(coeffs.values())), False


def build_term(term: Term, model: cp_model.CpModel, v: Vars, data: Prepared,
               fixed=()) -> list[tuple]:
    """Term `term` on a model as lexicographic parts [(expression, minimise?)].

    `fixed` holds the pairs of members without variables (a neighbourhood move): fairness counts
    them, diversity does not count values they already bring. Fairness has two parts, the other
    terms one; an expression may be a plain int (nothing to choose).
    """
    if term == Term.FAIRNESS:
        t, squares = term_fairness(model, v, data, fixed)
        return [(t, True), (squares, True)]
    if term == Term.DIVERSITY:
        return [term_diversity(model, v, data, present_values(data, fixed) if fixed else None)]
    return [{Term.UNMET: term_unmet, Term.REPEATS: term_repeats,
             Term.PREFERENCES: term_preferences}[term](model, v, data)]


def model_value(data: Prepared, pairs, term: Term) -> tuple:
    """Term `term` of a rota as the model's parts state it (fairness on its grids)."""
    if term == Term.FAIRNESS:
        return fairness_grid(data, pairs)
    return (exact_terms(data, pairs)[term],)


def evaluate(data: Prepared, pairs: Iterable[tuple[int, int]]) -> Objective:
    """Recompute all five terms exactly from an assignment (member index, shift index).

    Args:
        data: Prepared data.
        pairs: The assignment.

    Returns:
        The objective terms, max_relative_dose rounded to 4 decimals.
    """
    pairs = list(pairs)
    unmet, (top, squares), diversity, repeats, preferences = exact_terms(data, pairs)
    everyone = max(ratios(data, by_member(data, pairs)).values(), default=0)
    return Objective(unmet=unmet, max_relative_dose=round(float(everyone), 4),
                     diversity=diversity, repeats=repeats, preferences=preferences,
                     fairness_max=round(float(top), 4), fairness_squares=round(float(squares), 4))


def exact_terms(data: Prepared, pairs: Iterable[tuple[int, int]]) -> tuple:
    """The five terms of an assignment in priority order, term 2 as two exact Fractions."""
    pairs = list(pairs)
    by_shift, shifts_of = defaultdict(list), defaultdict(list)
    for m, s in pairs:
        by_shift[s].append(m)
        shifts_of[m].append(data.shifts[s])
    unmet = sum(sd.cat.severity * max(0, sd.shift.people - len(by_shift[sd.idx]))
                for sd in data.shifts)
    return (unmet, fairness(data, pairs), _diversity(data, by_shift),
            _repeats(data, shifts_of), _preferences(data, pairs))


def _diversity(data: Prepared, by_shift) -> int:
    total, per_cat = 0, defaultdict(set)
    for s, members in by_shift.items():
        cat = data.shifts[s].cat.id
        for dim in data.instance.diversity_dimensions:
            vals = set().union(*(_values(data.members[m], dim) for m in members))
            total += len(vals)
            per_cat[(cat, dim)] |= vals
    return total + sum(len(vals) for vals in per_cat.values())


def _repeats(data: Prepared, by_member) -> int:
    count = 0
    for md_idx, shifts in by_member.items():
        md = data.members[md_idx]
        worked = {(sd.cat.id, sd.day) for sd in shifts if sd.severe}
        for cat, d in worked:
            if (cat, d - 1) in worked or (d == 0 and -1 in md.hist_days.get(cat, ())):
                count += 1
    return count


def _preferences(data: Prepared, pairs) -> int:
    score = 0
    for m, s in pairs:
        member, cat = data.members[m].member, data.shifts[s].cat.id
        score += (cat in member.prefer) - (cat in member.avoid)
    return score
