"""Adapter between the database and scheduler/: rows -> a version-1 instance, a solution -> rows.

The instance is built as the JSON document of the documented format, stored with the rotation, and
solved from that stored text, so any rotation can be reproduced with `python -m scheduler solve`.
"""
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from wellbeing.extensions import db
from wellbeing.models import Assignment, Category, CategoryChoice, ExposureLog, Leave, Perspective, Rotation, User
from wellbeing.dose import log_hours
from wellbeing.services.consented_load import paused_until
from wellbeing.services.policy import is_reduced, team_limits

HISTORY_DAYS = 27  # with the planned day itself, a full 28-day window


def member_key(user_id: int) -> str:
    return f"u{user_id}"


def shift_key(shift_id: int) -> str:
    return f"s{shift_id}"


def key_id(key: str) -> int:
    """The database id inside a member or shift key ('u12' -> 12)."""
    return int(key[1:])


def week_days(week_start: date) -> list[date]:
    return [week_start + timedelta(days=i) for i in range(7)]


def team_members(rotation: Rotation) -> list[User]:
    """The active members of the rotation's team, the people the solver may plan."""
    users = db.session.scalars(select(User).where(User.team_id == rotation.team_id)
                               .options(selectinload(User.role_rows)).order_by(User.name))
    return [u for u in users if u.active and u.has_role("member")]


def build_instance(rotation: Rotation, time_limit_s: float, workers: int = 2) -> dict:
    """The rotation's week as a rotawell-instance/1 document (history: the 27 days before the week)."""
    days = week_days(rotation.week_start)
    members = team_members(rotation)
    codes = _perspective_codes(members)
    return {
        "format": "rotawell-instance/1",
        "days": [d.isoformat() for d in days],
        "categories": [category_dict(c) for c in db.session.scalars(select(Category).order_by(Category.id))],
        "limits": instance_limits(),
        "members": [_member(u, days, codes) for u in members],
        "shifts": [{"id": shift_key(s.id), "category": s.category.slug, "day": s.day.isoformat(),
                    "hours": s.minutes / 60, "people": s.people} for s in rotation.shifts],
        "pins": [{"member": member_key(a.user_id), "shift": shift_key(a.shift_id)}
                 for s in rotation.shifts for a in s.assignments if a.pinned],
        "diversity": {"dimensions": _dimensions(members)},
        "options": {"time_limit_s": time_limit_s, "workers": workers, "seed": 0},
    }


def category_dict(c: Category) -> dict:
    return {"id": c.slug, "name": c.name, "severity": c.severity, "max_hours_per_day": c.max_hours_per_day,
            "max_hours_per_week": c.max_hours_per_week, "max_consecutive_days": c.max_consecutive_days,
            "requires_opt_in": c.requires_opt_in}


def instance_limits() -> dict:
    """The team limits as the instance format spells them."""
    lim = team_limits()  # the same Limits the app's own dose pages use
    return {"dose_weights": {str(s): w for s, w in sorted(lim.dose_weights.items())},
            "max_dose_7d": lim.max_dose_7d, "max_dose_28d": lim.max_dose_28d,
            "max_severe_hours_per_day": lim.max_severe_hours_per_day,
            "min_recovery_days": lim.min_recovery_days, "reduced_factor": lim.reduced_factor}


def _member(user: User, days: list[date], codes: dict[tuple[str, str], str]) -> dict:
    choices = db.session.scalars(select(CategoryChoice).where(CategoryChoice.user_id == user.id)).all()
    by = lambda attr, value: sorted(c.category.slug for c in choices if getattr(c, attr) == value)  # noqa: E731
    # A category the member paused for this week is, to the solver, one they opted out of (pauses are whole weeks).
    paused = {c.slug for c in paused_until(user, days[0], days[-1])}
    return {
        "id": member_key(user.id), "hours_per_day": user.hours_per_day, "hours_per_week": user.hours_per_week,
        "unavailable": [d.isoformat() for d in days if d in _unavailable_days(user, days)],
        "opted_in": sorted(set(by("consent", "opted_in")) - paused),
        "opted_out": sorted(set(by("consent", "opted_out")) | paused),
        "perspectives": _perspectives(user, codes), "prefer": by("liking", "prefer"), "avoid": by("liking", "avoid"),
        "reduced_load": is_reduced(user, days[0]), "limits": {}, "history": history_before(user, days[0]),
    }


def _unavailable_days(user: User, days: list[date]) -> set[date]:
    """Days off by the member's usual workdays, plus leave overlapping the week."""
    off = {d for d in days if not user.works_on(d.weekday())}
    leaves = db.session.scalars(select(Leave).where(Leave.user_id == user.id, Leave.start_date <= days[-1],
                                                    Leave.end_date >= days[0]))
    for leave in leaves:
        off |= {d for d in days if leave.start_date <= d <= leave.end_date}
    return off


def _perspective_codes(members: list[User]) -> dict[tuple[str, str], str]:
    """Opaque codes for perspective values ('language-3'): the solver needs only which values differ,
    and the stored, downloadable instance then reveals no one's volunteered perspectives."""
    rows = db.session.execute(select(Perspective.dimension, Perspective.value).where(
        Perspective.user_id.in_([u.id for u in members])).distinct()).all() if members else []
    codes, counters = {}, defaultdict(int)
    for dimension, value in sorted(rows):
        counters[dimension] += 1
        codes[(dimension, value)] = f"{dimension}-{counters[dimension]}"
    return codes


def _perspectives(user: User, codes: dict[tuple[str, str], str]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = defaultdict(list)
    for p in db.session.scalars(select(Perspective).where(Perspective.user_id == user.id)):
        values[p.dimension].append(codes[(p.dimension, p.value)])
    return {k: sorted(v) for k, v in sorted(values.items())}


def _dimensions(members: list[User]) -> list[str]:
    ids = [u.id for u in members]
    if not ids:
        return []
    return sorted(set(db.session.scalars(select(Perspective.dimension).where(Perspective.user_id.in_(ids)))))


def history_before(user: User, week_start: date) -> list[dict]:
    """Logged hours per day and category in the 27 days before the week (what the rolling windows need)."""
    minutes: dict[tuple[date, str], int] = defaultdict(int)
    logs = db.session.scalars(select(ExposureLog).where(
        ExposureLog.user_id == user.id, ExposureLog.day >= week_start - timedelta(days=HISTORY_DAYS),
        ExposureLog.day < week_start))
    for log in logs:
        minutes[(log.day, log.category.slug)] += log.minutes
    return [{"date": d.isoformat(), "category": c, "hours": log_hours(m)}
            for (d, c), m in sorted(minutes.items())]


def apply_solution(rotation: Rotation, solution: dict) -> None:
    """Replace the rotation's unpinned assignments with the solution's and record what the solver said.

    Does not commit: the calling use case owns the transaction.
    """
    if rotation.solver_status is not None:  # a re-solve: keep what was there, to show what changed
        rotation.previous_assignments = sorted([a.user_id, a.shift_id] for s in rotation.shifts for a in s.assignments)
    wanted = {(key_id(a["shift"]), key_id(a["member"])) for a in solution["assignments"]}
    shifts = {s.id: s for s in rotation.shifts}
    for shift in rotation.shifts:
        # Keep the rows that stay (pinned or chosen again) rather than delete and re-insert them: the
        # flush inserts before it deletes, and a re-inserted pair would break UNIQUE(shift_id, user_id).
        shift.assignments = [a for a in shift.assignments if a.pinned or (shift.id, a.user_id) in wanted]
    for shift_id, user_id in sorted(wanted):
        shift = shifts[shift_id]
        if not any(x.user_id == user_id for x in shift.assignments):
            shift.assignments.append(Assignment(user_id=user_id))
    record_solution(rotation, solution)


def record_solution(rotation: Rotation, solution: dict) -> None:
    """Store the solution's status, terms and the explanation of every unmet shift on the rotation's rows."""
    shifts = {s.id: s for s in rotation.shifts}
    for shift in rotation.shifts:
        shift.unmet_explanation = None
    for unmet in solution["unmet"]:
        shifts[key_id(unmet["shift"])].unmet_explanation = {
            "missing": unmet["missing"], "summary": unmet["summary"], "excluded": unmet.get("excluded", {}),
            "codes": unmet.get("codes", {})}
    rotation.solver_status = solution["status"]
    rotation.objective = solution.get("objective")
    rotation.bound = solution.get("bound")
