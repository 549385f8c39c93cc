"""A member's own check-ins: recording them and reading them back."""
from datetime import date, datetime, time, timezone

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from wellbeing import instruments
from wellbeing.extensions import db
from wellbeing.models import CheckIn, User
from wellbeing.services.prompts import as_utc, mark_answered


class SameDayCheckIn(Exception):
    """The member already answered this instrument today; replacing it needs their confirmation."""

    def __init__(self, existing: CheckIn):
        super().__init__(f"check-in {existing.id} already answers {existing.instrument} today")
        self.existing = existing


def todays_checkin(user: User, instrument_id: str, day: date) -> CheckIn | None:
    """The member's check-in of this instrument on `day`, if any."""
    return db.session.scalar(select(CheckIn).where(CheckIn.user_id == user.id, CheckIn.instrument == instrument_id,
                                                   CheckIn.day == day))


def record_checkin(user: User, instrument: instruments.Instrument, answers: list[int], note: str | None,
                   now: datetime | None = None, replace: bool = False) -> CheckIn:
    """Score and store a check-in; it answers every prompt that was waiting for one.

    One per instrument and day: a second one raises SameDayCheckIn unless `replace`, which
    overwrites the day's answers in place (trends and changes compare recall windows, not clicks).
    """
    now = now or datetime.now(timezone.utc)
    checkin = todays_checkin(user, instrument.id, now.date())
    if checkin is not None and not replace:
        raise SameDayCheckIn(checkin)
    if checkin is None:
        checkin = CheckIn(user_id=user.id, instrument=instrument.id, day=now.date())
        db.session.add(checkin)
    checkin.answers, checkin.score = list(answers), instrument.score(answers)
    checkin.note, checkin.created_at = (note or "").strip() or None, now
    mark_answered(user, now, instrument.id)
    try:
        db.session.commit()
    except IntegrityError:  # a same-day check-in committed between our look and our write
        db.session.rollback()
        raise SameDayCheckIn(todays_checkin(user, instrument.id, now.date())) from None
    return checkin




def history(user: User, instrument: str = instruments.DEFAULT) -> list[CheckIn]:
    """The member's check-ins of one instrument, newest first."""
    return list(db.session.scalars(select(CheckIn).where(CheckIn.user_id == user.id, CheckIn.instrument == instrument)
                                   .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())))


def score_history(user: User, since: date, instrument: str = instruments.DEFAULT) -> list[tuple[date, int]]:
    """(day, score) of the member's check-ins of one instrument from `since` on, oldest first (a trend chart)."""
    start = datetime.combine(since, time.min, tzinfo=timezone.utc)
    rows = db.session.execute(select(CheckIn.created_at, CheckIn.score)
                              .where(CheckIn.user_id == user.id, CheckIn.instrument == instrument,
                                     CheckIn.created_at >= start)
                              .order_by(CheckIn.created_at, CheckIn.id))
    return [(as_utc(moment).date(), score) for moment, score in rows]


def instrument_of(checkin: CheckIn) -> instruments.Instrument:
    """The instrument a check-in was answered with."""
    return instruments.load(checkin.instrument)


def assessment(checkin: CheckIn) -> instruments.Threshold | None:
    """What a check-in suggests (its score's band, or a low single item), or None when neither applies."""
    return instrument_of(checkin).assess(checkin.answers, checkin.score)
