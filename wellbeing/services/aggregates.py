"""Aggregates for HR: never an individual's row, and no cell about fewer than ANONYMITY_MIN people."""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from wellbeing.extensions import db
from wellbeing.models import ExposureLog, Team, User
from wellbeing.services.policy import week_start


@dataclass(frozen=True)
class AggregateTable:
    """Rows of teams, columns of weeks; a cell is total hours or None when suppressed."""

    weeks: list[date]
    rows: list[tuple[str, list[float | None]]]


def team_hours_by_week(today: date, weeks: int, minimum: int) -> AggregateTable:
    """Logged hours per team and week, suppressing cells with fewer than `minimum` people.

    No totals are shown, so a suppressed cell cannot be recovered by subtraction.
    """
    first = week_start(today) - timedelta(weeks=weeks - 1)
    week_col = [first + timedelta(weeks=i) for i in range(weeks)]
    cells: dict[tuple[int, date], tuple[set[int], int]] = {}
    result = db.session.execute(
        select(User.team_id, ExposureLog.day, ExposureLog.user_id, func.sum(ExposureLog.minutes))
        .join(User, User.id == ExposureLog.user_id)
        .where(ExposureLog.day >= first, ExposureLog.day <= today, User.team_id.is_not(None))
        .group_by(User.team_id, ExposureLog.day, ExposureLog.user_id))
    for team_id, day, user_id, minutes in result:
        people, total = cells.get((team_id, week_start(day)), (set(), 0))
        people.add(user_id)
        cells[(team_id, week_start(day))] = (people, total + minutes)
    rows = []
    for team in db.session.scalars(select(Team).order_by(Team.name)):
        values = []
        for week in week_col:
            people, total = cells.get((team.id, week), (set(), 0))
            values.append(round(total / 60, 1) if len(people) >= minimum else None)
        rows.append((team.name, values))
    return AggregateTable(week_col, rows)
