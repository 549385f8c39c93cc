"""The hard rules that look across days: rolling dose windows, consecutive days, recovery.

Like check/rules.py, each rule returns violation sentences and shares nothing with the solver.
History (days before the plan) counts wherever the rule says it does.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from fractions import Fraction

from scheduler.check.model import Member, Problem, fmt
from scheduler.check.rules import ONE_DAY, SEVERE, Plan


def daily_dose(problem: Problem, member: Member, plan: Plan) -> tuple[dict, dict]:
    """Weights one member's logged and planned hours by severity, per date.

    Args:
        problem: the parsed instance (for category severities).
        member: the member, whose own dose weights apply.
        plan: the checkable assignments.

    Returns:
        (history dose, planned dose), each a dict from date to Fraction.
    """
    weights = member.limits.weights
    history: dict = defaultdict(Fraction)
    for (day, cat), h in member.history.items():
        history[day] += h * weights[problem.categories[cat].severity]
    planned: dict = defaultdict(Fraction)
    for (day, cat), h in plan.hours.get(member.id, {}).items():
        planned[day] += h * weights[problem.categories[cat].severity]
    return history, planned


def window_sum(dose: dict, end: dt.date, length: int) -> Fraction:
    """Sums a per-date dose over the `length` days ending on `end`, both ends included.

    Args:
        dose: a dict from date to dose.
        end: the last day of the window.
        length: the window's length in calendar days (7 or 28).

    Returns:
        The exact sum.
    """
    return sum((dose.get(end - k * ONE_DAY, Fraction(0)) for k in range(length)), Fraction(0))


def _window_violation(member_id, day, length, hist, planned, limit, note) -> str | None:
    """States one rolling-window breach, or None; history alone over the limit bans planned work."""
    start = day - (length - 1) * ONE_DAY
    span = f"{start}..{day}"
    if hist > limit:
        if planned > 0:
            return (f"{member_id} on {day}: history alone gives a {length}-day dose of "
                    f"{fmt(hist)} over {note}, so no planned work may fall in {span}, but the "
                    f"planned dose there is {fmt(planned)}")
        return None
    if hist + planned > limit:
        return (f"{member_id} on {day}: {length}-day dose {fmt(hist + planned)} over {span} "
                f"(history {fmt(hist)} + planned {fmt(planned)}) exceeds {note}")
    return None


def rolling_dose(problem: Problem, plan: Plan) -> list[str]:
    """Rule 4: history plus planned dose in the 7 and 28 days ending on every planned day.

    Args:
        problem: the parsed instance.
        plan: the checkable assignments from structure().

    Returns:
        One violation sentence per breach; empty when the rule holds.
    """
    out = []
    for member_id in sorted(plan.hours):
        m = problem.members[member_id]
        history, planned = daily_dose(problem, m, plan)
        for day in problem.days:
            for length, limit, note in ((7, m.limits.dose_7d, m.limits.note_7d),
                                        (28, m.limits.dose_28d, m.limits.note_28d)):
                found = _window_violation(member_id, day, length, window_sum(history, day, length),
                                          window_sum(planned, day, length), limit, note)
                if found:
                    out.append(found)
    return out


def _runs(days: set[dt.date]) -> list[tuple[dt.date, dt.date, int]]:
    """Splits a set of dates into maximal runs of consecutive calendar days."""
    runs = []
    for day in sorted(days):
        if runs and runs[-1][1] + ONE_DAY == day:
            runs[-1] = (runs[-1][0], day, runs[-1][2] + 1)
        else:
            runs.append((day, day, 1))
    return runs


def consecutive_days(problem: Problem, plan: Plan) -> list[str]:
    """Rule 5a: runs of days worked in one category, history included, within the category cap.

    Args:
        problem: the parsed instance.
        plan: the checkable assignments from structure().

    Returns:
        One violation sentence per breach; empty when the rule holds.
    """
    out, planned_days = [], set(problem.days)
    for member_id, hours in sorted(plan.hours.items()):
        worked: dict = defaultdict(set)
        for (day, cat), h in list(hours.items()) + list(problem.members[member_id].history.items()):
            if h > 0:
                worked[cat].add(day)
        for cat, days in sorted(worked.items()):
            cap = problem.categories[cat].max_consecutive
            for start, end, n in _runs(days):
                if n > cap and any(start <= d <= end for d in planned_days):
                    out.append(f"{member_id} in category {cat!r}: {n} consecutive days worked "
                               f"{start}..{end} (history included) exceed its "
                               f"max_consecutive_days of {cap}")
    return out


def recovery_days(problem: Problem, plan: Plan) -> list[str]:
    """Rule 5b: enough planned days free of severity>=3 work; unavailable days count as free.

    A plan shorter than min_recovery_days must be free of severe work on every day (the rule
    asks for min(min_recovery_days, planned days) free days), so an empty plan always passes.

    Args:
        problem: the parsed instance.
        plan: the checkable assignments from structure().

    Returns:
        One violation sentence per breach; empty when the rule holds.
    """
    out = []
    for member_id, m in sorted(problem.members.items()):
        hours = plan.hours.get(member_id, {})
        severe_days = {day for (day, cat), h in hours.items()
                       if h > 0 and problem.categories[cat].severity >= SEVERE}
        free = sum(1 for day in problem.days if day in m.unavailable or day not in severe_days)
        needed = min(m.limits.min_recovery, len(problem.days))
        if free < needed:
            out.append(f"{member_id}: {free} recovery day(s) (planned days with no severity>=3 "
                       f"work) is fewer than the {fmt(needed)} required (min_recovery_days "
                       f"{fmt(m.limits.min_recovery)}, {len(problem.days)} planned days)")
    return out
