"""What members were told: each rotation's plan as last published, kept so that a revision can say what changed.

The plan maps "user:shift" to the shift's facts, a status (confirmed / cancelled) and an iCalendar SEQUENCE that
goes up whenever the entry changes, so calendar apps update or cancel the same event (same UID) instead of losing
it. While a published week is reopened, members keep seeing the published plan, marked as being revised.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select

from wellbeing.extensions import db
from wellbeing.models import Rotation, User

FACTS = ("day", "category", "severity", "minutes")


@dataclass(frozen=True)
class PlanEntry:
    """One shift of a member as published: its facts, whether it still stands, and its revision number."""

    uid: str
    day: date
    category: str
    severity: int
    minutes: int
    cancelled: bool
    sequence: int
    revising: bool
    stamp: datetime | None


def _grid(rotation: Rotation) -> dict[str, dict]:
    return {f"{a.user_id}:{s.id}": {"user": a.user_id, "shift": s.id, "day": s.day.isoformat(),
                                    "category": s.category.name, "severity": s.category.severity,
                                    "minutes": s.minutes}
            for s in rotation.shifts for a in s.assignments}


def stamp_publication(rotation: Rotation) -> set[int]:
    """Store the grid as the published plan; returns the ids of users whose shifts changed since the last one."""
    old, new, changed = rotation.published_plan or {}, {}, set()
    for key, entry in _grid(rotation).items():
        before = old.get(key)
        same = before is not None and before["status"] == "confirmed" and all(before[k] == entry[k] for k in FACTS)
        new[key] = {**entry, "status": "confirmed", "seq": before["seq"] + (0 if same else 1) if before else 0}
        if not same:
            changed.add(entry["user"])
    for key, before in old.items():
        if key not in new:
            if before["status"] == "confirmed":
                changed.add(before["user"])
            new[key] = {**before, "status": "cancelled", "seq": before["seq"] + (before["status"] == "confirmed")}
    rotation.published_plan = new
    return changed


def told_members(rotation: Rotation) -> list[User]:
    """The members the published plan gives a shift that still stands (who must hear of a revision)."""
    ids = {e["user"] for e in (rotation.published_plan or {}).values() if e["status"] == "confirmed"}
    return list(db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id))) if ids else []


def member_plan(user: User, since: date) -> list[PlanEntry]:
    """The member's published shifts (and cancellations) from `since` on, by day; drafts never show."""
    rotations = db.session.scalars(select(Rotation).where(
        Rotation.week_start > since - timedelta(days=7),
        or_(Rotation.state == "published", Rotation.published_at.is_not(None))))
    out = []
    for rotation in rotations:
        plan = rotation.published_plan if rotation.published_plan else _legacy(rotation)
        for key, e in plan.items():
            if e["user"] == user.id and date.fromisoformat(e["day"]) >= since:
                out.append(PlanEntry(f"shift-{e['shift']}-member-{user.id}@rotawell", date.fromisoformat(e["day"]),
                                     e["category"], e["severity"], e["minutes"], e["status"] == "cancelled",
                                     e["seq"], rotation.state != "published", rotation.published_at))
    return sorted(out, key=lambda e: (e.day, e.uid))


def _legacy(rotation: Rotation) -> dict[str, dict]:
    """A week published before plans were kept: its grid as it stands, if it is published."""
    if rotation.state != "published":
        return {}
    return {k: {**e, "status": "confirmed", "seq": 0} for k, e in _grid(rotation).items()}
