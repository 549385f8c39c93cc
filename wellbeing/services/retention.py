"""Retention: free text and closed follow-ups are deleted after RETENTION_DAYS; hours and scores stay."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, update

from wellbeing.extensions import db
from wellbeing.models import CheckIn, ExposureLog, FollowUpRequest
from wellbeing.services.audit import record


@dataclass(frozen=True)
class PurgeResult:
    """How many notes and closed follow-ups were removed, and the moment before which they were."""

    cutoff: datetime
    exposure_notes: int
    checkin_notes: int
    follow_ups: int = 0


def purge_notes(now: datetime, days: int) -> PurgeResult:
    """Blank notes and follow-up messages older than `days` days, and delete closed follow-ups as old.

    A follow-up still open is kept (someone is still waiting for a person), but its message goes.
    """
    cutoff = now - timedelta(days=days)
    counts = []
    for model, column in ((ExposureLog, "note"), (CheckIn, "note"), (FollowUpRequest, "message")):
        field = getattr(model, column)
        result = db.session.execute(update(model).where(field.is_not(None), model.created_at < cutoff)
                                    .values({column: None}).execution_options(synchronize_session=False))
        counts.append(result.rowcount)
    closed = db.session.execute(delete(FollowUpRequest).where(
        FollowUpRequest.state == "closed", FollowUpRequest.created_at < cutoff)
        .execution_options(synchronize_session=False)).rowcount
    record(None, "retention.purge", None,
           f"days={days}, exposure_notes={counts[0]}, checkin_notes={counts[1]}, follow_ups={closed}")
    db.session.commit()
    return PurgeResult(cutoff, counts[0], counts[1], closed)
