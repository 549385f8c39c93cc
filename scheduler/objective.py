"""The five objective terms, their priorities, and how the priorities are enforced.

Terms, in priority order (exact definitions shared with the verifier):

1. unmet = sum over shifts of missing people x category severity (minimise);
2. max_relative_dose = max over all members of (history + planned dose over the 28 days ending on
   the last planned day) / that member's effective max_dose_28d (minimise);
3. diversity = sum over shifts and dimensions of distinct values among the shift's members, plus
   sum over categories and dimensions of distinct values among everyone working that category
   (maximise);
4. repeats = (member, severity >= 3 category, day) triples worked on that day and the day before
   (the day before may be a history day) (minimise);
5. preferences = assignments in a preferred category minus assignments in an avoided one
   (maximise).

Priorities are enforced lexicographically, not by weights: solve.py optimises term 1, adds
"term 1 <= its best value" as a constraint, hints the next solve with the incumbent, optimises
term 2, and so on. Each stage gets a share of the time that is left (see STAGE_SHARES), so
time a quick stage does not use passes to the next. The status is "optimal" only if every stage
was proven optimal; the reported bound is stage 1's (in unmet units).

Term 2 is modelled as an integer t in units of 1/10000 of a limit: each member's relative dose,
rounded up to that grid, is <= t. The reported value is recomputed exactly from the assignment.
"""

from __future__ import annotations

import math
from collections import defaultdict
from fractions import Fraction
from typing import Callable, Iterable

from ortools.sat.python import cp_model

from scheduler.constraints import Vars, works_literal
from scheduler.model import Objective
from scheduler.prepare import MemberData, Prepared

DOSE_GRID = 10_000  # term 2 resolution: 1/10000 of a member's 28-day limit
STAGE_SHARES = (0.7, 0.4, 0.5, 0.6, 1.0)  # share of the remaining time each stage may use


def term_unmet(model: cp_model.CpModel, v: Vars, data: Prepared):
    """Term 1 as (expression, minimise?): severity-weighted missing people over all shifts."""
    total = sum(sd.cat.severity * sd.shift.people for sd in data.shifts)
    covered = cp_model.LinearExpr.WeightedSum(
        [x for (_, s), x in v.x.items()], [data.shifts[s].cat.severity for (_, s) in v.x])
    return total - covered, True


def _window28(data: Prepared) -> range:
    last = data.n_days - 1
    return range(max(0, last - 27), last + 1)


def _history28(md: MemberData, data: Prepared) -> Fraction:
    last = data.n_days - 1
    return sum((d for off, d in md.hist_dose.items() if last - 28 < off <= last), Fraction(0))


def term_max_relative_dose(model: cp_model.CpModel, v: Vars, data: Prepared, floor: int = 0):
    """Term 2 as (t, minimise?): t >= 10000 x each member's 28-day dose / limit (rounded up).

    `floor` is a lower bound on t from members without variables (neighbourhood moves, where
    the fixed members' ratios still count in the maximum).
    """
    days = set(_window28(data))
    rows, lower = [], max(floor, dose_floor(data))
    for md in data.members:
        a, b = _history28(md, data) * data.dose_scale, md.limit28 * data.dose_scale
        terms = [(md.dose_units(sd), x) for d in days for sd, x in v.by_member_day.get((md.idx, d), ())]
        if terms:
            rows.append((a, b, terms))
    upper = max([lower] + [math.ceil(DOSE_GRID * (a + sum(c for c, _ in t)) / b) for a, b, t in rows])
    t = model.NewIntVar(lower, upper, "max_relative_dose_x10000")
    v.derived.append((t, lambda best: max(lower, dose_grid(data, best))))
    for a, b, terms in rows:
        q = math.lcm(a.denominator, b.denominator)
        expr = cp_model.LinearExpr.WeightedSum([x for _, x in terms],
                                               [DOSE_GRID * q * c for c, _ in terms])
        model.Add(expr + int(DOSE_GRID * q * a) <= int(b * q) * t)
    return t, True


def dose_floor(data: Prepared) -> int:
    """The least term 2 can be on its grid: the largest history-only ratio (no rota lowers it)."""
    return max((math.ceil(DOSE_GRID * _history28(md, data) / md.limit28) for md in data.members),
               default=0)


def dose_grid(data: Prepared, pairs) -> int:
    """Term 2 of an assignment on the model's grid: ceil(10000 x max relative dose), exactly."""
    return math.ceil(DOSE_GRID * max_ratio(data, _by_member(data, pairs)))


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
                z = model.NewBoolVar(f"div[{sd.shift.id},{dim}={val}]")
                model.Add(z <= sum(v.x[k] for k in keys))
                v.derive_any(z, keys)
                zs.append(z)
                shift_lits[(sd.cat.id, dim, val)].append((z, keys))
            if len(zs) > 1:
                brought = [(len(_values(data.members[m], dim)), v.x[(m, sd.idx)])
                           for m in data.eligible[sd.idx]]
                model.Add(sum(zs) <= sum(n * x for n, x in brought if n))
            terms.extend(zs)
    for (cat, dim, val), zs in shift_lits.items():
        if val in present.get((cat, dim), ()):
            continue
        w = model.NewBoolVar(f"div[{cat},{dim}={val}]")
        model.Add(w <= sum(z for z, _ in zs))
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
            if cat.severity < 3:
                continue
            prev = None
            if -1 in md.hist_days.get(cat.id, ()):
                prev = True
            for d in range(data.n_days):
                lit = works_literal(model, v, data, md.idx, cat.id, d)
                if lit is not None and prev is True:
                    terms.append(lit)
                elif lit is not None and prev is not None:
                    r = model.NewBoolVar(f"repeat[{md.member.id},{cat.id},d{d}]")
                    model.AddBoolOr([lit.Not(), prev.Not(), r])
                    v.derived.append((r, _both(v, md.idx, cat.id, d)))
                    terms.append(r)
                prev = lit
    return sum(terms), True


def _both(v: Vars, m: int, cat: str, d: int):
    """Hint for a repeat literal: the member works `cat` on d and on d - 1."""
    keys = {day: [(m, sd.idx) for sd, _ in v.by_member_day.get((m, day), ()) if sd.cat.id == cat]
            for day in (d - 1, d)}
    return lambda best: int(all(any(k in best for k in keys[day]) for day in keys))


def _by_member(data: Prepared, pairs) -> dict:
    by_member = defaultdict(list)
    for m, s in pairs:
        by_member[m].append(data.shifts[s])
    return by_member


def term_preferences(model: cp_model.CpModel, v: Vars, data: Prepared):
    """Term 5 as (expression, minimise?): preferred minus avoided assignments."""
    coeffs = {}
    for (m, s), x in v.x.items():
        member, cat = data.members[m].member, data.shifts[s].cat.id
        c = (cat in member.prefer) - (cat in member.avoid)
        if c:
            coeffs[x] = c
    return cp_model.LinearExpr.WeightedSum(list(coeffs), list(coeffs.values())), False


STAGES: tuple[tuple[str, Callable], ...] = (
    ("unmet", term_unmet), ("max_relative_dose", term_max_relative_dose),
    ("diversity", term_diversity), ("repeats", term_repeats),
    ("preferences", term_preferences),
)


def evaluate(data: Prepared, pairs: Iterable[tuple[int, int]]) -> Objective:
    """Recompute all five terms exactly from an assignment (member index, shift index).

    Args:
        data: Prepared data.
        pairs: The assignment.

    Returns:
        The objective terms, max_relative_dose rounded to 4 decimals.
    """
    unmet, ratio, diversity, repeats, preferences = exact_terms(data, pairs)
    return Objective(unmet=unmet, max_relative_dose=round(float(ratio), 4), diversity=diversity,
                     repeats=repeats, preferences=preferences)


def exact_terms(data: Prepared, pairs: Iterable[tuple[int, int]]) -> tuple:
    """The five terms of an assignment in priority order, term 2 as an exact Fraction."""
    pairs = list(pairs)
    by_shift, by_member = defaultdict(list), defaultdict(list)
    for m, s in pairs:
        by_shift[s].append(m)
        by_member[m].append(data.shifts[s])
    unmet = sum(sd.cat.severity * max(0, sd.shift.people - len(by_shift[sd.idx]))
                for sd in data.shifts)
    return (unmet, max_ratio(data, by_member), _diversity(data, by_shift),
            _repeats(data, by_member), _preferences(data, pairs))


def ratios(data: Prepared, by_member) -> dict[int, Fraction]:
    """Each member's (history + planned dose in the last 28-day window) / 28-day limit, exactly."""
    days, out = set(_window28(data)), {}
    for md in data.members:
        planned = sum(md.dose_units(sd) for sd in by_member.get(md.idx, ()) if sd.day in days)
        out[md.idx] = (_history28(md, data) + Fraction(planned, data.dose_scale)) / md.limit28
    return out


def max_ratio(data: Prepared, by_member) -> Fraction:
    """Exact term 2 from {member index: [shifts]}: the largest of ratios()."""
    return max(ratios(data, by_member).values(), default=Fraction(0))


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
