"""Retention: free text is deleted after RETENTION_DAYS; hours and scores stay for trends."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update

from wellbeing.extensions import db
from wellbeing.models import CheckIn, ExposureLog
from wellbeing.services.audit import record


@dataclass(frozen=True)
class PurgeResult:
    """How many notes were removed, and the moment before which they were."""

    cutoff: datetime
    exposure_notes: int
    checkin_notes: int


def purge_notes(now: datetime, days: int) -> PurgeResult:
    """Blank ExposureLog.note and CheckIn.note on rows created more than `days` days before `now`."""
    cutoff = now - timedelta(days=days)
    counts = []
    for model in (ExposureLog, CheckIn):
        result = db.session.execute(update(model).where(model.note.is_not(None), model.created_at < cutoff)
                                    .values(note=None).execution_options(synchronize_session=False))
        counts.append(result.rowcount)
    record(None, "retention.purge", None, f"days={days}, exposure_notes={counts[0]}, checkin_notes={counts[1]}")
    db.session.commit()
    return PurgeResult(cutoff, *counts)
