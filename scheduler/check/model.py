"""The independent verifier's own view of a rotation problem: exact numbers, parsed dates.

Kept apart from scheduler.model on purpose: the verifier re-reads the format itself so that a
misreading on the solver's side shows up as a disagreement rather than being shared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction


class CheckInputError(ValueError):
    """A dict is malformed in a way the verifier cannot check around; message starts with a path."""


@dataclass(frozen=True)
class Category:
    """A test category with the caps the verifier enforces."""

    id: str
    severity: int
    max_day: Fraction
    max_week: Fraction
    max_consecutive: int
    requires_opt_in: bool


@dataclass(frozen=True)
class Limits:
    """One member's effective limits: overrides applied, then the reduced-load factor."""

    weights: dict[int, Fraction]
    dose_7d: Fraction
    dose_28d: Fraction
    severe_per_day: Fraction
    min_recovery: Fraction
    note_7d: str
    note_28d: str


@dataclass(frozen=True)
class Member:
    """A member as the verifier needs them; history maps (date, category) to hours."""

    id: str
    hours_per_day: Fraction
    hours_per_week: Fraction
    unavailable: frozenset
    opted_in: frozenset
    opted_out: frozenset
    perspectives: dict[str, frozenset]
    prefer: frozenset
    avoid: frozenset
    limits: Limits
    history: dict[tuple[dt.date, str], Fraction]


@dataclass(frozen=True)
class Shift:
    """One unit of demand: `people` members each working `hours` in `category` on `day`."""

    id: str
    category: str
    day: dt.date
    hours: Fraction
    people: int


@dataclass(frozen=True)
class Problem:
    """The whole instance, checked for the structure the verifier relies on."""

    days: tuple[dt.date, ...]
    categories: dict[str, Category]
    members: dict[str, Member]
    shifts: dict[str, Shift]
    pins: tuple[tuple[str, str], ...]
    dimensions: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    """The solution's raw fields; references are checked later as rule violations."""

    status: str
    assignments: tuple[tuple[str, str], ...]
    unmet: tuple[dict, ...]
    objective: dict | None


def fmt(q) -> str:
    """Shows an exact number the way a person would write it (4, 2.5, 1/3).

    Args:
        q: an int, float or Fraction.

    Returns:
        The shortest faithful decimal, or numerator/denominator when none is exact.
    """
    q = Fraction(q)
    if q.denominator == 1:
        return str(q.numerator)
    if Fraction(repr(float(q))) == q:
        return repr(float(q))
    return f"{q.numerator}/{q.denominator}"


def exact(value, path: str) -> Fraction:
    """Converts a JSON number to a Fraction via its decimal text, so 0.1 stays one tenth.

    Args:
        value: the JSON value (int or float; bool is refused).
        path: where the value sits, for the error message.

    Returns:
        The exact value.

    Raises:
        CheckInputError: when the value is not a finite number.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)):
        raise CheckInputError(f"{path}: expected a number, got {value!r}")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CheckInputError(f"{path}: expected a finite number, got {value!r}")
        return Fraction(repr(value))
    return Fraction(value)
