"""Counts of solve jobs by state, for the metrics and the queue position shown to managers."""
from sqlalchemy import func, select

from wellbeing.extensions import db
from wellbeing.models import SolveJob


def job_counts() -> dict[str, int]:
    """Number of jobs in each state that is not finished (queued, running)."""
    rows = db.session.execute(select(SolveJob.state, func.count()).where(SolveJob.state.in_(("queued", "running")))
                              .group_by(SolveJob.state)).all()
    return {state: count for state, count in rows}
