"""Recomputes the five objective terms from the assignments, for the independent verifier.

The definitions are re-stated here from the format's text, not taken from the solver, so that a
solver whose objective drifts from the documented meaning is caught.
"""

from __future__ import annotations

import math
from fractions import Fraction

from scheduler.check.model import Problem, exact, fmt
from scheduler.check.rules import ONE_DAY, SEVERE, Plan
from scheduler.check.windows import daily_dose, window_sum

INTEGER_TERMS = ("unmet", "diversity", "repeats", "preferences")
OPTIONAL_TERMS = ("fairness_max", "fairness_squares")  # compared when a solution reports them
DOSE_TOLERANCE = Fraction(1, 1000)


def unmet_term(problem: Problem, plan: Plan) -> int:
    """Term 1: missing people weighted by the category's severity, so severe gaps weigh more."""
    return sum(max(0, s.people - len(plan.staffed.get(sid, [])))
               * problem.categories[s.category].severity for sid, s in problem.shifts.items())


def member_shares(problem: Problem, plan: Plan) -> list[tuple[Fraction | float, bool]]:
    """Per member: (28-day dose at the end of the plan / their limit, any planned dose in it?)."""
    last, out = problem.days[-1], []
    for member in problem.members.values():
        history, planned = daily_dose(problem, member, plan)
        mine = window_sum(planned, last, 28)
        dose = window_sum(history, last, 28) + mine
        limit = member.limits.dose_28d
        share = dose / limit if limit else (math.inf if dose > 0 else Fraction(0))
        out.append((share, mine > 0))
    return out


def max_relative_dose(problem: Problem, plan: Plan) -> Fraction | float:
    """The highest 28-day dose at the end of the plan as a share of the member's limit."""
    return max((share for share, _ in member_shares(problem, plan)), default=Fraction(0))


def fairness_max(problem: Problem, plan: Plan) -> Fraction | float:
    """Term 2, first part: that share's maximum over the members given work in the window."""
    shares = member_shares(problem, plan)
    return max((share for share, worked in shares if worked), default=Fraction(0))


def fairness_squares(problem: Problem, plan: Plan) -> Fraction | float:
    """Term 2, second part: the sum over every member of that share squared."""
    return sum((share * share for share, _ in member_shares(problem, plan)), Fraction(0))


def _distinct(problem: Problem, members, dim: str) -> int:
    """Counts the distinct values of one perspective dimension among some members."""
    values: set[str] = set()
    for member_id in members:
        values |= problem.members[member_id].perspectives.get(dim, frozenset())
    return len(values)


def diversity_term(problem: Problem, plan: Plan) -> int:
    """Term 3: distinct perspective values per shift plus per category, over all dimensions."""
    per_category: dict[str, set[str]] = {}
    total = 0
    for shift_id, members in plan.staffed.items():
        total += sum(_distinct(problem, members, dim) for dim in problem.dimensions)
        per_category.setdefault(problem.shifts[shift_id].category, set()).update(members)
    total += sum(_distinct(problem, members, dim)
                 for members in per_category.values() for dim in problem.dimensions)
    return total


def repeats_term(problem: Problem, plan: Plan) -> int:
    """Term 4: (member, severe category, day) also worked the day before, planned or logged."""
    count = 0
    for member_id, hours in plan.hours.items():
        history = problem.members[member_id].history
        for (day, cat), h in hours.items():
            if h <= 0 or problem.categories[cat].severity < SEVERE:
                continue
            before = (day - ONE_DAY, cat)
            if hours.get(before, 0) > 0 or history.get(before, 0) > 0:
                count += 1
    return count


def preferences_term(problem: Problem, plan: Plan) -> int:
    """Term 5: assignments in preferred categories minus those in avoided ones."""
    score = 0
    for member_id, shift_id in plan.pairs:
        member, cat = problem.members[member_id], problem.shifts[shift_id].category
        score += (cat in member.prefer) - (cat in member.avoid)
    return score


def recompute(problem: Problem, plan: Plan) -> dict:
    """Recomputes every objective term from the assignments.

    Args:
        problem: the parsed instance.
        plan: the checkable assignments (see check.rules.structure).

    Returns:
        The five terms by name (fairness as fairness_max and fairness_squares, plus the
        max_relative_dose over everyone), the dose shares as floats, the others as ints.
    """
    return {"unmet": unmet_term(problem, plan),
            "max_relative_dose": float(max_relative_dose(problem, plan)),
            "fairness_max": float(fairness_max(problem, plan)),
            "fairness_squares": float(fairness_squares(problem, plan)),
            "diversity": diversity_term(problem, plan),
            "repeats": repeats_term(problem, plan),
            "preferences": preferences_term(problem, plan)}


def compare(reported: dict, problem: Problem, plan: Plan) -> list[str]:
    """Lists every reported term that differs from its recomputed value.

    Args:
        reported: the solution's objective dict.
        problem: the parsed instance.
        plan: the checkable assignments.

    Returns:
        One violation per missing, non-numeric or differing term (the fairness parts only
        when reported: solutions written before they existed lack them).
    """
    out = []
    truth = {**recompute(problem, plan), "max_relative_dose": max_relative_dose(problem, plan),
             "fairness_max": fairness_max(problem, plan),
             "fairness_squares": fairness_squares(problem, plan)}
    for name, want in truth.items():
        if name not in reported and name in OPTIONAL_TERMS:
            continue
        if name not in reported:
            out.append(f"reported objective lacks term {name!r} (recomputed {_show(want)})")
            continue
        try:
            got = exact(reported[name], f"solution.objective.{name}")
        except ValueError:
            out.append(f"reported objective term {name!r} is {reported[name]!r}, not a number "
                       f"(recomputed {_show(want)})")
            continue
        off = got != want if name in INTEGER_TERMS else (
            want == math.inf or abs(got - want) > DOSE_TOLERANCE)
        if off:
            out.append(f"reported objective term {name!r} is {fmt(got)}, recomputed {_show(want)}")
    return out


def _show(value) -> str:
    """Formats a recomputed term, rounding the dose ratio as a reader would expect."""
    if value == math.inf:
        return "infinite (a 28-day limit of 0 with dose above 0)"
    if isinstance(value, Fraction) and value.denominator != 1:
        return f"{float(value):.6g}"
    return fmt(value)
