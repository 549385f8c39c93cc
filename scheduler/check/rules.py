"""The hard rules of a rotation, each re-stated on its own, for the independent verifier.

Every function returns a list of violation sentences naming the rule, the member, the day or
shift and the numbers involved; an empty list means the rule holds. Nothing here is shared with
the solver's constraints, on purpose.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from fractions import Fraction

from scheduler.check.model import Answer, Problem, fmt

ONE_DAY = dt.timedelta(days=1)
SEVERE = 3  # severity from which a category counts towards the daily ceiling and recovery


@dataclass(frozen=True)
class Plan:
    """The assignments that can be checked: known member and shift, duplicates removed."""

    pairs: tuple[tuple[str, str], ...]
    staffed: dict[str, list[str]]
    hours: dict[str, dict[tuple[dt.date, str], Fraction]]


def structure(problem: Problem, answer: Answer) -> tuple[list[str], Plan]:
    """Rule 0: references exist, no duplicate pair, no shift over its head count.

    Two shifts of the same category on the same day for one member are accepted: their hours
    add up and every per-day and per-week cap below sees the sum.

    Args:
        problem: the parsed instance.
        answer: the parsed solution.

    Returns:
        The violations, and the Plan that every later rule checks.
    """
    out, seen, pairs = [], Counter(), []
    for i, (member, shift) in enumerate(answer.assignments):
        if member not in problem.members:
            out.append(f"assignment {i} ({member} -> {shift}): unknown member {member!r}")
        elif shift not in problem.shifts:
            out.append(f"assignment {i} ({member} -> {shift}): unknown shift {shift!r}")
        else:
            seen[(member, shift)] += 1
            if seen[(member, shift)] == 1:
                pairs.append((member, shift))
    out += [f"duplicate assignment {m} -> {s}: listed {n} times"
            for (m, s), n in seen.items() if n > 1]
    staffed: dict[str, list[str]] = defaultdict(list)
    hours: dict = defaultdict(lambda: defaultdict(Fraction))
    for member, shift_id in pairs:
        shift = problem.shifts[shift_id]
        staffed[shift_id].append(member)
        hours[member][(shift.day, shift.category)] += shift.hours
    for shift_id, members in staffed.items():
        if len(members) > problem.shifts[shift_id].people:
            out.append(f"shift {shift_id} has {len(members)} people assigned but needs only "
                       f"{problem.shifts[shift_id].people}")
    return out, Plan(tuple(pairs), dict(staffed), {m: dict(h) for m, h in hours.items()})


def eligibility(problem: Problem, plan: Plan) -> list[str]:
    """Rule 1: available that day, not opted out, opted in where the category requires it.

    Args:
        problem: the parsed instance.
        plan: the checkable assignments from structure().

    Returns:
        One violation sentence per breach; empty when the rule holds.
    """
    out = []
    for member_id, shift_id in plan.pairs:
        m, s = problem.members[member_id], problem.shifts[shift_id]
        where = f"{member_id} on {s.day}: shift {shift_id} ({s.category})"
        if s.day in m.unavailable:
            out.append(f"{where} assigned although the member is unavailable that day")
        if s.category in m.opted_out:
            out.append(f"{where} assigned although the member opted out of {s.category!r}")
        if problem.categories[s.category].requires_opt_in and s.category not in m.opted_in:
            out.append(f"{where} assigned although {s.category!r} requires opt-in and the "
                       "member has not opted in")
    return out


def _per_day(hours: dict) -> dict[dt.date, dict[str, Fraction]]:
    """Groups a member's planned hours by day, then category."""
    out: dict = defaultdict(dict)
    for (day, cat), h in hours.items():
        out[day][cat] = h
    return out


def daily_caps(problem: Problem, plan: Plan) -> list[str]:
    """Rule 2: daily capacity, each category's daily cap, and the severe-hours ceiling.

    Args:
        problem: the parsed instance.
        plan: the checkable assignments from structure().

    Returns:
        One violation sentence per breach; empty when the rule holds.
    """
    out = []
    for member_id, hours in sorted(plan.hours.items()):
        m = problem.members[member_id]
        for day, cats in sorted(_per_day(hours).items()):
            total = sum(cats.values())
            if total > m.hours_per_day:
                out.append(f"{member_id} on {day}: {fmt(total)} h planned exceeds the member's "
                           f"daily capacity hours_per_day of {fmt(m.hours_per_day)}")
            for cat, h in sorted(cats.items()):
                cap = problem.categories[cat].max_day
                if h > cap:
                    out.append(f"{member_id} on {day}: {fmt(h)} h in category {cat!r} exceeds "
                               f"its max_hours_per_day of {fmt(cap)}")
            severe = sum(h for c, h in cats.items() if problem.categories[c].severity >= SEVERE)
            if severe > m.limits.severe_per_day:
                out.append(f"{member_id} on {day}: {fmt(severe)} h in severity>=3 categories "
                           f"exceeds the daily ceiling max_severe_hours_per_day of "
                           f"{fmt(m.limits.severe_per_day)}")
    return out


def weekly_caps(problem: Problem, plan: Plan) -> list[str]:
    """Rule 3: each category's weekly cap and the member's weekly capacity, planned days only.

    Args:
        problem: the parsed instance.
        plan: the checkable assignments from structure().

    Returns:
        One violation sentence per breach; empty when the rule holds.
    """
    out = []
    for member_id, hours in sorted(plan.hours.items()):
        m = problem.members[member_id]
        per_cat: dict = defaultdict(Fraction)
        for (_, cat), h in hours.items():
            per_cat[cat] += h
        for cat, h in sorted(per_cat.items()):
            cap = problem.categories[cat].max_week
            if h > cap:
                out.append(f"{member_id}: {fmt(h)} h in category {cat!r} over the planned days "
                           f"exceeds its max_hours_per_week of {fmt(cap)}")
        total = sum(per_cat.values())
        if total > m.hours_per_week:
            out.append(f"{member_id}: {fmt(total)} h over the planned days exceeds the member's "
                       f"weekly capacity hours_per_week of {fmt(m.hours_per_week)}")
    return out


def pins_kept(problem: Problem, plan: Plan) -> list[str]:
    """Rule 6: every pinned (member, shift) is among the assignments.

    Args:
        problem: the parsed instance.
        plan: the checkable assignments from structure().

    Returns:
        One violation sentence per breach; empty when the rule holds.
    """
    kept = set(plan.pairs)
    return [f"pin {m} -> {s} is not in the assignments"
            for m, s in problem.pins if (m, s) not in kept]


def unmet_list(problem: Problem, plan: Plan, answer: Answer) -> list[str]:
    """Rule 7: the unmet list names exactly the short-staffed shifts, with counts and summaries.

    Args:
        problem: the parsed instance.
        plan: the checkable assignments from structure().
        answer: the parsed solution, whose unmet entries are checked.

    Returns:
        One violation sentence per wrong, missing, duplicate or unexplained entry.
    """
    out, listed = [], Counter(u["shift"] for u in answer.unmet)
    for i, u in enumerate(answer.unmet):
        shift_id = u["shift"]
        if shift_id not in problem.shifts:
            out.append(f"unmet list entry {i}: unknown shift {shift_id!r}")
            continue
        missing = max(0, problem.shifts[shift_id].people - len(plan.staffed.get(shift_id, [])))
        if missing == 0:
            out.append(f"unmet list entry {i}: shift {shift_id} is listed but fully staffed")
        elif u["missing"] != missing:
            out.append(f"unmet list entry {i}: shift {shift_id} listed with missing "
                       f"{u['missing']}, but {missing} people are missing")
        summary = u.get("summary")
        if not isinstance(summary, str) or not summary.strip():
            out.append(f"unmet list entry {i}: shift {shift_id} has no summary (empty or missing)")
    out += [f"unmet list: shift {s} is listed {n} times" for s, n in listed.items() if n > 1]
    for shift_id, s in problem.shifts.items():
        missing = s.people - len(plan.staffed.get(shift_id, []))
        if missing > 0 and shift_id not in listed:
            out.append(f"unmet list: shift {shift_id} is missing {missing} of {s.people} "
                       "people but is not listed")
    return out
