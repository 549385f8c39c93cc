"""Frozen dataclasses for the rotation problem: what goes into solve() and what comes out.

Everything here is plain values (str, int, float, bool, tuples and read-only-by-convention dicts),
so an instance can be built by the web adapter, loaded from JSON or generated for tests without
any ORM row or CP-SAT object crossing the boundary.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Mapping

DEFAULT_DOSE_WEIGHTS: Mapping[int, float] = {1: 0.5, 2: 1.0, 3: 2.0, 4: 3.0}
SEVERE = 3  # severity tier from which work counts as "severe" (ceiling, recovery, repeats)


class FormatError(ValueError):
    """Bad input; the message starts with the JSON path of the offending field."""


class PinError(FormatError):
    """A pin that cannot be kept on its own (unknown id, ineligible member, cap broken alone)."""


class Status(str, enum.Enum):
    """Outcome of a solve, independent of CP-SAT's own status codes."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Category:
    """A test type with its severity tier and exposure caps."""

    id: str
    name: str
    severity: int
    max_hours_per_day: float
    max_hours_per_week: float
    max_consecutive_days: int
    requires_opt_in: bool = False


@dataclass(frozen=True)
class Limits:
    """Dose and recovery limits; team-wide, or a member's effective limits after overrides."""

    dose_weights: Mapping[int, float] = field(default_factory=lambda: dict(DEFAULT_DOSE_WEIGHTS))
    max_dose_7d: float = 24.0
    max_dose_28d: float = 80.0
    max_severe_hours_per_day: float = 4.0
    min_recovery_days: int = 2
    reduced_factor: float = 0.5


@dataclass(frozen=True)
class HistoryEntry:
    """Logged exposure on a day before the planning period."""

    date: str
    category: str
    hours: float


@dataclass(frozen=True)
class Member:
    """A red teamer with capacity, availability, consent, perspectives and history."""

    id: str
    hours_per_day: float
    hours_per_week: float
    unavailable: tuple[str, ...] = ()
    opted_in: tuple[str, ...] = ()
    opted_out: tuple[str, ...] = ()
    perspectives: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    prefer: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    reduced_load: bool = False
    limits: Mapping[str, object] = field(default_factory=dict)
    history: tuple[HistoryEntry, ...] = ()


@dataclass(frozen=True)
class Shift:
    """Demand: `people` members for `hours` hours of `category` on `day`."""

    id: str
    category: str
    day: str
    hours: float
    people: int


@dataclass(frozen=True)
class Pin:
    """A manager's fixed assignment that the solver must keep."""

    member: str
    shift: str


@dataclass(frozen=True)
class Options:
    """Solver options: time limit in seconds, CP-SAT workers and random seed."""

    time_limit_s: float = 10.0
    workers: int = 2
    seed: int = 0


@dataclass(frozen=True)
class Instance:
    """One rotation problem: planning days, categories, limits, members, demand and pins."""

    days: tuple[str, ...]
    categories: tuple[Category, ...]
    members: tuple[Member, ...]
    shifts: tuple[Shift, ...]
    limits: Limits = field(default_factory=Limits)
    pins: tuple[Pin, ...] = ()
    diversity_dimensions: tuple[str, ...] = ()
    options: Options = field(default_factory=Options)


@dataclass(frozen=True)
class Assignment:
    """Member works all hours of a shift."""

    member: str
    shift: str


@dataclass(frozen=True)
class Reason:
    """Why a member may not take a shift: a stable `code` for behaviour, `text` for people.

    Code is one of rules.REASON_CODES; text completes a sentence whose subject is the member,
    e.g. "opted out of Violence" or "at 7-day dose limit: 30 of 24".
    """

    code: str
    text: str


@dataclass(frozen=True)
class Unmet:
    """A shift left short, with a plain-language summary and each excluded member's reason."""

    shift: str
    missing: int
    summary: str
    excluded: Mapping[str, Reason] = field(default_factory=dict)


class Term(enum.IntEnum):
    """The five objective terms in priority order (0-based: stage i optimises Term(i))."""

    UNMET = 0
    FAIRNESS = 1
    DIVERSITY = 2
    REPEATS = 3
    PREFERENCES = 4

    @property
    def label(self) -> str:
        """The name used in stage reports, e.g. 'fairness'."""
        return self.name.lower()


@dataclass(frozen=True)
class Objective:
    """The five objective terms, in priority order; term 2 (fairness) has two parts.

    `max_relative_dose` (over every member, history-only ones included) is reported for people
    to read; the solver minimises `fairness_max`, then `fairness_squares` (scheduler/fairness.py).
    """

    unmet: int = 0
    max_relative_dose: float = 0.0
    diversity: int = 0
    repeats: int = 0
    preferences: int = 0
    fairness_max: float = 0.0
    fairness_squares: float = 0.0


@dataclass(frozen=True)
class Conflict:
    """Pins that cannot all be kept together."""

    pins: tuple[Pin, ...]
    summary: str


@dataclass(frozen=True)
class Solution:
    """Result of solve(): status, assignments, shortfalls, objective terms and timing."""

    status: Status
    assignments: tuple[Assignment, ...] = ()
    unmet: tuple[Unmet, ...] = ()
    objective: Objective | None = None
    bound: float | None = None
    wall_s: float = 0.0
    time_to_first_s: float | None = None
    conflicts: tuple[Conflict, ...] = ()
    stages: tuple[Mapping[str, object], ...] = ()
