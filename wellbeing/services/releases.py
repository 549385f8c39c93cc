"""Releasing HR's figures: once per closed period, through disclosure control, then frozen.

A period is released the first time it is asked for after it has ended (or by `flask hr release`).
Its cells never change afterwards: a session logged, back-dated, edited or deleted later counts in
every period released after the change, never as a visible change of an old cell. Live periods are
never shown, so refreshing a page cannot difference one session.
"""
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from wellbeing.disclosure import Rules
from wellbeing.extensions import db
from wellbeing.models import Release, ReleasedCell
from wellbeing.services import release_metrics
from wellbeing.services.policy import week_start

WEEKLY = ("exposure", "bands")
MONTHLY = ("checkins", "support")


def closed_weeks(today: date, count: int) -> list[date]:
    """Mondays of the `count` weeks that ended before `today`'s week, oldest first."""
    this = week_start(today)
    return [this - timedelta(weeks=count - i) for i in range(count)]


def closed_months(today: date, count: int) -> list[date]:
    """First days of the `count` months that ended before `today`'s month, oldest first."""
    months, first = [], today.replace(day=1)
    for _ in range(count):
        first = (first - timedelta(days=1)).replace(day=1)
        months.insert(0, first)
    return months


def period_end(metric: str, start: date) -> date:
    """The last day of the period starting on `start`."""
    if metric in WEEKLY:
        return start + timedelta(days=6)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def ensure_released(metric: str, starts: list[date], today: date) -> None:
    """Release every listed closed period of `metric` that has no release yet (idempotent, race-safe)."""
    done = set(db.session.scalars(select(Release.period_start).where(
        Release.metric == metric, Release.period_start.in_(starts))))
    for start in starts:
        if start not in done and period_end(metric, start) < today:
            _release(metric, start)


def _release(metric: str, start: date) -> None:
    end = period_end(metric, start)
    rules = Rules(current_app.config["ANONYMITY_MIN"])
    release = Release(metric=metric, period_start=start, period_end=end)
    db.session.add(release)
    try:
        db.session.flush()
    except IntegrityError:  # another request released it a moment ago; theirs stands
        db.session.rollback()
        return
    for (team_id, group, measure), (value, hidden_by) in release_metrics.compute(metric, start, end, rules).items():
        db.session.add(ReleasedCell(release_id=release.id, team_id=team_id, grp=group, measure=measure,
                                    value=None if hidden_by else round(value, 2), hidden_by=hidden_by))
    db.session.commit()
