"""A member's own check-ins: recording them and reading them back."""
from datetime import date, datetime, time, timezone

from sqlalchemy import select

from wellbeing import instruments
from wellbeing.extensions import db
from wellbeing.models import CheckIn, User
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
