"""Manager use cases on a rotation: demand, templates, pins, publish and reopen. Each owns its commit."""
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.models import Assignment, Category, DemandTemplate, Rotation, Shift, Team, User
from wellbeing.services.audit import record
from wellbeing.services.policy import week_start


class RotationError(ValueError):
    """A change the rotation cannot take; the message says why and what to do."""


PLAN_WEEKS_BACK, PLAN_WEEKS_AHEAD = 8, 52


def plannable_days(today: date) -> tuple[date, date]:
    """The first and last day whose week may be planned: 8 weeks back to a year ahead."""
    this_week = week_start(today)
    return (this_week - timedelta(weeks=PLAN_WEEKS_BACK),
            this_week + timedelta(weeks=PLAN_WEEKS_AHEAD, days=6))


def rotation_for(team: Team, monday: date) -> Rotation | None:
    return db.session.scalar(select(Rotation).where(Rotation.team_id == team.id, Rotation.week_start == monday))


def open_week(actor: User, team: Team, day: date) -> Rotation:
    """The team's rotation for the week containing `day`, created as an empty draft if needed."""
    first, last = plannable_days(date.today())
    if not first <= day <= last:
        raise RotationError(f"Choose a week between {first.isoformat()} and {last.isoformat()}.")
    monday = week_start(day)
    rotation = rotation_for(team, monday)
    if rotation is None:
        rotation = Rotation(team_id=team.id, week_start=monday, state="draft")
        db.session.add(rotation)
        db.session.flush()
        record(actor, "rotation.create", rotation, f"week of {monday.isoformat()}")
        db.session.commit()
    return rotation


def delete_draft(actor: User, rotation: Rotation) -> None:
    """Delete a week that was never published, with its demand, assignments and jobs."""
    if rotation.published_at is not None:
        raise RotationError("This rotation was published to the team, so it stays; reopen it to change it.")
    from wellbeing.services.solving import active_job  # solving builds on this module's rotations
    if active_job(rotation) is not None:
        raise RotationError("A solve for this week is running; wait for it to finish, then delete the draft.")
    record(actor, "rotation.delete", rotation, f"week of {rotation.week_start.isoformat()}")
    db.session.delete(rotation)
    db.session.commit()


def _editable(rotation: Rotation) -> None:
    if rotation.state == "published":
        raise RotationError("This rotation is published and read-only. Reopen it (with a reason) to change it.")


def add_shift(actor: User, rotation: Rotation, category: Category, day: date, minutes: int, people: int) -> Shift:
    """Add demand: `people` members for `minutes` of `category` on `day` of the rotation's week."""
    _editable(rotation)
    if not rotation.week_start <= day <= rotation.week_start + timedelta(days=6):
        raise RotationError(f"{day.isoformat()} is not in the week of {rotation.week_start.isoformat()}.")
    shift = Shift(rotation=rotation, category=category, day=day, minutes=minutes, people=people)
    db.session.add(shift)
    db.session.flush()
    record(actor, "rotation.shift_add", rotation, f"{category.slug} {day.isoformat()} {minutes}m x{people}")
    db.session.commit()
    return shift


def delete_shift(actor: User, shift: Shift) -> None:
    """Remove a shift and its assignments from a draft rotation."""
    _editable(shift.rotation)
    record(actor, "rotation.shift_delete", shift.rotation, f"shift {shift.id}")
    db.session.delete(shift)
    db.session.commit()


def copy_demand(actor: User, rotation: Rotation, source: list[tuple[int, int, int, int]], what: str) -> int:
    """Add (category_id, weekday, minutes, people) demand lines to the week; returns how many."""
    _editable(rotation)
    for category_id, weekday, minutes, people in source:
        db.session.add(Shift(rotation=rotation, category_id=category_id, minutes=minutes, people=people,
                             day=rotation.week_start + timedelta(days=weekday)))
    record(actor, "rotation.demand_copy", rotation, f"{len(source)} shifts from {what}")
    db.session.commit()
    return len(source)


def last_week_demand(rotation: Rotation) -> list[tuple[int, int, int, int]]:
    """The previous week's shifts of the same team, as demand lines."""
    previous = rotation_for(rotation.team, rotation.week_start - timedelta(days=7))
    if previous is None or not previous.shifts:
        raise RotationError("There is no demand for the week before to copy.")
    return [(s.category_id, s.day.weekday(), s.minutes, s.people) for s in previous.shifts]


def template_demand(team: Team) -> list[tuple[int, int, int, int]]:
    """The team's weekly template, as demand lines."""
    rows = db.session.scalars(select(DemandTemplate).where(DemandTemplate.team_id == team.id)).all()
    if not rows:
        raise RotationError("The team has no weekly template yet. Save a week's demand as the template first.")
    return [(t.category_id, t.weekday, t.minutes, t.people) for t in rows]


def save_template(actor: User, rotation: Rotation) -> int:
    """Make this week's demand the team's weekly template (one line per category and weekday)."""
    if not rotation.shifts:
        raise RotationError("This week has no demand to save as the template.")
    db.session.execute(db.delete(DemandTemplate).where(DemandTemplate.team_id == rotation.team_id))
    lines: dict[tuple[int, int], DemandTemplate] = {}
    for s in rotation.shifts:
        key = (s.category_id, s.day.weekday())
        if key in lines:  # two shifts of one category on one day: keep the larger demand
            lines[key].minutes, lines[key].people = max(lines[key].minutes, s.minutes), max(lines[key].people, s.people)
        else:
            lines[key] = DemandTemplate(team_id=rotation.team_id, category_id=s.category_id, weekday=key[1],
                                        minutes=s.minutes, people=s.people)
    db.session.add_all(lines.values())
    record(actor, "team.template_save", rotation.team, f"{len(lines)} lines")
    db.session.commit()
    return len(lines)


def set_assignment(actor: User, shift: Shift, user: User, action: str) -> None:
    """Pin a member to a shift, unpin them, or remove them from it."""
    _editable(shift.rotation)
    if user.team_id != shift.rotation.team_id or not user.has_role("member"):
        raise RotationError(f"{user.name} is not a member of this team.")
    current = next((a for a in shift.assignments if a.user_id == user.id), None)
    if action == "pin":
        if current is None:
            if len(shift.assignments) >= shift.people:
                raise RotationError("This shift is full; remove someone before pinning another member.")
            current = Assignment(user_id=user.id)
            shift.assignments.append(current)
        current.pinned = True
    elif current is not None and action == "unpin":
        current.pinned = False
    elif current is not None and action == "remove":
        shift.assignments.remove(current)
    record(actor, f"rotation.{action}", shift.rotation, f"user {user.id} shift {shift.id}")
    db.session.commit()


def publish(actor: User, rotation: Rotation) -> int:
    """Publish the rotation (read-only from now on) and notify its members; returns how many."""
    from wellbeing.services.notifications import notify_rotation_published
    _editable(rotation)
    if rotation.solver_status not in ("optimal", "feasible"):
        raise RotationError("Generate a rotation before publishing it.")
    rotation.state, rotation.published_at = "published", datetime.now(timezone.utc)
    notified = notify_rotation_published(rotation)
    record(actor, "rotation.publish", rotation, f"{notified} members notified")
    db.session.commit()
    return notified


def reopen(actor: User, rotation: Rotation, reason: str) -> None:
    """Make a published rotation editable again; the reason is kept in the audit log."""
    if rotation.state != "published":
        raise RotationError("Only a published rotation can be reopened.")
    rotation.state = "draft"
    record(actor, "rotation.reopen", rotation, reason.strip())
    db.session.commit()
