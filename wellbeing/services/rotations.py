"""Manager use cases on a rotation: demand, templates, pins, publish and reopen. Each owns its commit."""
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.models import Assignment, Category, DemandTemplate, Rotation, Shift, Team, User
from wellbeing.services import published_plan, rota_state
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
    _edited(actor, rotation, "rotation.shift_add", f"{category.slug} {day.isoformat()} {minutes}m x{people}")
    return shift


def delete_shift(actor: User, shift: Shift) -> None:
    """Remove a shift and its assignments from a draft rotation."""
    rotation = shift.rotation
    _editable(rotation)
    detail = f"shift {shift.id}"
    rotation.shifts.remove(shift)
    _edited(actor, rotation, "rotation.shift_delete", detail)


def copy_demand(actor: User, rotation: Rotation, source: list[tuple[int, int, int, int]], what: str) -> int:
    """Add (category_id, weekday, minutes, people) demand lines to the week; returns how many."""
    _editable(rotation)
    for category_id, weekday, minutes, people in source:
        db.session.add(Shift(rotation=rotation, category_id=category_id, minutes=minutes, people=people,
                             day=rotation.week_start + timedelta(days=weekday)))
    _edited(actor, rotation, "rotation.demand_copy", f"{len(source)} shifts from {what}")
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
    """Pin a member to a shift (checked by the scheduler's rules first), unpin them, or remove them from it."""
    _editable(shift.rotation)
    _in_team(shift, user)
    current = next((a for a in shift.assignments if a.user_id == user.id), None)
    if action == "pin":
        if current is None:
            if len(shift.assignments) >= shift.people:
                raise RotationError("This shift is full; remove someone before pinning another member.")
            _rules_allow(shift, user)
            current = Assignment(user_id=user.id)
            shift.assignments.append(current)
        current.pinned = True
    elif current is not None and action == "unpin":
        current.pinned = False
    elif current is not None and action == "remove":
        shift.assignments.remove(current)
    _edited(actor, shift.rotation, f"rotation.{action}", f"user {user.id} shift {shift.id}")


def swap(actor: User, shift: Shift, leaving: User, joining: User) -> None:
    """Give `leaving`'s place on the shift to `joining` (pinned), if the scheduler's rules allow it."""
    _editable(shift.rotation)
    _in_team(shift, joining)
    current = next((a for a in shift.assignments if a.user_id == leaving.id), None)
    if current is None:
        raise RotationError(f"{leaving.name} is not on this shift.")
    if any(a.user_id == joining.id for a in shift.assignments):
        raise RotationError(f"{joining.name} is already on this shift.")
    _rules_allow(shift, joining, without=(leaving.id, shift.id))
    shift.assignments.remove(current)
    shift.assignments.append(Assignment(user_id=joining.id, pinned=True))
    _edited(actor, shift.rotation, "rotation.swap", f"user {leaving.id} -> {joining.id} shift {shift.id}")


def _in_team(shift: Shift, user: User) -> None:
    if user.team_id != shift.rotation.team_id or not user.has_role("member") or not user.active:
        raise RotationError(f"{user.name} is not a member of this team.")


def _rules_allow(shift: Shift, user: User, without: tuple[int, int] | None = None) -> None:
    refused = rota_state.refusal(shift, user, without)
    if refused:
        raise RotationError(f"{refused} Nothing was changed.")


def _edited(actor: User, rotation: Rotation, action: str, detail: str) -> None:
    """Record a hand edit, re-derive the stored solution from the grid (if the week was solved), and commit."""
    db.session.flush()
    if rotation.solver_status is not None:
        rota_state.refresh(rotation)
    record(actor, action, rotation, detail)
    db.session.commit()


def publish(actor: User, rotation: Rotation) -> int:
    """Publish the rotation once the independent verifier accepts it, and tell exactly the members whose shifts
    changed since it was last published (everyone on it, the first time); returns how many were told."""
    from wellbeing.services.notifications import notify_week
    _editable(rotation)
    if rotation.solver_status not in ("optimal", "feasible"):
        raise RotationError("Generate a rotation before publishing it.")
    broken = rota_state.broken_rules(rotation)
    if broken:
        raise RotationError(f"Not published: the independent check found {len(broken)} broken rule(s): "
                            + "; ".join(broken) + ". Change the week and publish again.")
    first = rotation.published_plan is None
    changed = published_plan.stamp_publication(rotation)
    rotation.state, rotation.published_at = "published", datetime.now(timezone.utc)
    week = f"{rotation.week_start.day} {rotation.week_start:%B %Y}"
    message = (f"Your rotation for the week of {week} is published" if first
               else f"Your shifts in the week of {week} changed: see the new plan")
    users = db.session.scalars(select(User).where(User.id.in_(changed)).order_by(User.id)).all() if changed else []
    notified = notify_week(users, message)
    record(actor, "rotation.publish", rotation, f"{notified} members notified")
    db.session.commit()
    return notified


def reopen(actor: User, rotation: Rotation, reason: str) -> int:
    """Make a published rotation editable again, telling its members it is being revised; returns how many.

    The reason is kept in the audit log. Members keep seeing the published plan until it is republished."""
    from wellbeing.services.notifications import notify_week
    if rotation.state != "published":
        raise RotationError("Only a published rotation can be reopened.")
    rotation.state = "draft"
    if rotation.published_plan is None:  # published before plans were kept: keep what members were told
        published_plan.stamp_publication(rotation)
    week = f"{rotation.week_start.day} {rotation.week_start:%B %Y}"
    notified = notify_week(published_plan.told_members(rotation),
                           f"Your rotation for the week of {week} is being revised; your published shifts stand "
                           f"until you are told otherwise")
    record(actor, "rotation.reopen", rotation, reason.strip())
    db.session.commit()
    return notified
