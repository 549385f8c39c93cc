"""In-app notifications, with e-mail copies sent only once the notifications are committed.

E-mail goes out from the session's after-commit hook: a rolled-back publish sends nothing, and an SMTP
failure happens after the rows are safe, so it is logged and never lost or raised into the request.
"""
import logging
import smtplib
from datetime import datetime, timezone
from email.message import EmailMessage

from flask import current_app, has_request_context, url_for
from sqlalchemy import event, func, select, update

from wellbeing.extensions import db
from wellbeing.models import Assignment, Notification, Rotation, Shift, User

log = logging.getLogger(__name__)
PENDING_MAIL = "rotawell.pending_mail"  # key in Session.info: e-mails waiting for the commit
HOOKED = "rotawell.mail_hooked"
MAIL_SERVER = "rotawell.mail_server"
SMTP_TIMEOUT_S = 10
RECENT = 50


def notify(users, message: str, link: str) -> None:
    """Add one in-app notification per user to the current transaction; the calling use case commits."""
    db.session.add_all(Notification(user_id=user.id, message=message[:300], link=link[:300]) for user in users)


def _link(endpoint: str, external: bool = False) -> str:
    # Publishing may run outside a request (CLI, worker), where URLs cannot be built without SERVER_NAME.
    return url_for(endpoint, _external=external) if has_request_context() else "/"


def notify_rotation_published(rotation: Rotation) -> int:
    """Tell each active member with a shift in `rotation` that it is published; returns how many. No commit."""
    users = db.session.scalars(
        select(User).join(Assignment, Assignment.user_id == User.id).join(Shift, Shift.id == Assignment.shift_id)
        .where(Shift.rotation_id == rotation.id, User.active.is_(True)).distinct().order_by(User.id)).all()
    week = rotation.week_start
    return notify_week(users, f"Your rotation for the week of {week.day} {week:%B %Y} is published")


def notify_week(users, message: str) -> int:
    """Tell `users` (in-app, and by e-mail when a mail server is set) about their week; returns how many. No commit."""
    users = [u for u in users if u.active]
    notify(users, message, _link("member.home"))
    if current_app.config.get("MAIL_SERVER"):
        where = f": {_link('member.home', external=True)}" if has_request_context() else ""
        body = f"{message}.\n\nSee your shifts in Rotawell{where}\n"
        queue_mail([email_message(user.email, message, body) for user in users])
    return len(users)


def email_message(to: str, subject: str, body: str) -> EmailMessage:
    # One message per person: a shared To: line would tell everyone who else is on the rotation.
    mail = EmailMessage()
    mail["From"] = current_app.config.get("MAIL_FROM", "rotawell@localhost")
    mail["To"] = to
    mail["Subject"] = subject
    mail.set_content(body)
    return mail


def queue_mail(messages: list[EmailMessage]) -> None:
    """Send `messages` after the current transaction commits; drop them if it rolls back."""
    session = db.session()
    session.info[MAIL_SERVER] = (current_app.config["MAIL_SERVER"], current_app.config.get("MAIL_PORT", 25))
    session.info.setdefault(PENDING_MAIL, []).extend(messages)
    if not session.info.get(HOOKED):
        event.listen(session, "after_commit", _send_pending)
        event.listen(session, "after_transaction_end", _drop_pending)
        session.info[HOOKED] = True


def _send_pending(session) -> None:
    pending = session.info.pop(PENDING_MAIL, [])
    if pending:
        send_mail(*session.info[MAIL_SERVER], pending)


def _drop_pending(session, transaction) -> None:
    # after_commit has already taken what was committed; anything left belonged to a rolled-back transaction.
    if transaction.parent is None:
        session.info.pop(PENDING_MAIL, None)


def send_mail(host: str, port: int, messages: list[EmailMessage]) -> int:
    """Deliver e-mails over one connection; failures are logged, never raised. Returns how many were sent."""
    sent = 0
    try:
        with smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_S) as smtp:
            for mail in messages:
                try:
                    smtp.send_message(mail)
                    sent += 1
                except smtplib.SMTPException:
                    log.exception("Could not e-mail %s; their in-app notification was kept", mail["To"])
    except (smtplib.SMTPException, OSError):
        log.exception("Could not reach the mail server %s:%s; %d e-mail(s) not sent, in-app notifications kept",
                      host, port, len(messages) - sent)
    return sent


def recent_notifications(user: User) -> list[Notification]:
    """The user's latest notifications, newest first."""
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(RECENT)))


def unread_count(user: User) -> int:
    """How many of the user's notifications they have not seen yet."""
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)))


def mark_all_read(user: User) -> None:
    """Mark everything the user has been shown as read."""
    db.session.execute(update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
                       .values(read_at=datetime.now(timezone.utc)))
    db.session.commit()
