"""What a manager may see about their team: hours, never check-ins or notes."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from wellbeing.extensions import db
from wellbeing.models import ExposureLog, Team, User
from wellbeing.services.policy import week_start


@dataclass(frozen=True)
class MemberWeek:
    """One team member's logged hours this week against their weekly capacity."""

    user: User
    hours: float


def team_week_hours(team: Team, today: date) -> list[MemberWeek]:
    """Hours each active member of `team` logged from Monday to today."""
    monday = week_start(today)
    minutes = dict(db.session.execute(
        select(ExposureLog.user_id, func.sum(ExposureLog.minutes))
        .join(User, User.id == ExposureLog.user_id)
        .where(User.team_id == team.id, ExposureLog.day >= monday, ExposureLog.day <= today)
        .group_by(ExposureLog.user_id)).all())
    members = db.session.scalars(select(User).where(User.team_id == team.id)
                                 .options(selectinload(User.role_rows)).order_by(User.name))
    return [MemberWeek(u, (minutes.get(u.id) or 0) / 60) for u in members if u.active and u.has_role("member")]
