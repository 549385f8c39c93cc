"""Builders for rotations with shifts and assignments, for the calendar and notification tests."""
from datetime import date, datetime, timezone

from wellbeing.extensions import db
from wellbeing.models import Assignment, Rotation, Shift


def make_rotation(team, week_start: date, state: str = "published", shifts=()) -> Rotation:
    """A rotation for `team`; `shifts` holds (category, day, minutes, [members]) tuples. Adds and flushes."""
    rotation = Rotation(team_id=team.id, week_start=week_start, state=state,
                        published_at=datetime.now(timezone.utc) if state == "published" else None)
    db.session.add(rotation)
    db.session.flush()
    for category, day, minutes, members in shifts:
        shift = Shift(rotation_id=rotation.id, category_id=category.id, day=day, minutes=minutes,
                      people=max(1, len(members)))
        shift.assignments = [Assignment(user_id=member.id) for member in members]
        db.session.add(shift)
    db.session.flush()
    return rotation
