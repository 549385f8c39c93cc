"""What a member sees of rotations: their own shifts as last published (drafts are the manager's)."""
from dataclasses import dataclass
from datetime import date

from wellbeing.models import User
from wellbeing.services.published_plan import member_plan


@dataclass(frozen=True)
class UpcomingShift:
    """One published shift the member is on; `revising` while the manager has reopened its week."""

    day: date
    category: str
    severity: int
    hours: float
    revising: bool = False


def upcoming_shifts(user: User, today: date, limit: int = 10) -> list[UpcomingShift]:
    """The member's shifts from today on, as last published; a shift withdrawn since is not shown."""
    entries = [e for e in member_plan(user, today) if not e.cancelled][:limit]
    return [UpcomingShift(e.day, e.category, e.severity, e.minutes / 60, e.revising) for e in entries]
