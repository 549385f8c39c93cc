"""Recording exposure sessions: one entry from the form, a batch from the API, edits and deletes.

Every write validates with services.exposure_rules first and writes nothing if any rule fails. Writes
for one member are serialised (write_lock), so two at once cannot both fit into the same day's total.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from wellbeing.extensions import db
from wellbeing.models import Category, ExposureLog, User
from wellbeing.services import prompts
from wellbeing.services.exposure_rules import Problem, allowed_categories, exposure_errors, logged_minutes
from wellbeing.services.over_exposure import alert_managers
from wellbeing.services.policy import week_start
from wellbeing.services.write_lock import lock_for_write


@dataclass(frozen=True)
class ExposureEntry:
    """One session as typed or posted, before it is saved."""

    category: Category | None
    day: date | None
    minutes: int | None
    intensity: int | None
    note: str | None = None


class ExposureRejected(ValueError):
    """Raised when an entry breaks a rule; `errors` is a list of (index, field, problem)."""

    def __init__(self, errors: list[tuple[int, str, Problem]]):
        super().__init__("; ".join(problem.text for _i, _f, problem in errors))
        self.errors = errors


def _clean_note(note: str | None) -> str | None:
    return (note or "").strip() or None


def log_exposures(user: User, entries: list[ExposureEntry], source: str, today: date,
                  over_cap: bool = False) -> list[ExposureLog]:
    """Save every entry or none: validate all (same-day entries count together), then commit once.

    `over_cap` marks the logs as past a cap the member confirmed going over (the timer's stop).
    """
    lock_for_write(User, user.id)
    errors, pending, allowed = [], {}, allowed_categories(user)
    logged = logged_minutes(user, {e.day for e in entries if e.day is not None})
    for index, entry in enumerate(entries):
        for field, problem in exposure_errors(user, **vars(entry), today=today, pending=pending.get(entry.day, 0),
                                              allowed=allowed, logged=logged).items():
            errors.append((index, field, problem))
        if entry.day is not None and entry.minutes is not None:
            pending[entry.day] = pending.get(entry.day, 0) + entry.minutes
    if errors:
        raise ExposureRejected(errors)
    logs = [ExposureLog(user_id=user.id, category=e.category, day=e.day, minutes=e.minutes,
                        intensity=e.intensity, note=_clean_note(e.note), source=source, over_cap=over_cap)
            for e in entries]
    db.session.add_all(logs)
    db.session.flush()
    prompts.evaluate_after_exposures(user, logs, today)
    _alert_from(user, min(log.day for log in logs), today)
    ids = [log.id for log in logs]
    db.session.commit()
    # The commit expired them: reload all with their categories in one query, not two a log as they are read.
    db.session.scalars(select(ExposureLog).options(joinedload(ExposureLog.category)).where(ExposureLog.id.in_(ids))).all()
    return logs


def _alert_from(user: User, first: date, today: date) -> None:
    """Tell managers of new crossings in the week of `first` and every week after it up to today's: an
    entry back-dated into an earlier week also moves the rolling windows of the weeks that follow."""
    monday = week_start(first)
    while monday <= week_start(today):
        alert_managers(user, monday)
        monday += timedelta(days=7)


def log_exposure(user: User, entry: ExposureEntry, source: str, today: date, over_cap: bool = False) -> ExposureLog:
    """Save one session (the form's and the timer's use case)."""
    return log_exposures(user, [entry], source, today, over_cap)[0]


def update_exposure(user: User, log: ExposureLog, entry: ExposureEntry, today: date) -> None:
    """Change one of the member's own sessions, under the same rules as a new one."""
    lock_for_write(User, user.id)
    errors = exposure_errors(user, **vars(entry), today=today, ignore_id=log.id)
    if errors:
        raise ExposureRejected([(0, field, problem) for field, problem in errors.items()])
    log.category, log.day, log.minutes = entry.category, entry.day, entry.minutes
    log.intensity, log.note = entry.intensity, _clean_note(entry.note)
    db.session.flush()
    _alert_from(user, log.day, today)
    db.session.commit()


def delete_exposure(log: ExposureLog) -> None:
    """Remove one of the member's own sessions."""
    db.session.delete(log)
    db.session.commit()
