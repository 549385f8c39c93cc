"""The SQL behind each release: per-person sums of one closed period, grouped in the database.

Each session, check-in or prompt counts for the team its member belonged to on that day
(TeamMembership), so a later move never changes a past period.
"""
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, case, func, or_, select

from wellbeing.extensions import db
from wellbeing.models import (
    Category,
    CheckIn,
    ExposureLog,
    FollowUpRequest,
    Prompt,
    ReducedLoadWeek,
    TeamMembership,
)

Base = dict[tuple[int, str], dict[int, float]]


def _on_team(user_column, day_expression):
    """Join condition: the membership of `user_column` that covers `day_expression`."""
    return and_(TeamMembership.user_id == user_column, TeamMembership.valid_from <= day_expression,
                or_(TeamMembership.valid_to.is_(None), TeamMembership.valid_to > day_expression))


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def exposure(start: date, end: date, weights: dict[int, float]) -> tuple[Base, Base]:
    """(hours, dose) per (team, 'cat:<id>') and person for sessions from `start` to `end` inclusive."""
    rows = db.session.execute(
        select(TeamMembership.team_id, ExposureLog.category_id, Category.severity, ExposureLog.user_id,
               func.sum(ExposureLog.minutes))
        .join(TeamMembership, _on_team(ExposureLog.user_id, ExposureLog.day))
        .join(Category, Category.id == ExposureLog.category_id)
        .where(ExposureLog.day.between(start, end))
        .group_by(TeamMembership.team_id, ExposureLog.category_id, Category.severity, ExposureLog.user_id))
    hours: Base = defaultdict(dict)
    dose: Base = defaultdict(dict)
    for team_id, category_id, severity, user_id, minutes in rows:
        hours[(team_id, f"cat:{category_id}")][user_id] = minutes / 60
        dose[(team_id, f"cat:{category_id}")][user_id] = minutes / 60 * weights[severity]
    return hours, dose


def window_doses(end: date, weights: dict[int, float]) -> dict[int, dict[int, tuple[float, float]]]:
    """Per team of `end`: each member's (7-day, 28-day) dose ending on `end`, members without sessions as 0."""
    weight = case(*((Category.severity == s, w) for s, w in weights.items()), else_=0.0)
    dose = ExposureLog.minutes / 60.0 * weight
    week_from = end - timedelta(days=6)
    logs = (select(ExposureLog.user_id,
                   func.sum(case((ExposureLog.day >= week_from, dose), else_=0.0)).label("d7"),
                   func.sum(dose).label("d28"))
            .join(Category, Category.id == ExposureLog.category_id)
            .where(ExposureLog.day.between(end - timedelta(days=27), end))
            .group_by(ExposureLog.user_id).subquery())
    rows = db.session.execute(
        select(TeamMembership.team_id, TeamMembership.user_id, logs.c.d7, logs.c.d28)
        .outerjoin(logs, logs.c.user_id == TeamMembership.user_id)
        .where(_on_team(TeamMembership.user_id, end)))
    result: dict[int, dict[int, tuple[float, float]]] = defaultdict(dict)
    for team_id, user_id, d7, d28 in rows:
        result[team_id][user_id] = (d7 or 0.0, d28 or 0.0)
    return result


def reduced_members(week: date) -> set[int]:
    """Members who marked `week` as a reduced-load week (their limits are lower)."""
    return set(db.session.scalars(select(ReducedLoadWeek.user_id).where(ReducedLoadWeek.week_start == week)))


def checkin_scores(start: date, end: date) -> Base:
    """Each participant's mean check-in score per (team, 'all') for check-ins from `start` to `end`."""
    day = func.date(CheckIn.created_at)
    rows = db.session.execute(
        select(TeamMembership.team_id, CheckIn.user_id, func.avg(CheckIn.score))
        .join(TeamMembership, _on_team(CheckIn.user_id, day))
        .where(CheckIn.created_at >= _moment(start), CheckIn.created_at < _moment(end + timedelta(days=1)),
               CheckIn.instrument == "who5")
        .group_by(TeamMembership.team_id, CheckIn.user_id))
    scores: Base = defaultdict(dict)
    for team_id, user_id, score in rows:
        scores[(team_id, "all")][user_id] = float(score)
    return scores


def headcount(day: date) -> dict[int, int]:
    """Members per team on `day` (a team's size is known to HR anyway)."""
    rows = db.session.execute(select(TeamMembership.team_id, func.count(TeamMembership.user_id))
                              .where(_on_team(TeamMembership.user_id, day)).group_by(TeamMembership.team_id))
    return dict(rows.all())


def events(kind: str, start: date, end: date) -> Base:
    """Per (team, 'all') and person: prompts raised or answered, or follow-up requests, in the period."""
    model, column = {"prompts_raised": (Prompt, Prompt.created_at), "prompts_answered": (Prompt, Prompt.answered_at),
                     "followups": (FollowUpRequest, FollowUpRequest.created_at)}[kind]
    rows = db.session.execute(
        select(TeamMembership.team_id, model.user_id, func.count(model.id))
        .join(TeamMembership, _on_team(model.user_id, func.date(column)))
        .where(column >= _moment(start), column < _moment(end + timedelta(days=1)))
        .group_by(TeamMembership.team_id, model.user_id))
    base: Base = defaultdict(dict)
    for team_id, user_id, count in rows:
        base[(team_id, "all")][user_id] = float(count)
    return base
