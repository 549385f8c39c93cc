"""Rules that nudge a member to check in, and answering or snoozing those nudges.

At most one not-answered prompt per member and reason: the rules look before they add, and the
partial unique index `uq_prompt_pending_reason` refuses a duplicate that a race slips past.
"""
from datetime import date, datetime, timedelta, timezone

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from wellbeing.extensions import db
from wellbeing.models import Category, CheckIn, ExposureLog, Prompt, User
from wellbeing.services.exposure import dose_status

OVERDUE_DAYS = 14  # WHO-5's recall window: past it, the last answers no longer describe the member
SEVERE_TIER = 3
SNOOZE = timedelta(hours=24)


def as_utc(moment: datetime) -> datetime:
    """Stored times are UTC; SQLite hands them back without a zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _pending(user: User) -> dict[str, Prompt]:
    rows = db.session.scalars(select(Prompt).where(Prompt.user_id == user.id, Prompt.state != "answered"))
    return {prompt.reason: prompt for prompt in rows}


def _raise(user: User, reason: str, pending: dict[str, Prompt], now: datetime) -> bool:
    """Add a prompt for `reason` unless one is already waiting; True if added."""
    if reason in pending:
        return False
    pending[reason] = Prompt(user_id=user.id, reason=reason, state="open", created_at=now)
    db.session.add(pending[reason])
    return True


def _above_warning(user: User, days: set[date]) -> bool:
    """True when any rolling-window dose ending on one of `days` reached its warning level."""
    return any(window.level != "ok" for day in days for window in dose_status(user, day))


def evaluate_after_exposure(user: User, log: ExposureLog, today: date) -> None:
    """Prompt after a high-severity session or a day above a warning level; the caller commits."""
    now = datetime.now(timezone.utc)
    pending = _pending(user)
    category = log.category or db.session.get(Category, log.category_id)
    if category.severity >= SEVERE_TIER:
        _raise(user, "severe_session", pending, now)
    if _above_warning(user, {log.day, today}):
        _raise(user, "above_warning", pending, now)


def last_checkin_at(user: User) -> datetime | None:
    """When the member last checked in, or None if they never have."""
    moment = db.session.scalar(select(func.max(CheckIn.created_at)).where(CheckIn.user_id == user.id))
    return as_utc(moment) if moment is not None else None


def evaluate_periodic(user: User, now: datetime) -> bool:
    """Raise the scheduled and overdue prompts that are due, committing if one was added.

    Overdue needs an earlier check-in that is now OVERDUE_DAYS old; while an overdue prompt is
    waiting a scheduled one would say the same thing, so it is not added.
    """
    last = last_checkin_at(user)
    elapsed = now - (last or as_utc(user.created_at))
    pending = _pending(user)
    added = False
    if last is not None and elapsed >= timedelta(days=OVERDUE_DAYS):
        added = _raise(user, "overdue", pending, now)
    interval = timedelta(days=current_app.config["CHECKIN_INTERVAL_DAYS"])
    if elapsed >= interval and "overdue" not in pending:
        added = _raise(user, "scheduled", pending, now) or added
    if not added:
        return False
    try:
        db.session.commit()
    except IntegrityError:  # another request raised the same prompt first: theirs stands
        db.session.rollback()
        return False
    return True


def open_prompts(user: User, now: datetime) -> list[Prompt]:
    """Prompts to show now: open ones, and snoozed ones whose snooze has run out."""
    rows = db.session.scalars(select(Prompt).where(Prompt.user_id == user.id, Prompt.state != "answered")
                              .order_by(Prompt.created_at, Prompt.id))
    return [p for p in rows if p.state == "open" or (p.snoozed_until and as_utc(p.snoozed_until) <= now)]


def own_prompt(user: User, prompt_id: int) -> Prompt | None:
    """The prompt if it is `user`'s own; None for anyone else's."""
    return db.session.scalar(select(Prompt).where(Prompt.id == prompt_id, Prompt.user_id == user.id))


def snooze(prompt: Prompt, now: datetime) -> None:
    """Hide a waiting prompt for SNOOZE; it comes back afterwards unless a check-in answers it."""
    if prompt.state != "answered":
        prompt.state, prompt.snoozed_until = "snoozed", now + SNOOZE
        db.session.commit()


def mark_answered(user: User, now: datetime) -> None:
    """A check-in answers every waiting prompt; the check-in's use case commits."""
    db.session.execute(update(Prompt).where(Prompt.user_id == user.id, Prompt.state != "answered")
                       .values(state="answered", answered_at=now).execution_options(synchronize_session="fetch"))
