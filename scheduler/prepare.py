"""Data preparation: dates to indices, integer scaling, effective limits, history per window.

Everything the model needs is computed here, before any CP-SAT object exists, so that
constraints.py only loops over prepared numbers. Scaling: hours are counted in quarter hours
(``Q = 4`` units per hour); dose is counted in ``dose_scale`` units per dose point (4 x the least
common denominator of the dose weights), so every planned quantity is an exact integer. Limits
and history may be any non-negative number; they are kept as Fractions and only floored where a
planned integer quantity is compared with them, which is exact.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

from scheduler.model import Instance, Limits, Member
from scheduler.prepared import Q, MemberData, Prepared, ShiftData, floor_q, frac
from scheduler.rules import eligible_members

__all__ = ["Q", "MemberData", "Prepared", "ShiftData", "effective_limits", "floor_q", "frac",
           "prepare"]


def effective_limits(team: Limits, member: Member) -> Limits:
    """Team limits with the member's overrides applied, then the reduced-load factor."""
    over = dict(member.limits)
    weights = dict(team.dose_weights)
    weights.update({int(k): float(v) for k, v in dict(over.pop("dose_weights", {})).items()})
    values = {k: over.get(k, getattr(team, k)) for k in
              ("max_dose_7d", "max_dose_28d", "max_severe_hours_per_day",
               "min_recovery_days", "reduced_factor")}
    if member.reduced_load:
        values["max_dose_7d"] = values["max_dose_7d"] * values["reduced_factor"]
        values["max_dose_28d"] = values["max_dose_28d"] * values["reduced_factor"]
    return Limits(dose_weights=weights, **values)


def _dose_scale(limits: list[Limits]) -> int:
    den = 1
    for lim in limits:
        for w in lim.dose_weights.values():
            den = math.lcm(den, frac(w).denominator)
    return Q * den


def _history(prep_day0: dt.date, member: Member, limits: Limits, cats: dict):
    dose: dict[int, Fraction] = {}
    days: dict[str, set[int]] = {}
    for h in member.history:
        off = (dt.date.fromisoformat(h.date) - prep_day0).days
        sev = cats[h.category].severity
        dose[off] = dose.get(off, Fraction(0)) + frac(h.hours) * frac(limits.dose_weights[sev])
        if h.hours > 0:
            days.setdefault(h.category, set()).add(off)
    return dose, {c: frozenset(v) for c, v in days.items()}


def _remaining(md: MemberData, n_days: int, scale: int, width: int, limit: float) -> list[int]:
    """Dose units left for planned work in each window of `width` days ending on a planned day."""
    out = []
    for d in range(n_days):
        hist = sum((v for off, v in md.hist_dose.items() if d - width < off <= d), Fraction(0))
        out.append(max(0, math.floor((frac(limit) - hist) * scale)))
    return out


def _member_data(idx: int, m: Member, inst: Instance, day0, n_days, scale, cats) -> MemberData:
    lim = effective_limits(inst.limits, m)
    days = {(dt.date.fromisoformat(day) - day0).days for day in inst.days}
    unavailable = {(dt.date.fromisoformat(day) - day0).days for day in m.unavailable}
    hist_dose, hist_days = _history(day0, m, lim, cats)
    md = MemberData(
        idx=idx, member=m, limits=lim, available=frozenset(days - unavailable),
        day_cap=floor_q(m.hours_per_day), week_cap=floor_q(m.hours_per_week),
        severe_cap=floor_q(lim.max_severe_hours_per_day),
        weights={s: int(frac(w) * scale / Q) for s, w in lim.dose_weights.items()},
        hist_dose=hist_dose, hist_days=hist_days, limit28=frac(lim.max_dose_28d), scale=scale)
    md.rem7 = _remaining(md, n_days, scale, 7, lim.max_dose_7d)
    md.rem28 = _remaining(md, n_days, scale, 28, lim.max_dose_28d)
    return md


def prepare(inst: Instance) -> Prepared:
    """Turn a validated Instance into indices and integers, and compute eligibility.

    Args:
        inst: A validated instance (see scheduler.io.load_instance).

    Returns:
        Prepared data; `eligible[s]` lists the members who could take shift s on their own
        (no rule broken by that shift alone); everyone else gets no variable for it.
    """
    day0 = dt.date.fromisoformat(inst.days[0])
    cats = {c.id: c for c in inst.categories}
    limits = [effective_limits(inst.limits, m) for m in inst.members]
    scale = _dose_scale([inst.limits, *limits])
    caps = {c.id: (floor_q(c.max_hours_per_day), floor_q(c.max_hours_per_week))
            for c in inst.categories}
    shifts = [ShiftData(i, s, cats[s.category], (dt.date.fromisoformat(s.day) - day0).days,
                        round(s.hours * Q), *caps[s.category]) for i, s in enumerate(inst.shifts)]
    members = [_member_data(i, m, inst, day0, len(inst.days), scale, cats)
               for i, m in enumerate(inst.members)]
    prep = Prepared(inst, day0, len(inst.days), scale, cats, shifts, members,
                    {m.id: i for i, m in enumerate(inst.members)},
                    {s.id: i for i, s in enumerate(inst.shifts)})
    for sd in shifts:
        prep.eligible[sd.idx] = eligible_members(prep, sd)
    return prep
