"""The one dose computation: severity-weighted hours over rolling windows.

Pages, warnings and the scheduler adapter all use these functions, so a member's dose on the
home page is the dose the solver plans against (the same weights and the same windows).
"""
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WINDOWS = (7, 28)


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
    per_day: dict[date, float] = defaultdict(float)
    for day, hours, severity in entries:
        per_day[day] += hours * weights[severity]
    return dict(per_day)


def window_dose(per_day: dict[date, float], end: date, window: int) -> float:
    """Dose over the `window` days ending on `end`, inclusive."""
    start = end - timedelta(days=window - 1)
    return sum(dose for day, dose in per_day.items() if start <= day <= end)


def window_statuses(per_day: dict[date, float], end: date, limits: DoseLimits) -> list[WindowStatus]:
    """The 7- and 28-day windows ending on `end`, each against its limit."""
    return [WindowStatus(w, window_dose(per_day, end, w), limits.limit(w), limits.warning_fraction)
            for w in WINDOWS]
