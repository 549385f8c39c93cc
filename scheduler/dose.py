"""The one dose arithmetic, shared by the solver and the web app (wellbeing/dose.py and its callers).

Pure functions on numbers: hours as the instance format carries them, doses (hours x the
severity's weight), sums over rolling windows, a member's effective limits (overrides first,
then the reduced-load factor), the severe tier and the default limits. The solver works on
Fractions and the app on floats; every function here works on either. The independent verifier
(check/) keeps its own copy on purpose.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterable, Mapping

from scheduler.model import SEVERE, Limits

WINDOWS = (7, 28)          # rolling-window lengths in days
DEFAULT_LIMITS = Limits()  # what a team gets before an admin sets its policy
HOURS_DECIMALS = 4         # logged hours in an instance: the solver and the verifier read them alike

__all__ = ["DEFAULT_LIMITS", "HOURS_DECIMALS", "SEVERE", "WINDOWS", "daily_doses", "dose_of",
           "effective_limits", "is_severe", "logged_hours", "window_dose"]


def is_severe(severity: int) -> bool:
    """Whether a category counts as severe (daily ceiling, recovery days, repeats)."""
    return severity >= SEVERE


def logged_hours(minutes: int) -> float:
    """Logged minutes as the hours an instance carries (and the pages count), 4 decimals."""
    return round(minutes / 60, HOURS_DECIMALS)


def dose_of(hours, severity: int, weights: Mapping[int, object]):
    """The dose of `hours` of work in a category of `severity`: hours x weight[severity]."""
    return hours * weights[severity]


def daily_doses(entries: Iterable[tuple], weights: Mapping[int, object]) -> dict:
    """Dose per day from (day, hours, severity) entries: sum of hours x weight[severity].

    `day` may be a date or a day index; hours and weights floats or Fractions.
    """
    per_day: dict = defaultdict(int)
    for day, hours, severity in entries:
        per_day[day] += dose_of(hours, severity, weights)
    return dict(per_day)


def window_dose(per_day: Mapping, end, window: int):
    """Dose over the `window` days ending on `end`, both ends included (dates or day indices)."""
    start = end - (dt.timedelta(days=window - 1) if isinstance(end, dt.date) else window - 1)
    return sum((dose for day, dose in per_day.items() if start <= day <= end), 0)


def effective_limits(team: Limits, overrides: Mapping[str, object], reduced: bool) -> Limits:
    """A member's limits: the team's, the member's overrides applied, then the reduced-load factor.

    Args:
        team: The team limits.
        overrides: Partial limits (the instance format's member `limits`), may be empty.
        reduced: Whether the member asked for reduced load in the planned week.

    Returns:
        The effective Limits (dose limits multiplied by reduced_factor when `reduced`).
    """
    over = dict(overrides)
    weights = dict(team.dose_weights)
    weights.update({int(k): float(v) for k, v in dict(over.pop("dose_weights", {})).items()})
    values = {k: over.get(k, getattr(team, k)) for k in
              ("max_dose_7d", "max_dose_28d", "max_severe_hours_per_day",
               "min_recovery_days", "reduced_factor")}
    if reduced:
        values["max_dose_7d"] = values["max_dose_7d"] * values["reduced_factor"]
        values["max_dose_28d"] = values["max_dose_28d"] * values["reduced_factor"]
    return Limits(dose_weights=weights, **values)
