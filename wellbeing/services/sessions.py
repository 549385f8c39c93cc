"""Sign-in sessions: the one place that decides whether a browser is still signed in.

Every request presents a random session id (and, for "keep me signed in", a random remember token);
only their SHA-256 digests are stored, so a database leak gives no working cookie. A session ends on
sign-out, when its owner or an account change ends it, after `SESSION_IDLE_MINUTES` without a
request, and `SESSION_ABSOLUTE_HOURS` (or `REMEMBER_DAYS` when kept) after it began.
"""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.models import SignInSession, User
from wellbeing.services.audit import record

TOUCH_EVERY = timedelta(minutes=1)  # last-seen is written at most once a minute, not on every request


@dataclass(frozen=True)
class Lifetimes:
    """How long a session may sit idle, and how long it may last at most."""

    idle: timedelta
    absolute: timedelta
    remember: timedelta

    @classmethod
    def from_config(cls, config) -> "Lifetimes":
        return cls(idle=timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
                   absolute=timedelta(hours=config["SESSION_ABSOLUTE_HOURS"]),
                   remember=timedelta(days=config["REMEMBER_DAYS"]))


@dataclass(frozen=True)
class Credentials:
    """What goes into the browser's cookies; never stored."""

    row: SignInSession
    sid: str
    remember_token: str | None


def digest(secret: str) -> str:
    # A random 256-bit secret needs no slow hash: its SHA-256 cannot be reversed or guessed.
    return hashlib.sha256(secret.encode()).hexdigest()


def aware(moment: datetime) -> datetime:
    """SQLite hands timezone-aware columns back naive; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _new_secrets(row: SignInSession) -> Credentials:
    sid = secrets.token_urlsafe(32)
    token = secrets.token_urlsafe(32) if row.remember else None
    row.sid_digest, row.remember_digest = digest(sid), digest(token) if token else None
    return Credentials(row, sid, token)


def start(user: User, *, remember: bool, user_agent: str, now: datetime, lifetimes: Lifetimes) -> Credentials:
    """Record a new sign-in and return the secrets for its cookies."""
    row = SignInSession(user_id=user.id, remember=remember, user_agent=(user_agent or "")[:200],
                        created_at=now, last_seen_at=now,
                        expires_at=now + (lifetimes.remember if remember else lifetimes.absolute))
    credentials = _new_secrets(row)
    db.session.add(row)
    db.session.commit()
    return credentials


def _expired(row: SignInSession, now: datetime) -> bool:
    if now >= aware(row.expires_at):
        _end(row, "expired", now)
        db.session.commit()
        return True
    return False


def check(sid: str, user_id: int, now: datetime, lifetimes: Lifetimes) -> SignInSession | None:
    """The live session behind this session id, or None; ends it when it timed out."""
    row = db.session.scalar(select(SignInSession).where(SignInSession.sid_digest == digest(sid)))
    if row is None or row.user_id != user_id or row.ended_at is not None or _expired(row, now):
        return None
    if now - aware(row.last_seen_at) > lifetimes.idle:
        if not row.remember:  # a kept session goes on, but only through its rotating remember token
            _end(row, "idle", now)
            db.session.commit()
        return None
    if now - aware(row.last_seen_at) > TOUCH_EVERY:
        row.last_seen_at = now
        db.session.commit()
    return row


def resume(remember_token: str, now: datetime) -> Credentials | None:
    """Continue a kept session from its remember token, issuing new secrets (the used token is spent)."""
    row = db.session.scalar(select(SignInSession).where(SignInSession.remember_digest == digest(remember_token)))
    if row is None or row.ended_at is not None or _expired(row, now):
        return None
    credentials = _new_secrets(row)
    row.last_seen_at = now
    db.session.commit()
    return credentials


def _end(row: SignInSession, reason: str, now: datetime) -> None:
    row.ended_at, row.end_reason, row.remember_digest = now, reason[:40], None


def sign_out(row: SignInSession, now: datetime) -> None:
    """End the session of the browser that signed out."""
    if row.ended_at is None:
        _end(row, "signed out", now)
        db.session.commit()


def active_sessions(user: User, now: datetime) -> list[SignInSession]:
    """The user's sessions that could still be used, newest first."""
    rows = db.session.scalars(select(SignInSession).where(SignInSession.user_id == user.id,
                                                          SignInSession.ended_at.is_(None))
                              .order_by(SignInSession.id.desc()))
    return [row for row in rows if aware(row.expires_at) > now]


def end_session(actor: User, row: SignInSession, now: datetime) -> None:
    """End one of the actor's own sessions (e.g. a browser left signed in elsewhere), audited."""
    if row.ended_at is None:
        _end(row, "ended by owner", now)
        record(actor, "session.end", row)
        db.session.commit()


def end_all(actor: User | None, user: User, reason: str, now: datetime, keep: SignInSession | None = None) -> int:
    """End every session of `user` (except `keep`) in the caller's transaction, audited; returns how many."""
    rows = [row for row in db.session.scalars(select(SignInSession).where(
        SignInSession.user_id == user.id, SignInSession.ended_at.is_(None))) if keep is None or row.id != keep.id]
    for row in rows:
        _end(row, reason, now)
    record(actor, "session.end_all", user, f"{len(rows)} ended: {reason}")
    return len(rows)


def sign_out_everywhere(user: User, now: datetime) -> int:
    """End every session of the user, this browser's included."""
    count = end_all(user, user, "signed out everywhere", now)
    db.session.commit()
    return count
