"""Rules that nudge a member to check in, and answering or snoozing those nudges.

At most one not-answered prompt per member, reason and instrument: the rules look before they add,
and the partial unique index `uq_prompt_pending_reason` refuses a duplicate that a race slips past.
The scheduled and overdue rules run for every instrument in use, each by its own cadence and
recall window; the session rules ask for the default instrument (WHO-5).
"""
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from scheduler.dose import is_severe
from wellbeing import instruments
from wellbeing.extensions import db
from wellbeing.models import Category, CheckIn, ExposureLog, Prompt, User
from wellbeing.services import instrument_settings
from wellbeing.services.exposure import dose_status

OVERDUE_DAYS = 14  # WHO-5's recall window: past it, the last answers no longer describe the member
EVENT_REASONS = ("severe_session", "above_warning")  # any check-in answers these
SNOOZE = timedelta(hours=24)


def as_utc(moment: datetime) -> datetime:
    """Stored times are UTC; SQLite hands them back without a zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _pending(user: User) -> dict[tuple[str, str], Prompt]:
    rows = db.session.scalars(select(Prompt).where(Prompt.user_id == user.id, Prompt.state != "answered"))
    return {(prompt.reason, prompt.instrument): prompt for prompt in rows}


def _raise(user: User, reason: str, pending: dict, now: datetime, instrument: str = instruments.DEFAULT) -> bool:
    """Add a prompt for `reason` and `instrument` unless one is already waiting; True if added."""
    if (reason, instrument) in pending:
        return False
    pending[reason, instrument] = Prompt(user_id=user.id, reason=reason, instrument=instrument, state="open",
                                         created_at=now)
    db.session.add(pending[reason, instrument])
    return True


def _above_warning(user: User, days: set[date]) -> bool:
    """True when any rolling-window dose ending on one of `days` reached its warning level."""
    return any(window.level != "ok" for day in days for window in dose_status(user, day))


def evaluate_after_exposures(user: User, logs: list[ExposureLog], today: date) -> None:
    """Prompt after a high-severity session or a day above a warning level, once for a whole batch (each
    day's dose is judged once, however many of its sessions came in); the caller commits."""
    now = datetime.now(timezone.utc)
    pending = _pending(user)
    if any(is_severe((log.category or db.session.get(Category, log.category_id)).severity) for log in logs):
        _raise(user, "severe_session", pending, now)
    if _above_warning(user, {log.day for log in logs} | {today}):
        _raise(user, "above_warning", pending, now)


def evaluate_after_exposure(user: User, log: ExposureLog, today: date) -> None:
    """Prompt after one session (see evaluate_after_exposures); the caller commits."""
    evaluate_after_exposures(user, [log], today)


def last_checkin_at(user: User, instrument: str = instruments.DEFAULT) -> datetime | None:
    """When the member last answered `instrument`, or None if they never have."""
    moment = db.session.scalar(select(func.max(CheckIn.created_at)).where(
        CheckIn.user_id == user.id, CheckIn.instrument == instrument))
    return as_utc(moment) if moment is not None else None


def _periodic_for(user: User, use, pending: dict, now: datetime) -> bool:
    """Overdue needs an earlier check-in older than the instrument's recall window (WHO-5: OVERDUE_DAYS);
    while an overdue prompt is waiting a scheduled one would say the same thing, so it is not added."""
    instrument = use.instrument.id
    last = last_checkin_at(user, instrument)
    elapsed = now - (last or as_utc(user.created_at))
    recall = OVERDUE_DAYS if instrument == instruments.DEFAULT else use.instrument.cadence_days
    added = False
    if last is not None and elapsed >= timedelta(days=recall):
        added = _raise(user, "overdue", pending, now, instrument)
    if elapsed >= timedelta(days=use.cadence_days) and ("overdue", instrument) not in pending:
        added = _raise(user, "scheduled", pending, now, instrument) or added
    return added


def evaluate_periodic(user: User, now: datetime) -> bool:
    """Raise the scheduled and overdue prompts that are due for each instrument in use, committing if one was."""
    pending = _pending(user)
    added = False
    for use in instrument_settings.in_use():
        added = _periodic_for(user, use, pending, now) or added
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




def snooze(prompt: Prompt, now: datetime) -> None:
    """Hide a waiting prompt for SNOOZE; it comes back afterwards unless a check-in answers it."""
    if prompt.state != "answered":
        prompt.state, prompt.snoozed_until = "snoozed", now + SNOOZE
        db.session.commit()


def mark_answered(user: User, now: datetime, instrument: str = instruments.DEFAULT) -> None:
    """A check-in answers the prompts for its instrument and the session prompts; its use case commits."""
    db.session.execute(update(Prompt).where(
        Prompt.user_id == user.id, Prompt.state != "answered",
        or_(Prompt.instrument == instrument, Prompt.reason.in_(EVENT_REASONS)))
        .values(state="answered", answered_at=now).execution_options(synchronize_session="fetch"))
