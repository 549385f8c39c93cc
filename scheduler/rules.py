"""The hard rules as plain checks on one member's assignment, in words a manager understands.

`blocking_rule` answers "would adding this member to this shift break a rule, and which one
first?". It is used before the model is built (eligibility pruning: a shift a member cannot take
even alone gets no variable; a pin that breaks a rule alone is an input error), by the greedy
baseline, and by the explanations of unmet shifts. The CP-SAT model states the same rules as
constraints (constraints.py); the independent verifier (check.py) shares no code with either.
"""

from __future__ import annotations

from typing import Iterable

from scheduler.prepare import MemberData, Prepared, ShiftData


def _consent_rule(prep: Prepared, md: MemberData, sd: ShiftData) -> str | None:
    cat, m = sd.cat, md.member
    if sd.day not in md.available:
        return f"unavailable on {sd.shift.day}"
    if cat.id in m.opted_out:
        return f"opted out of {cat.name}"
    if cat.requires_opt_in and cat.id not in m.opted_in:
        return f"not opted in to {cat.name} (opt-in only)"
    return None


def _hours_rule(md: MemberData, sd: ShiftData, others: list[ShiftData]) -> str | None:
    same_day = [o for o in others if o.day == sd.day]
    if sum(o.hours_q for o in same_day) + sd.hours_q > md.day_cap:
        return "at daily hour limit"
    if sum(o.hours_q for o in same_day if o.cat.id == sd.cat.id) + sd.hours_q > sd.cat_day_cap:
        return f"at {sd.cat.name} daily cap"
    if sd.severe and sum(o.hours_q for o in same_day if o.severe) + sd.hours_q > md.severe_cap:
        return "at daily severe-content ceiling"
    if sum(o.hours_q for o in others if o.cat.id == sd.cat.id) + sd.hours_q > sd.cat_week_cap:
        return f"at {sd.cat.name} weekly cap"
    if sum(o.hours_q for o in others) + sd.hours_q > md.week_cap:
        return "at weekly hour limit"
    return None


def _window_broken(md: MemberData, sd: ShiftData, others, width: int, rem: list[int]) -> bool:
    for end in range(sd.day, min(sd.day + width, len(rem))):
        used = sum(md.dose_units(o) for o in others if end - width < o.day <= end)
        if used + md.dose_units(sd) > rem[end]:
            return True
    return False


def _dose_rule(md: MemberData, sd: ShiftData, others: list[ShiftData]) -> str | None:
    if _window_broken(md, sd, others, 7, md.rem7):
        return "at 7-day dose limit"
    if _window_broken(md, sd, others, 28, md.rem28):
        return "at 28-day dose limit"
    return None


def _run_length(days: set[int], day: int) -> int:
    lo, hi = day, day
    while lo - 1 in days:
        lo -= 1
    while hi + 1 in days:
        hi += 1
    return hi - lo + 1


def _sequence_rule(prep: Prepared, md: MemberData, sd: ShiftData, others) -> str | None:
    worked = set(md.hist_days.get(sd.cat.id, ()))
    worked.update(o.day for o in others if o.cat.id == sd.cat.id)
    worked.add(sd.day)
    if _run_length(worked, sd.day) > sd.cat.max_consecutive_days:
        return f"would exceed max consecutive days in {sd.cat.name}"
    if sd.severe:
        severe_days = {o.day for o in others if o.severe} | {sd.day}
        if len(severe_days) > prep.n_days - md.limits.min_recovery_days:
            return "needs recovery days"
    return None


def blocking_rule(prep: Prepared, md: MemberData, sd: ShiftData,
                  assigned: Iterable[int]) -> str | None:
    """The first hard rule broken by adding a member to a shift, in plain words.

    Args:
        prep: Prepared instance data.
        md: The member.
        sd: The shift to add.
        assigned: Indices of the shifts the member already works.

    Returns:
        None when the member could take the shift, else the reason, e.g. "at 28-day dose limit".
    """
    assigned = list(assigned)
    if sd.idx in assigned:
        return "already on this shift"
    others = [prep.shifts[i] for i in assigned]
    return (_consent_rule(prep, md, sd) or _hours_rule(md, sd, others)
            or _dose_rule(md, sd, others) or _sequence_rule(prep, md, sd, others))
