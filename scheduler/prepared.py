"""The prepared instance as types: indices, quarter hours, dose units, allowances per window.

prepare.py fills them; rules.py, the model and the moves read them. Kept apart from prepare.py
so that rules.py (which prepare() calls for eligibility) needs nothing from prepare.py.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from fractions import Fraction

from scheduler.dose import daily_doses, is_severe
from scheduler.model import Category, Instance, Limits, Member, Shift

Q = 4  # quarter hours per hour


def frac(x: float) -> Fraction:
    """Exact-enough Fraction of a JSON number (limits such as 42.0, 0.5 or 1/3 written as float)."""
    return Fraction(x).limit_denominator(10_000)


def floor_q(hours: float) -> int:
    """A cap in hours as whole quarter hours (a planned sum of quarter hours <= cap iff <= this)."""
    return math.floor(frac(hours) * Q)


@dataclass
class ShiftData:
    """A shift with its day index, category and hours in quarter hours."""

    idx: int
    shift: Shift
    cat: Category
    day: int
    hours_q: int
    cat_day_cap: int
    cat_week_cap: int

    @property
    def severe(self) -> bool:
        return is_severe(self.cat.severity)


@dataclass
class MemberData:
    """A member's effective limits, caps in quarter hours and history per window."""

    idx: int
    member: Member
    limits: Limits
    available: frozenset[int]
    day_cap: int
    week_cap: int
    severe_cap: int
    weights: dict[int, int]                      # severity -> dose units per quarter hour
    hist_dose: dict[int, Fraction]               # day offset (< 0) -> dose points
    hist_days: dict[str, frozenset[int]]         # category -> day offsets (< 0) with hours > 0
    rem7: list[int] = field(default_factory=list)   # dose units left in 7-day window ending d
    rem28: list[int] = field(default_factory=list)  # same for the 28-day window
    limit28: Fraction = Fraction(1)
    scale: int = 1  # dose units per dose point (Prepared.dose_scale)

    def dose_units(self, sd: ShiftData) -> int:
        """Dose of one shift for this member, in dose units."""
        return sd.hours_q * self.weights[sd.cat.severity]

    def planned_doses(self, shifts) -> dict[int, int]:
        """Dose units per planned day of `shifts` (ShiftData) for this member, for window_dose."""
        return daily_doses(((sd.day, sd.hours_q, sd.cat.severity) for sd in shifts), self.weights)


@dataclass
class Prepared:
    """The instance as indices and integers, ready for model building and checking."""

    instance: Instance
    day0: dt.date
    n_days: int
    dose_scale: int
    cats: dict[str, Category]
    shifts: list[ShiftData]
    members: list[MemberData]
    member_index: dict[str, int]
    shift_index: dict[str, int]
    eligible: dict[int, list[int]] = field(default_factory=dict)  # shift -> member indices
    active: frozenset[int] | None = None  # members that get variables (None: everyone)

    def movable(self) -> list[MemberData]:
        """The members whose assignments the model may change (all unless `active` is set)."""
        if self.active is None:
            return self.members
        return [self.members[m] for m in sorted(self.active)]

    def work_pairs(self) -> int:
        """How many (member, shift) pairs may be worked: the size of every model of the week."""
        return sum(len(members) for members in self.eligible.values())

    def day_label(self, day: int) -> str:
        """A day index as a date, e.g. 'Tue 1 Dec'."""
        date = self.day0 + dt.timedelta(days=day)
        return f"{date:%a} {date.day} {date:%b}"
