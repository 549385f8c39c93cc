"""Reading a member's exposure: hours per category this week and dose against limits."""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from wellbeing.dose import DoseLimits, WindowStatus, daily_doses, log_hours, window_statuses
from wellbeing.extensions import db
from wellbeing.models import Category, ExposureLog, User
from wellbeing.services.policy import member_limits, week_start


@dataclass(frozen=True)
class CategoryWeek:
    """Hours logged in one category this week against its weekly cap."""

    category: Category
    hours: float

    @property
    def fraction(self) -> float:
        return self.hours / self.category.max_hours_per_week


def _in_days(user: User, end: date, days: int):
    start = end - timedelta(days=days - 1)
    return ExposureLog.user_id == user.id, ExposureLog.day >= start, ExposureLog.day <= end


def recent_logs(user: User, end: date, days: int = 28) -> list[ExposureLog]:
    """The member's logs in the `days` days ending on `end`, each with its category (one query, not one a log)."""
    return list(db.session.scalars(select(ExposureLog).join(ExposureLog.category)
                                   .options(contains_eager(ExposureLog.category)).where(*_in_days(user, end, days))))


def dose_by_day(user: User, end: date, days: int = 28, limits: DoseLimits | None = None) -> dict[date, float]:
    """The member's logged dose per day over the `days` days ending on `end` (weighted by `limits`).

    Reads plain (day, minutes, severity) rows: no log or category objects are built for a sum.
    """
    weights = (limits or member_limits(user, end)).weights
    rows = db.session.execute(select(ExposureLog.day, ExposureLog.minutes, Category.severity)
                              .join(Category, Category.id == ExposureLog.category_id).where(*_in_days(user, end, days)))
    return daily_doses(((day, log_hours(minutes), severity) for day, minutes, severity in rows), weights)


def dose_status(user: User, today: date) -> list[WindowStatus]:
    """The member's 7- and 28-day dose ending today, against their limits."""
    limits = member_limits(user, today)  # read once: it weights the days and bounds the windows
    return window_statuses(dose_by_day(user, today, limits=limits), today, limits)


def week_by_category(user: User, today: date) -> list[CategoryWeek]:
    """Hours this week (Monday to today) per category that has any, against each weekly cap."""
    monday = week_start(today)
    hours: dict[int, float] = {}
    categories: dict[int, Category] = {}
    for log in recent_logs(user, today, days=(today - monday).days + 1):
        hours[log.category_id] = hours.get(log.category_id, 0) + log.minutes / 60
        categories[log.category_id] = log.category
    return sorted((CategoryWeek(categories[c], h) for c, h in hours.items()), key=lambda cw: -cw.fraction)
