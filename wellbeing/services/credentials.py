"""Passwords change only by their owner: from Settings, or through a one-time, expiring reset link.

An administrator can ask for a link to be sent (or printed on the server by `flask users reset-link`),
but never sets or sees a password; every path ends the person's other sessions and is audited.
"""
import secrets
from functools import lru_cache
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from wellbeing.extensions import db
from wellbeing.models import PasswordResetLink, SignInSession, User
from wellbeing.services.audit import record
from wellbeing.services.notifications import email_message, queue_mail
from wellbeing.services.sessions import aware, digest, end_all

RESET_MAIL = """Someone (you, or an administrator) asked for a new Rotawell password for this address.

Set it here within {hours} hours; the link works once:
{link}

If you did not ask for this, ignore this e-mail and tell your administrator.
"""
UNUSABLE_PREFIX = "!"  # a hash werkzeug can never match: the account has no working password


def change_password(user: User, new_password: str, now: datetime, keep: SignInSession | None) -> int:
    """Set the user's new password and end their other sessions; returns how many were ended."""
    user.set_password(new_password)
    ended = end_all(user, user, "password changed", now, keep=keep)
    record(user, "password.change", user)
    db.session.commit()
    return ended


def issue_reset_link(actor: User | None, user: User, now: datetime, valid_for: timedelta,
                     link_base: str | None = None) -> str:
    """A new one-time link secret for `user` (their earlier unused links stop working); returns the secret.

    With `link_base` and a mail server, the link is e-mailed to the person after the commit.
    """
    for old in db.session.scalars(select(PasswordResetLink).where(PasswordResetLink.user_id == user.id,
                                                                  PasswordResetLink.used_at.is_(None))):
        old.used_at = now
    secret = secrets.token_urlsafe(32)
    db.session.add(PasswordResetLink(user_id=user.id, digest=digest(secret), issued_by_id=getattr(actor, "id", None),
                                     created_at=now, expires_at=now + valid_for))
    if link_base is not None and current_app.config.get("MAIL_SERVER"):
        queue_mail([email_message(user.email, "Set your Rotawell password", RESET_MAIL.format(
            link=reset_url(link_base, secret), hours=int(valid_for.total_seconds() // 3600)))])
    record(actor, "password.reset_link", user, "issued by an administrator" if actor is not None and actor.id != user.id
           else "asked for by the account holder" if actor is not None else "issued on the server")
    db.session.commit()
    return secret


def reset_by_admin(actor: User, user: User, now: datetime, valid_for: timedelta, link_base: str | None) -> bool:
    """Disable the person's password, end every session, tell them at next sign-in; True if a link was e-mailed.

    The administrator never sees the link: it goes by e-mail, or is printed on the server by
    `flask users reset-link`.
    """
    user.password_hash = UNUSABLE_PREFIX + user.password_hash.lstrip(UNUSABLE_PREFIX)
    end_all(actor, user, "password reset by an administrator", now)
    user.security_notice = (f"An administrator reset your password on {now:%Y-%m-%d at %H:%M} UTC and signed "
                            "you out everywhere. If you did not ask for this, tell your administrator.")
    record(actor, "password.reset_by_admin", user)
    if current_app.config.get("MAIL_SERVER"):
        issue_reset_link(actor, user, now, valid_for, link_base)
        return True
    db.session.commit()
    return False


def invite(actor: User, user: User, now: datetime, valid_for: timedelta, link_base: str | None) -> bool:
    """E-mail a new account its link to set a first password, when a mail server is set; True if sent."""
    if not current_app.config.get("MAIL_SERVER"):
        return False
    issue_reset_link(actor, user, now, valid_for, link_base)
    return True


def reset_url(link_base: str, secret: str) -> str:
    """The address of the page that redeems a link."""
    return f"{link_base.rstrip('/')}/reset/{secret}"


def take_security_notice(user: User) -> str:
    """The notice waiting for the person at sign-in, cleared once read."""
    notice, user.security_notice = user.security_notice, ""
    if notice:
        db.session.commit()
    return notice


def link_user(secret: str, now: datetime) -> User | None:
    """The user a reset link is for, while it is unused and unexpired."""
    row = db.session.scalar(select(PasswordResetLink).where(PasswordResetLink.digest == digest(secret)))
    if row is None or row.used_at is not None or now >= aware(row.expires_at):
        return None
    return db.session.get(User, row.user_id)


def redeem_reset_link(secret: str, new_password: str, now: datetime) -> User | None:
    """Set a new password through a link, spending it and ending every session; None if the link is dead."""
    user = link_user(secret, now)
    if user is None:
        return None
    row = db.session.scalar(select(PasswordResetLink).where(PasswordResetLink.digest == digest(secret)))
    row.used_at = now
    user.set_password(new_password)
    end_all(user, user, "password set by reset link", now)
    record(user, "password.reset", user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active account with this e-mail and password, or None.

    An unknown address costs one password hash too, so the time taken does not tell which addresses exist.
    """
    user = user_by_email(email)
    if user is None:
        check_password_hash(_decoy_hash(), password)
        return None
    return user if user.check_password(password) and user.active else None


@lru_cache(maxsize=1)
def _decoy_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(16))


def user_by_email(email: str) -> User | None:
    """The account with this e-mail (case-insensitive), or None."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
