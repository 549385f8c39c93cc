"""Builders for check-ins, prompts, exposure logs and tokens (add, flush; the test commits if it needs to)."""
from datetime import date, datetime, timedelta, timezone

from wellbeing.extensions import db
from wellbeing.models import ApiToken, CheckIn, ExposureLog, FollowUpRequest, Prompt

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def make_checkin(user, answers=(3, 3, 3, 3, 3), note=None, created_at=None, instrument="who5") -> CheckIn:
    moment = created_at or datetime.now(timezone.utc)
    score = sum(answers) * (4 if instrument == "who5" else 1)
    checkin = CheckIn(user_id=user.id, instrument=instrument, answers=list(answers), score=score,
                      note=note, created_at=moment, day=moment.date())
    db.session.add(checkin)
    db.session.flush()
    return checkin


def make_prompt(user, reason="scheduled", state="open", **fields) -> Prompt:
    prompt = Prompt(user_id=user.id, reason=reason, state=state, **fields)
    db.session.add(prompt)
    db.session.flush()
    return prompt


def make_log(user, category, day=None, minutes=60, note=None, created_at=None) -> ExposureLog:
    log = ExposureLog(user_id=user.id, category_id=category.id, day=day or date.today(), minutes=minutes,
                      intensity=3, source="form", note=note, created_at=created_at or datetime.now(timezone.utc))
    db.session.add(log)
    db.session.flush()
    return log


def make_follow_up(user, checkin, sent_to="wellbeing@example.org") -> FollowUpRequest:
    request = FollowUpRequest(user_id=user.id, checkin_id=checkin.id, sent_to=sent_to)
    db.session.add(request)
    db.session.flush()
    return request


def make_token(user, name="laptop", digest="d" * 64, prefix="rw_abc123") -> ApiToken:
    token = ApiToken(user_id=user.id, name=name, digest=digest, prefix=prefix)
    db.session.add(token)
    db.session.flush()
    return token


def days_ago(days: float, now: datetime = NOW) -> datetime:
    return now - timedelta(days=days)
