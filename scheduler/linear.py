"""The hard rules that are linear rows, stated once for the CP-SAT model and the LP relaxation.

constraints.py (CP-SAT) and relax.py (pywraplp) each have their own variables; these
generators take a member's (shift, variable) items and yield the rows as plain data,
`(terms, cap)` meaning sum(coef x var) <= cap, so the two models cannot drift apart. Each
consumer still skips a row that cannot bind and adds it in its own solver's API.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from scheduler.prepare import MemberData, Prepared

# Row = ([(coefficient, variable)], cap): sum(coefficient x variable) <= cap


def daily_rows(md: MemberData, items: list) -> Iterator[tuple[list, int]]:
    """Rule 2 on one day: total hours, severe hours and hours per category are capped.

    Args:
        md: The member.
        items: That day's (ShiftData, variable) pairs for the member.
    """
    yield [(sd.hours_q, x) for sd, x in items], md.day_cap
    yield [(sd.hours_q, x) for sd, x in items if sd.severe], md.severe_cap
    per_cat = defaultdict(list)
    for sd, x in items:
        per_cat[sd.cat.id].append((sd, x))
    for pairs in per_cat.values():
        yield [(sd.hours_q, x) for sd, x in pairs], pairs[0][0].cat_day_cap


def weekly_rows(md: MemberData, items: list) -> Iterator[tuple[list, int]]:
    """Rule 3 over the planned days: hours per category and total hours are capped.

    Args:
        md: The member.
        items: Every (ShiftData, variable) pair of the member.
    """
    per_cat, caps = defaultdict(list), {}
    for sd, x in items:
        per_cat[sd.cat.id].append((sd.hours_q, x))
        caps[sd.cat.id] = sd.cat_week_cap
    for cat, terms in per_cat.items():
        yield terms, caps[cat]
    yield [(sd.hours_q, x) for sd, x in items], md.week_cap


def dose_windows(md: MemberData, n_days: int) -> Iterator[tuple[range, int]]:
    """Rule 4: (planned days of a 7- or 28-day window ending on a planned day, dose units left)."""
    for end in range(n_days):
        for width, rem in ((7, md.rem7), (28, md.rem28)):
            yield range(max(0, end - width + 1), end + 1), rem[end]


def consecutive_rows(md: MemberData, cat_id: str, works: dict, data: Prepared):
    """Rule 5a: at most k days in a row in one category, history days counted as constants.

    Args:
        md: The member.
        cat_id: The category.
        works: Planned day -> the "works cat_id that day" variable (days without one omitted).
        data: Prepared data.

    Yields:
        ([(1, variable)], cap) for every window of k + 1 days touching the plan that could bind.
    """
    k = data.cats[cat_id].max_consecutive_days
    if not works or k <= 0:
        return
    hist = md.hist_days.get(cat_id, frozenset())
    for start in range(-k, data.n_days - k):
        window = range(start, start + k + 1)
        planned = [(1, works[d]) for d in window if d in works]
        fixed = sum(1 for d in window if d in hist)
        if planned and len(planned) + fixed > k:
            yield planned, k - fixed


def recovery_cap(md: MemberData, data: Prepared) -> int:
    """Rule 5b: the most planned days with severe work (min_recovery_days stay free of it)."""
    return max(0, data.n_days - md.limits.min_recovery_days)
