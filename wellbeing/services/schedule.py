"""What a member sees of rotations: their own published shifts."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.models import Assignment, Rotation, Shift, User


@dataclass(frozen=True)
class UpcomingShift:
    """One published shift the member is on."""

    day: date
    category: str
    severity: int
    hours: float


def upcoming_shifts(user: User, today: date, limit: int = 10) -> list[UpcomingShift]:
    """The member's shifts from today on, in published rotations only (drafts are the manager's)."""
    rows = db.session.scalars(
        select(Shift).join(Assignment, Assignment.shift_id == Shift.id).join(Rotation)
        .where(Assignment.user_id == user.id, Rotation.state == "published", Shift.day >= today)
        .order_by(Shift.day, Shift.id).limit(limit))
    return [UpcomingShift(s.day, s.category.name, s.category.severity, s.minutes / 60) for s in rows]
