"""The daily tasks, run once a day by cron (`flask daily run`; the README gives the line).

Retention purge, scheduled and overdue check-in prompts for every active member (so a member who
has not opened Rotawell for a while is still asked), and the e-mail that tells them a check-in is
waiting, when a mail server is configured. The e-mail says only that: no score, no reason.
"""
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.models import User
from wellbeing.services import prompts
from wellbeing.services.notifications import email_message, queue_mail
from wellbeing.services.retention import PurgeResult, purge_notes
from wellbeing.services.timer import close_stale_sessions

SUBJECT = "A check-in is waiting for you in Rotawell"
BODY = ("It has been a while since your last check-in. It takes two minutes and only you can see "
        "your answers.\n\nSign in to Rotawell and open \"My wellbeing\".\n")


@dataclass(frozen=True)
class DailyResult:
    """What one daily run did."""

    purge: PurgeResult
    prompted: int
    emailed: int
    sessions_closed: int = 0


def _members() -> list[User]:
    users = db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.id)).all()
    return [user for user in users if user.has_role("member")]


def raise_prompts(now: datetime) -> tuple[int, int]:
    """Raise the due check-in prompts of every active member; e-mail each one newly asked."""
    prompted, emailed = 0, 0
    for user in _members():
        if not prompts.evaluate_periodic(user, now):  # commits when it raised one
            continue
        prompted += 1
        if current_app.config.get("MAIL_SERVER"):
            queue_mail([email_message(user.email, SUBJECT, BODY)])
            db.session.commit()  # sends it
            emailed += 1
    return prompted, emailed


def run_daily(now: datetime) -> DailyResult:
    """Purge past retention, then raise and announce the due check-in prompts."""
    purge = purge_notes(now, current_app.config["RETENTION_DAYS"])
    prompted, emailed = raise_prompts(now)
    closed = close_stale_sessions(now)  # timers left running from an earlier day
    return DailyResult(purge=purge, prompted=prompted, emailed=emailed, sessions_closed=closed)
