"""Objective term 2, fairness: who carries the dose, in two lexicographic parts.

A member's relative dose is (history + planned dose in the 28 days ending on the last planned
day) / their effective max_dose_28d. Term 2 compares rotas by

1. `fairness_max`: the highest relative dose among the members the rota gives work in that
   window (0 if it gives none). A member the rota leaves idle there keeps the ratio their
   history gave them, which no rota can lower; counting them would let one member already over
   the limit fix the term for everyone (the XL benchmark: 1.15), so they are left out. Giving
   such a member even a small shift puts them in, so the term also keeps work off them;
2. `fairness_squares`: the sum over every member of the relative dose squared, which falls
   whenever load moves from a more to a less dosed member: it balances everyone below the top.

`max_relative_dose` (over everyone, history-only members included) is still reported: it is
what a manager reads, but it is no longer what the solver minimises.

In CP-SAT, part 1 is an integer t on a 1/10000 grid (each worked member's ratio, rounded up, is
<= t; a one-sided "works in the window" literal switches a member's history on) and part 2 is
the sum of r_m^2 with r_m the ratio rounded up to 1/1000. Rotas are compared and reported with
the exact values (fairness()); the grids only guide the search.
"""

from __future__ import annotations

import math
from collections import defaultdict
from fractions import Fraction

from ortools.sat.python import cp_model

from scheduler.dose import window_dose
from scheduler.prepare import MemberData, Prepared

DOSE_GRID = 10_000    # part 1 resolution: 1/10000 of a member's 28-day limit
SQUARE_GRID = 1_000   # part 2: each ratio rounded up to 1/1000 before squaring


def window28(data: Prepared) -> range:
    """The planned days inside the 28-day window ending on the last planned day."""
    last = data.n_days - 1
    return range(max(0, last - 27), last + 1)


def history28(md: MemberData, data: Prepared) -> Fraction:
    """History dose points inside that window."""
    return Fraction(window_dose(md.hist_dose, data.n_days - 1, 28))


def by_member(data: Prepared, pairs) -> dict:
    """{member index: [ShiftData]} of an assignment."""
    out = defaultdict(list)
    for m, s in pairs:
        out[m].append(data.shifts[s])
    return out


def planned_units(data: Prepared, shifts_of: dict) -> dict[int, int]:
    """Planned dose units per member inside the window."""
    days = set(window28(data))
    return {md.idx: sum(md.dose_units(sd) for sd in shifts_of.get(md.idx, ()) if sd.day in days)
            for md in data.members}


def ratios(data: Prepared, shifts_of: dict) -> dict[int, Fraction]:
    """Each member's relative 28-day dose, exactly."""
    planned = planned_units(data, shifts_of)
    return {md.idx: (history28(md, data) + Fraction(planned[md.idx], data.dose_scale))
            / md.limit28 for md in data.members}


def fairness(data: Prepared, pairs) -> tuple[Fraction, Fraction]:
    """Term 2 of an assignment, exactly: (fairness_max, fairness_squares)."""
    shifts_of = by_member(data, pairs)
    planned, ratio = planned_units(data, shifts_of), ratios(data, shifts_of)
    top = max((ratio[m] for m, units in planned.items() if units), default=Fraction(0))
    return top, sum((r * r for r in ratio.values()), Fraction(0))


def fairness_grid(data: Prepared, pairs) -> tuple[int, int]:
    """Term 2 of an assignment as the model states it: (t, sum of r_m^2)."""
    shifts_of = by_member(data, pairs)
    planned, ratio = planned_units(data, shifts_of), ratios(data, shifts_of)
    top = max((ratio[m] for m, units in planned.items() if units), default=Fraction(0))
    return (math.ceil(DOSE_GRID * top),
            sum(math.ceil(SQUARE_GRID * r) ** 2 for r in ratio.values()))


def _rows(data: Prepared, v):
    """(member, history units a, limit units b, [(dose units, key, var)]) per modelled member."""
    days = set(window28(data))
    for md in data.members:
        terms = [(md.dose_units(sd), (md.idx, sd.idx), x) for d in days
                 for sd, x in v.by_member_day.get((md.idx, d), ())]
        if terms:
            yield md, history28(md, data) * data.dose_scale, md.limit28 * data.dose_scale, terms


def _ceil_hint(grid: int, a: Fraction, b: Fraction, terms):
    return lambda best: math.ceil(grid * (a + sum(c for c, k, _ in terms if k in best)) / b)


def term_fairness(model: cp_model.CpModel, v, data: Prepared, fixed=()) -> tuple:
    """Term 2 on a model: (t, squares expression), each minimised in its own step.

    Args:
        model: The CP-SAT model.
        v: Its variables (constraints.Vars).
        data: Prepared data (a restricted copy in a neighbourhood move).
        fixed: The pairs of members without variables (a move's fixed part): they count in
            t's lower bound and as constants in the squares.

    Returns:
        t (part 1 on its grid) and the squares expression (part 2), both to minimise, whose
        values on a rota equal fairness_grid() of the whole rota. They are never summed into
        one weighted objective: the caller minimises t, fixes it, then minimises the squares.
    """
    base_grid = fairness_grid(data, fixed)  # members with no variables: fixed or idle
    rows, squares, lower = list(_rows(data, v)), [], base_grid[0]
    modelled = {md.idx for md, *_ in rows}
    rest = by_member(data, fixed)
    rest_ratio = ratios(data, rest)
    constant = sum(math.ceil(SQUARE_GRID * rest_ratio[md.idx]) ** 2
                   for md in data.members if md.idx not in modelled)
    upper = max([lower] + [math.ceil(DOSE_GRID * (a + sum(c for c, *_ in t)) / b)
                           for _, a, b, t in rows])
    t = model.new_int_var(lower, upper, "fairness_max_x10000")
    v.derived.append((t, lambda best: max(lower, fairness_grid(data, best)[0])))
    for md, a, b, terms in rows:
        q = math.lcm(a.denominator, b.denominator)
        xs, cs = [x for *_, x in terms], [c for c, *_ in terms]
        load = cp_model.LinearExpr.WeightedSum(xs, [q * c for c in cs])
        if a:
            w = model.new_bool_var(f"works28[{md.member.id}]")
            for x in xs:
                model.add_implication(x, w)
            v.derive_any(w, [k for _, k, _ in terms])
            model.add(DOSE_GRID * (load + int(q * a) * w) <= int(b * q) * t)
        else:
            model.add(DOSE_GRID * load <= int(b * q) * t)
        top = math.ceil(SQUARE_GRID * (a + sum(cs)) / b)
        r = model.new_int_var(0, top, f"ratio[{md.member.id}]")
        model.add(SQUARE_GRID * (load + int(q * a)) <= int(b * q) * r)
        sq = model.new_int_var(0, top * top, f"ratio_sq[{md.member.id}]")
        model.add_multiplication_equality(sq, [r, r])
        hint = _ceil_hint(SQUARE_GRID, a, b, terms)
        v.derived.append((r, hint))
        v.derived.append((sq, lambda best, hint=hint: hint(best) ** 2))
        squares.append(sq)
    return t, sum(squares) + constant
