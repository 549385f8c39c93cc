"""The app's face of the one dose computation (scheduler/dose.py): severity-weighted hours over
rolling windows, a member's limits, warning levels.

Pages, warnings and the scheduler adapter all use these functions, and they are the solver's own
(scheduler.dose), so a member's dose on the home page is the dose the solver plans against.
"""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from scheduler import dose as shared
from scheduler.model import Limits

WINDOWS = shared.WINDOWS


@dataclass(frozen=True)
class DoseLimits:
    """Dose weights per severity tier and the rolling-window limits for one member."""

    weights: dict[int, float]
    max_7d: float
    max_28d: float
    warning_fraction: float = 0.75

    def limit(self, window: int) -> float:
        return self.max_7d if window == 7 else self.max_28d

    def scaled(self, factor: float) -> "DoseLimits":
        """Limits multiplied by `factor` (a reduced-load week)."""
        return DoseLimits(self.weights, self.max_7d * factor, self.max_28d * factor, self.warning_fraction)

    @classmethod
    def effective(cls, team: Limits, reduced: bool, warning_fraction: float) -> "DoseLimits":
        """A member's limits as the solver computes them (scheduler.dose.effective_limits)."""
        lim = shared.effective_limits(team, {}, reduced)
        return cls(dict(lim.dose_weights), lim.max_dose_7d, lim.max_dose_28d, warning_fraction)


@dataclass(frozen=True)
class WindowStatus:
    """Dose in one window against its limit, with the warning level reached."""

    window: int
    dose: float
    limit: float
    warning_fraction: float

    @property
    def fraction(self) -> float:
        return self.dose / self.limit if self.limit else 0.0

    @property
    def level(self) -> str:
        """'over', 'warning' or 'ok'."""
        if self.dose > self.limit:
            return "over"
        return "warning" if self.fraction >= self.warning_fraction else "ok"


def daily_doses(entries: Iterable[tuple[date, float, int]], weights: dict[int, float]) -> dict[date, float]:
    """Dose per day from (day, hours, severity) entries: Σ hours × weight[severity]."""
    return shared.daily_doses(entries, weights)


def window_dose(per_day: dict[date, float], end: date, window: int) -> float:
    """Dose over the `window` days ending on `end`, inclusive."""
    return float(shared.window_dose(per_day, end, window))


def log_hours(minutes: int) -> float:
    """Logged minutes as hours, as the solver's instance carries them (scheduler.dose.logged_hours)."""
    return shared.logged_hours(minutes)


def window_statuses(per_day: dict[date, float], end: date, limits: DoseLimits) -> list[WindowStatus]:
    """The 7- and 28-day windows ending on `end`, each against its limit."""
    return [WindowStatus(w, window_dose(per_day, end, w), limits.limit(w), limits.warning_fraction)
            for w in WINDOWS]
