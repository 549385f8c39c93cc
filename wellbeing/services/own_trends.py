"""The member's own pattern over six months: weekly severe hours beside their check-in scores."""
from datetime import date, timedelta

from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.models import Category, ExposureLog, User
from wellbeing.services.policy import week_start
from scheduler.dose import SEVERE

WEEKS = 26


def weekly_severe_hours(user: User, today: date, weeks: int = WEEKS) -> list[tuple[date, float]]:
    """(Monday, hours of severity >= 3 work that week) for the member's last `weeks` weeks, oldest first."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    rows = db.session.execute(select(ExposureLog.day, ExposureLog.minutes).join(Category).where(
        ExposureLog.user_id == user.id, ExposureLog.day >= first, ExposureLog.day <= today,
        Category.severity >= SEVERE))
    hours = {first + timedelta(weeks=i): 0.0 for i in range(weeks)}
    for day, minutes in rows:
        hours[week_start(day)] += minutes / 60
    return sorted(hours.items())
