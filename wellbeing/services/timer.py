"""The testing-session timer: start, breaks by the policy's rhythm, caps in real time, stop into a log.

Stopping logs through services.exposure_log exactly as a form entry (same rules, same dose), with
source "timer". The clock is `clock()`, one place, so tests can move time instead of waiting.
"""
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from wellbeing.extensions import db
from wellbeing.models import Category, ExposureLog, TestingSession, User
from wellbeing.services.exposure_log import ExposureEntry, ExposureRejected, log_exposure
from wellbeing.services.exposure_rules import MAX_MINUTES, check_category
from wellbeing.services.notifications import notify
from wellbeing.services.policy import current_policy
from scheduler.dose import SEVERE
from wellbeing.services.prompts import as_utc

DAY_END_INTENSITY = 3  # a session closed at the end of the day was never rated; the member can correct it


def clock() -> datetime:
    """Now, timezone-aware (tests replace this function to fake time)."""
    return datetime.now(timezone.utc)


class SessionRejected(ValueError):
    """A timer action that cannot be done; `code` is for behaviour, the message for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class CapStatus:
    """One cap the running session counts against: minutes used today (logged + running) and the levels."""

    label: str
    used_minutes: float
    warning_minutes: float
    limit_minutes: float

    @property
    def level(self) -> str:
        """'reached', 'warning' or 'ok'."""
        if self.used_minutes >= self.limit_minutes:
            return "reached"
        return "warning" if self.used_minutes >= self.warning_minutes else "ok"


@dataclass(frozen=True)
class SessionStatus:
    """What the timer page shows: worked time, the break rhythm and the caps."""

    session: TestingSession
    worked_seconds: int
    break_seconds: int  # how long the current break has lasted, 0 when working
    break_every_seconds: int | None  # None: no break rhythm for this category
    break_length_seconds: int
    caps: tuple[CapStatus, ...]

    @property
    def on_break(self) -> bool:
        return self.session.break_started_at is not None

    @property
    def break_due(self) -> bool:
        every = self.break_every_seconds
        return bool(every) and not self.on_break and self.worked_seconds >= every * (self.session.breaks + 1)

    def caps_data(self) -> list[dict]:
        """The caps as plain values for the page's script."""
        return [asdict(cap) for cap in self.caps]

    @property
    def over_cap(self) -> bool:
        return any(cap.used_minutes > cap.limit_minutes for cap in self.caps)


class OverCap(Exception):
    """Stopping would log past a cap; the member must confirm, and the log is then marked over cap."""

    def __init__(self, status: SessionStatus):
        super().__init__("over cap")
        self.status = status


def running(user: User) -> TestingSession | None:
    """The member's running session, if any."""
    return db.session.scalar(select(TestingSession).where(TestingSession.user_id == user.id,
                                                          TestingSession.stopped_at.is_(None)))


def own_session(user: User, session_id: int) -> TestingSession | None:
    """The session if it is `user`'s own; None for anyone else's."""
    return db.session.scalar(select(TestingSession).where(TestingSession.id == session_id,
                                                          TestingSession.user_id == user.id))


def start(user: User, category: Category | None, source: str, at: datetime | None = None) -> TestingSession:
    """Start a session; one at a time per member (the database refuses a second one a race slips past)."""
    at = at or clock()
    close_if_stale(user, at)
    problem = check_category(user, category)
    if problem:
        raise SessionRejected(problem.code, problem.text)
    if running(user) is not None:
        raise SessionRejected("already_running", "A session is already running; stop it before starting another.")
    session = TestingSession(user_id=user.id, category_id=category.id, source=source, started_at=at)
    db.session.add(session)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise SessionRejected("already_running", "A session is already running; stop it first.") from None
    return session


def _worked_seconds(session: TestingSession, at: datetime) -> int:
    elapsed = (at - as_utc(session.started_at)).total_seconds() - session.break_seconds
    if session.break_started_at is not None:
        elapsed -= (at - as_utc(session.break_started_at)).total_seconds()
    return max(0, int(elapsed))


def _logged_minutes(user: User, day: date, categories: list[int]) -> float:
    rows = db.session.scalars(select(ExposureLog.minutes).where(
        ExposureLog.user_id == user.id, ExposureLog.day == day, ExposureLog.category_id.in_(categories)))
    return float(sum(rows))


def _caps(user: User, session: TestingSession, running_minutes: float, policy) -> tuple[CapStatus, ...]:
    day, category = as_utc(session.started_at).date(), session.category
    fraction = policy.warning_fraction
    used = _logged_minutes(user, day, [category.id]) + running_minutes
    limit = category.max_hours_per_day * 60
    caps = [CapStatus(f"{category.name} daily cap", used, limit * fraction, limit)]
    if category.severity >= SEVERE:
        severe = list(db.session.scalars(select(Category.id).where(Category.severity >= SEVERE)))
        used = _logged_minutes(user, day, severe) + running_minutes
        limit = policy.max_severe_hours_per_day * 60
        caps.append(CapStatus("severe-content daily ceiling", used, limit * fraction, limit))
    return tuple(caps)


def status(user: User, session: TestingSession, at: datetime | None = None) -> SessionStatus:
    """The session now: worked time, break state and every cap it counts against."""
    at, policy = as_utc(at or clock()), current_policy()
    worked = _worked_seconds(session, at)
    on_break = int((at - as_utc(session.break_started_at)).total_seconds()) if session.break_started_at else 0
    severe = session.category.severity >= SEVERE
    return SessionStatus(session, worked, on_break, policy.break_every_minutes * 60 if severe else None,
                         policy.break_minutes * 60, _caps(user, session, worked / 60, policy))


def begin_break(session: TestingSession, at: datetime | None = None) -> None:
    """Pause the session for a break; break time is not exposure."""
    if session.break_started_at is None:
        session.break_started_at = at or clock()
        db.session.commit()


def end_break(session: TestingSession, at: datetime | None = None) -> None:
    """Resume after a break; the break is counted."""
    if session.break_started_at is not None:
        at = at or clock()
        session.break_seconds += int((at - as_utc(session.break_started_at)).total_seconds())
        session.breaks += 1
        session.break_started_at = None
        db.session.commit()


def _minutes(worked_seconds: int) -> int:
    return min(MAX_MINUTES, max(1, round(worked_seconds / 60)))


def stop(user: User, session: TestingSession, intensity: int | None, confirm_over_cap: bool = False,
         at: datetime | None = None, closed_by: str = "member") -> ExposureLog:
    """End the session and log it like a form entry (source 'timer'); past a cap only when confirmed.

    Raises OverCap (nothing written) when the log would pass a cap and the member has not confirmed,
    and ExposureRejected when the entry breaks an exposure rule (e.g. an intensity outside 1-5).
    """
    at = at or clock()
    if session.break_started_at is not None:
        end_break(session, at)
    now = status(user, session, at)
    if now.over_cap and not confirm_over_cap:
        raise OverCap(now)
    entry = ExposureEntry(category=session.category, day=as_utc(session.started_at).date(),
                          minutes=_minutes(now.worked_seconds), intensity=intensity)
    session.stopped_at, session.closed_by = at, closed_by
    try:
        log = log_exposure(user, entry, "timer", at.date(), over_cap=now.over_cap)
    except ExposureRejected:
        db.session.rollback()  # the session keeps running; nothing was logged
        raise
    session.exposure_log_id = log.id
    db.session.commit()
    return log


def close_if_stale(user: User, at: datetime | None = None) -> ExposureLog | None:
    """Close a session still running from an earlier day at that day's end, log it and tell the member."""
    at = at or clock()
    session = running(user)
    if session is None or as_utc(session.started_at).date() >= at.date():
        return None
    day = as_utc(session.started_at).date()
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=timezone.utc)
    log = stop(user, session, DAY_END_INTENSITY, confirm_over_cap=True, at=end, closed_by="day_end")
    over = " It went past a cap and is marked so." if log.over_cap else ""
    notify([user], f"Your {session.category.name} session was still running at the end of {day:%d %B}: it was "
                   f"closed and logged as {log.minutes} minutes at intensity {DAY_END_INTENSITY}.{over} "
                   "Correct it if that is not right.", f"/exposures/{log.id}/edit")
    db.session.commit()
    return log


def close_stale_sessions(at: datetime | None = None) -> int:
    """Close every session left running from an earlier day (the daily task); returns how many."""
    at = at or clock()
    users = db.session.scalars(select(User).join(TestingSession, TestingSession.user_id == User.id).where(
        TestingSession.stopped_at.is_(None))).unique().all()
    return sum(1 for user in users if close_if_stale(user, at) is not None)
