"""The SQL behind each release: per-person sums of one closed period, grouped in the database.

Each session, check-in or prompt counts for the team its member belonged to on that day
(TeamMembership), so a later move never changes a past period.
"""
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, case, func, or_, select

from scheduler import dose as shared
from wellbeing.extensions import db
from wellbeing.models import (Assignment, Category, CheckIn, ExposureLog, FollowUpRequest, Prompt, ReducedLoadWeek,
                              Rotation, Shift, TeamMembership)

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
        logged = shared.logged_hours(minutes)
        hours[(team_id, f"cat:{category_id}")][user_id] = logged
        dose[(team_id, f"cat:{category_id}")][user_id] = shared.dose_of(logged, severity, weights)
    return hours, dose


def window_doses(end: date, weights: dict[int, float]) -> dict[int, dict[int, tuple[float, float]]]:
    """Per team of `end`: each member's (7-day, 28-day) dose ending on `end`, members without sessions as 0.

    The database sums minutes per member, day and category; the doses come from scheduler.dose (hours as the
    solver's instance carries them, daily doses, window sums), so HR's bands read the dose the solver plans with.
    """
    logs = db.session.execute(
        select(ExposureLog.user_id, ExposureLog.day, Category.severity, func.sum(ExposureLog.minutes))
        .join(Category, Category.id == ExposureLog.category_id)
        .where(ExposureLog.day.between(end - timedelta(days=27), end))
        .group_by(ExposureLog.user_id, ExposureLog.day, ExposureLog.category_id, Category.severity))
    entries: dict[int, list] = defaultdict(list)
    for user_id, day, severity, minutes in logs:
        entries[user_id].append((day, shared.logged_hours(minutes), severity))
    doses = {}  # once per member, whatever the number of teams they are on
    for user_id, logged in entries.items():
        per_day = shared.daily_doses(logged, weights)
        doses[user_id] = tuple(float(shared.window_dose(per_day, end, w)) for w in shared.WINDOWS)
    rows = db.session.execute(select(TeamMembership.team_id, TeamMembership.user_id)
                              .where(_on_team(TeamMembership.user_id, end)))
    result: dict[int, dict[int, tuple[float, float]]] = defaultdict(dict)
    for team_id, user_id in rows:
        result[team_id][user_id] = doses.get(user_id, (0.0, 0.0))
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


def severe_days_and_hours(start: date, end: date) -> dict[int, dict[int, tuple[int, float]]]:
    """Per team and member: (days with severity >= 3 work, severity >= 3 hours) in the week, members at 0 too."""
    severe = (select(ExposureLog.user_id, func.count(func.distinct(ExposureLog.day)).label("days"),
                     func.sum(ExposureLog.minutes).label("minutes"))
              .join(Category, Category.id == ExposureLog.category_id)
              .where(ExposureLog.day.between(start, end), Category.severity >= 3)
              .group_by(ExposureLog.user_id).subquery())
    rows = db.session.execute(
        select(TeamMembership.team_id, TeamMembership.user_id, severe.c.days, severe.c.minutes)
        .outerjoin(severe, severe.c.user_id == TeamMembership.user_id)
        .where(_on_team(TeamMembership.user_id, end)))
    result: dict[int, dict[int, tuple[int, float]]] = defaultdict(dict)
    for team_id, user_id, days, minutes in rows:
        result[team_id][user_id] = (days or 0, float(minutes or 0) / 60)
    return result


def unmet_and_published(start: date) -> tuple[dict[tuple[int, str], float], dict[int, bool]]:
    """Unmet demand hours per (team, 'cat:<id>') of the week's published rotations, and whether each
    was published before the week began. About plans, not people."""
    assigned = (select(Assignment.shift_id, func.count(Assignment.id).label("n"))
                .group_by(Assignment.shift_id).subquery())
    gap = Shift.people - func.coalesce(assigned.c.n, 0)
    short = case((gap > 0, gap), else_=0)
    rows = db.session.execute(
        select(Rotation.team_id, Shift.category_id, func.sum(short * Shift.minutes))
        .join(Shift, Shift.rotation_id == Rotation.id).outerjoin(assigned, assigned.c.shift_id == Shift.id)
        .where(Rotation.week_start == start, Rotation.state == "published")
        .group_by(Rotation.team_id, Shift.category_id))
    unmet = {(team_id, f"cat:{cid}"): float(minutes or 0) / 60 for team_id, cid, minutes in rows}  # PG: Decimal
    published = {team_id: at is not None and _aware(at) < _moment(start) for team_id, at in db.session.execute(
        select(Rotation.team_id, Rotation.published_at).where(Rotation.week_start == start,
                                                              Rotation.state == "published"))}
    return unmet, published


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
