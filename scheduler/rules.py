"""The hard rules as plain checks on one member's assignment, each answer a Reason(code, text).

`blocking_rule` answers "would adding this member to this shift break a rule, and which one
first?". It is used before the model is built (eligibility pruning: a shift a member cannot take
even alone gets no variable; a pin that breaks a rule alone is an input error), by the greedy
baseline, by the explanations of unmet shifts, and by edits.py for a manager's manual changes.
Behaviour reads the code; people read the text, which carries the numbers that broke the rule.
The CP-SAT model states the same rules as constraints (constraints.py); the independent verifier
(check/) shares no code with either.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Iterable, Iterator

from scheduler.dose import window_dose
from scheduler.model import Reason
from scheduler.prepared import Q, MemberData, Prepared, ShiftData

REASON_CODES = (
    "already_assigned", "unavailable", "opted_out", "not_opted_in", "day_hours",
    "category_day_cap", "severe_ceiling", "category_week_cap", "week_hours", "dose_7",
    "dose_28", "consecutive_days", "recovery_days",
)


def _h(quarters: int) -> str:
    return f"{quarters / Q:g} h"


def _consent_rule(md: MemberData, sd: ShiftData) -> Reason | None:
    cat, m = sd.cat, md.member
    if sd.day not in md.available:
        return Reason("unavailable", f"unavailable on {sd.shift.day}")
    if cat.id in m.opted_out:
        return Reason("opted_out", f"opted out of {cat.name}")
    if cat.requires_opt_in and cat.id not in m.opted_in:
        return Reason("not_opted_in", f"not opted in to {cat.name} (opt-in only)")
    return None


def _over(code: str, what: str, used: int, cap: int) -> Reason:
    return Reason(code, f"at {what}: {_h(used)} of {_h(cap)}")


def _hours_checks(md: MemberData, sd: ShiftData, others: list[ShiftData]) -> Iterator[Reason]:
    """Each broken hour cap in turn, lazily (cheapest first: this runs for every member and shift)."""
    same_day = [o for o in others if o.day == sd.day]
    used = sum(o.hours_q for o in same_day) + sd.hours_q
    if used > md.day_cap:
        yield _over("day_hours", "daily hour limit", used, md.day_cap)
    used = sum(o.hours_q for o in same_day if o.cat.id == sd.cat.id) + sd.hours_q
    if used > sd.cat_day_cap:
        yield _over("category_day_cap", f"{sd.cat.name} daily cap", used, sd.cat_day_cap)
    if sd.severe:
        used = sum(o.hours_q for o in same_day if o.severe) + sd.hours_q
        if used > md.severe_cap:
            yield _over("severe_ceiling", "daily severe-content ceiling", used, md.severe_cap)
    used = sum(o.hours_q for o in others if o.cat.id == sd.cat.id) + sd.hours_q
    if used > sd.cat_week_cap:
        yield _over("category_week_cap", f"{sd.cat.name} weekly cap", used, sd.cat_week_cap)
    used = sum(o.hours_q for o in others) + sd.hours_q
    if used > md.week_cap:
        yield _over("week_hours", "weekly hour limit", used, md.week_cap)


def _hours_rule(md: MemberData, sd: ShiftData, others: list[ShiftData]) -> Reason | None:
    return next(_hours_checks(md, sd, others), None)


def _window_excess(md: MemberData, sd: ShiftData, planned: dict[int, int], width: int,
                   rem: list[int]) -> Fraction | None:
    """The dose (points) of the first window ending on a planned day that goes over, else None;
    `planned` is the member's other shifts' dose per day (MemberData.planned_doses)."""
    own = md.dose_units(sd)
    for end in range(sd.day, min(sd.day + width, len(rem))):
        used = window_dose(planned, end, width) if planned else 0
        if used + own > rem[end]:
            return Fraction(window_dose(md.hist_dose, end, width)) + Fraction(used + own, md.scale)
    return None


def _points(x: float | Fraction) -> str:
    return f"{round(float(x), 1):g}"


def _dose_checks(md: MemberData, sd: ShiftData, others: list[ShiftData]) -> Iterator[Reason]:
    planned = md.planned_doses(others)  # once for both widths and every window
    for code, width, rem, limit in (("dose_7", 7, md.rem7, md.limits.max_dose_7d),
                                    ("dose_28", 28, md.rem28, md.limits.max_dose_28d)):
        dose = _window_excess(md, sd, planned, width, rem)
        if dose is not None:
            yield Reason(code, f"at {width}-day dose limit: {_points(dose)} of {_points(limit)}")


def _dose_rule(md: MemberData, sd: ShiftData, others: list[ShiftData]) -> Reason | None:
    return next(_dose_checks(md, sd, others), None)


def _run_length(days: set[int], day: int) -> int:
    lo, hi = day, day
    while lo - 1 in days:
        lo -= 1
    while hi + 1 in days:
        hi += 1
    return hi - lo + 1


def _sequence_rule(prep: Prepared, md: MemberData, sd: ShiftData, others) -> Reason | None:
    worked = set(md.hist_days.get(sd.cat.id, ()))
    worked.update(o.day for o in others if o.cat.id == sd.cat.id)
    worked.add(sd.day)
    run = _run_length(worked, sd.day)
    if run > sd.cat.max_consecutive_days:
        return Reason("consecutive_days", f"would exceed max consecutive days in {sd.cat.name}: "
                                          f"{run} of {sd.cat.max_consecutive_days}")
    if sd.severe:
        severe_days = {o.day for o in others if o.severe} | {sd.day}
        if len(severe_days) > prep.n_days - md.limits.min_recovery_days:
            return Reason("recovery_days", f"needs recovery days: {md.limits.min_recovery_days} "
                                           f"without severe work, {prep.n_days - len(severe_days)}"
                                           f" left")
    return None


def blocking_rule(prep: Prepared, md: MemberData, sd: ShiftData,
                  assigned: Iterable[int]) -> Reason | None:
    """The first hard rule broken by adding a member to a shift.

    Args:
        prep: Prepared instance data.
        md: The member.
        sd: The shift to add.
        assigned: Indices of the shifts the member already works.

    Returns:
        None when the member could take the shift, else a Reason, e.g.
        Reason("dose_28", "at 28-day dose limit: 82 of 80").
    """
    assigned = list(assigned)
    if sd.idx in assigned:
        return Reason("already_assigned", "already on this shift")
    others = [prep.shifts[i] for i in assigned]
    return (_consent_rule(md, sd) or _hours_rule(md, sd, others)
            or _dose_rule(md, sd, others) or _sequence_rule(prep, md, sd, others))


def eligible_members(prep: Prepared, sd: ShiftData) -> list[int]:
    """Rule 1, eligibility: the members who could take shift `sd` on their own (no rule broken
    by that shift alone); prepare() stores it, and only these pairs get a model variable."""
    return [md.idx for md in prep.members if blocking_rule(prep, md, sd, ()) is None]


def broken_rules(prep: Prepared, md: MemberData, sd: ShiftData,
                 assigned: Iterable[int]) -> list[Reason]:
    """The rules a member's shift breaks beside the others: consent, every hour cap and dose window, sequence.

    Args:
        prep: Prepared instance data.
        md: The member.
        sd: One of the member's shifts.
        assigned: Indices of the member's other shifts.

    Returns:
        Every broken hour cap and dose window, and the first broken consent and sequence rule; empty when the shift
        keeps every rule.
    """
    others = [prep.shifts[i] for i in assigned if i != sd.idx]
    found = [_consent_rule(md, sd), *_hours_checks(md, sd, others), *_dose_checks(md, sd, others),
             _sequence_rule(prep, md, sd, others)]
    return [r for r in found if r is not None]
