"""A member's own check-ins: recording them, reading them back, and asking for a follow-up."""
from datetime import date, datetime, time, timezone

from flask import current_app
from sqlalchemy import select

from wellbeing import instruments
from wellbeing.extensions import db
from wellbeing.models import CheckIn, FollowUpRequest, User
from wellbeing.services.audit import record
from wellbeing.services.notifications import email_message, queue_mail
from wellbeing.services.prompts import as_utc, mark_answered


def record_checkin(user: User, instrument: instruments.Instrument, answers: list[int], note: str | None,
                   now: datetime | None = None) -> CheckIn:
    """Score and store a check-in; it answers every prompt that was waiting for one."""
    now = now or datetime.now(timezone.utc)
    checkin = CheckIn(user_id=user.id, instrument=instrument.id, answers=list(answers),
                      score=instrument.score(answers), note=(note or "").strip() or None, created_at=now)
    db.session.add(checkin)
    mark_answered(user, now)
    db.session.commit()
    return checkin


def own_checkin(user: User, checkin_id: int, lock: bool = False) -> CheckIn | None:
    """The check-in if it is `user`'s own; None for anyone else's, so nobody can tell it exists."""
    query = select(CheckIn).where(CheckIn.id == checkin_id, CheckIn.user_id == user.id)
    return db.session.scalar(query.with_for_update() if lock else query)


def history(user: User) -> list[CheckIn]:
    """The member's check-ins, newest first."""
    return list(db.session.scalars(select(CheckIn).where(CheckIn.user_id == user.id)
                                   .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())))


def score_history(user: User, since: date) -> list[tuple[date, int]]:
    """(day, score) of the member's check-ins from `since` on, oldest first: the data for a trend chart."""
    start = datetime.combine(since, time.min, tzinfo=timezone.utc)
    rows = db.session.execute(select(CheckIn.created_at, CheckIn.score)
                              .where(CheckIn.user_id == user.id, CheckIn.created_at >= start)
                              .order_by(CheckIn.created_at, CheckIn.id))
    return [(as_utc(moment).date(), score) for moment, score in rows]


def instrument_of(checkin: CheckIn) -> instruments.Instrument:
    """The instrument a check-in was answered with."""
    return instruments.load(checkin.instrument)


def assessment(checkin: CheckIn) -> instruments.Threshold | None:
    """The threshold band of a check-in's score, or None when the score is above every threshold."""
    return instrument_of(checkin).threshold(checkin.score)


def follow_up_for(checkin: CheckIn) -> FollowUpRequest | None:
    """The follow-up the member asked for after this check-in, if any."""
    return db.session.scalar(select(FollowUpRequest).where(FollowUpRequest.checkin_id == checkin.id)
                             .order_by(FollowUpRequest.id).limit(1))


def request_follow_up(user: User, checkin: CheckIn, contact: str) -> tuple[FollowUpRequest, bool]:
    """Ask the wellbeing contact (never the manager) to get in touch; once per check-in.

    Returns the request and whether it is new. The audit entry records that a request was sent and
    its id, but neither who asked nor any score, answer or note: administrators read the audit log,
    and who asked for help is as private as the score that prompted it.
    """
    existing = follow_up_for(checkin)
    if existing is not None:
        return existing, False
    request = FollowUpRequest(user_id=user.id, checkin_id=checkin.id, sent_to=contact)
    db.session.add(request)
    db.session.flush()
    record(None, "followup.request", request)
    if current_app.config.get("MAIL_SERVER"):
        queue_mail([_follow_up_mail(user, contact)])
    db.session.commit()
    return request, True


def _follow_up_mail(user: User, contact: str):
    # Who asked and how to reach them, nothing more: no score, answer or note leaves Rotawell.
    body = (f"{user.name} <{user.email}> asked Rotawell for a confidential follow-up from the wellbeing "
            "contact after a check-in.\n\nPlease get in touch with them directly. Rotawell did not send "
            "their answers, score or notes, and their manager was not told.\n")
    return email_message(contact, "Confidential follow-up requested", body)
