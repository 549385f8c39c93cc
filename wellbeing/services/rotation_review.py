"""What the manager's review page shows: the grid, doses against limits, perspectives, shortfalls, changes.

Hours and doses only: nothing here reads check-ins (DESIGN.md's table).
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from wellbeing.dose import daily_doses, log_hours, window_dose
from wellbeing.extensions import db
from wellbeing.models import Category, ExposureLog, Perspective, Rotation, Shift, User
from wellbeing.scheduling import key_id, team_members, week_days
from wellbeing.services.over_exposure import team_crossings
from wellbeing.services.consented_load import paused_by_member
from wellbeing.services.policy import current_policy, member_limits, reduced_members


@dataclass
class MemberRow:
    """One row of the grid: a member's chips per day and their dose against limits."""

    user: User
    chips: dict[date, list[Shift]] = field(default_factory=lambda: defaultdict(list))
    planned_hours: float = 0.0
    dose_7d_peak: float = 0.0
    limit_7d: float = 0.0
    dose_28d: float = 0.0
    limit_28d: float = 0.0
    reduced: bool = False
    over: list = field(default_factory=list)  # over_exposure.Crossing: logged hours past a cap or limit
    paused: dict = field(default_factory=dict)  # Category -> last paused day; never why
    over_cap_days: list = field(default_factory=list)  # days the member logged past a cap (confirmed)


def member_rows(rotation: Rotation) -> list[MemberRow]:
    """Each team member's planned shifts and planned + logged dose over the week (a few queries in all)."""
    days = week_days(rotation.week_start)
    rows = {u.id: MemberRow(u) for u in team_members(rotation)}
    for shift in shifts_with_assignments(rotation):
        for a in shift.assignments:
            if a.user_id in rows:
                rows[a.user_id].chips[shift.day].append(shift)
                rows[a.user_id].planned_hours += shift.minutes / 60
    history = _history(rows, days[0] - timedelta(days=1), 27)
    policy, reduced = current_policy(), reduced_members(rows, days[0])
    over = team_crossings([row.user for row in rows.values()], days[0])
    paused = paused_by_member(list(rows), days[0], days[-1])
    over_cap = _over_cap_days(rows, days[0] - timedelta(days=27), days[-1])
    for user_id, row in rows.items():
        row.reduced = user_id in reduced
        row.paused, row.over_cap_days = paused.get(user_id, {}), over_cap.get(user_id, [])
        _dose(row, days, history[user_id], member_limits(row.user, days[0], policy, row.reduced))
        row.over = over[user_id]
    return sorted(rows.values(), key=lambda r: r.user.name)


def shifts_with_assignments(rotation: Rotation) -> list[Shift]:
    """The rotation's shifts with their assignments and categories loaded in two queries, not one per shift."""
    return list(db.session.scalars(select(Shift).where(Shift.rotation_id == rotation.id)
                                   .options(selectinload(Shift.assignments), selectinload(Shift.category))
                                   .order_by(Shift.day, Shift.id)))


def _history(rows, end: date, days: int) -> dict[int, list[tuple[date, float, int]]]:
    """(day, hours, severity) of every listed member's logs in the `days` days ending on `end`, in one query."""
    found: dict[int, list] = defaultdict(list)
    result = db.session.execute(
        select(ExposureLog.user_id, ExposureLog.day, ExposureLog.minutes, Category.severity)
        .join(Category, Category.id == ExposureLog.category_id)
        .where(ExposureLog.user_id.in_(list(rows)), ExposureLog.day >= end - timedelta(days=days - 1),
               ExposureLog.day <= end))
    for user_id, day, minutes, severity in result:
        found[user_id].append((day, log_hours(minutes), severity))
    return found


def _over_cap_days(rows, first: date, last: date) -> dict[int, list[date]]:
    """Days each listed member logged past a cap (confirmed, so planning sees it), in one query."""
    found: dict[int, set] = defaultdict(set)
    result = db.session.execute(select(ExposureLog.user_id, ExposureLog.day).where(
        ExposureLog.user_id.in_(list(rows)), ExposureLog.over_cap.is_(True), ExposureLog.day.between(first, last)))
    for user_id, day in result:
        found[user_id].add(day)
    return {user_id: sorted(days) for user_id, days in found.items()}


def _dose(row: MemberRow, days: list[date], history: list, limits) -> None:
    entries = history + [(d, s.minutes / 60, s.category.severity) for d, shifts in row.chips.items() for s in shifts]
    per_day = daily_doses(entries, limits.weights)
    row.dose_7d_peak = max(window_dose(per_day, d, 7) for d in days)
    row.dose_28d = window_dose(per_day, days[-1], 28)
    row.limit_7d, row.limit_28d = limits.max_7d, limits.max_28d


class PerspectiveLookup:
    """How diverse each shift is: distinct volunteered values per dimension, for the page to call per shift.

    Never the values themselves: on a one- or two-person shift they would say who brings which. Every
    assigned member's perspectives are read in one query, not one per shift.
    """

    def __init__(self, rotation: Rotation):
        ids = {a.user_id for s in shifts_with_assignments(rotation) for a in s.assignments}
        self.by_user: dict[int, list[tuple[str, str]]] = defaultdict(list)
        rows = db.session.execute(select(Perspective.user_id, Perspective.dimension, Perspective.value)
                                  .where(Perspective.user_id.in_(ids))) if ids else []
        for user_id, dimension, value in rows:
            self.by_user[user_id].append((dimension, value))

    def __call__(self, shift: Shift) -> dict[str, int]:
        values: dict[str, set[str]] = defaultdict(set)
        for a in shift.assignments:
            for dimension, value in self.by_user.get(a.user_id, []):
                values[dimension].add(value)
        return {dimension: len(found) for dimension, found in sorted(values.items())}


def named_exclusions(shift: Shift) -> list[tuple[str, str]]:
    """The solver's reasons why members could not take an unmet shift, with names instead of ids."""
    excluded = (shift.unmet_explanation or {}).get("excluded", {})
    names = {u.id: u.name for u in db.session.scalars(select(User).where(
        User.id.in_([key_id(k) for k in excluded])))} if excluded else {}
    return sorted((names.get(key_id(k), k), reason) for k, reason in excluded.items())


def changes_since_last_solve(rotation: Rotation) -> tuple[list[str], list[str]]:
    """(added, removed) assignments compared with before the last solve, as 'Name: shift' lines."""
    if rotation.previous_assignments is None:
        return [], []
    before = {tuple(pair) for pair in rotation.previous_assignments}
    now = {(a.user_id, s.id) for s in rotation.shifts for a in s.assignments}
    shifts = {s.id: s for s in rotation.shifts}
    users = {u.id: u.name for u in team_members(rotation)}

    def label(pair):
        shift = shifts.get(pair[1])
        where = f"{shift.category.name} {shift.day.strftime('%a %d %b')}" if shift else "a deleted shift"
        return f"{users.get(pair[0], 'a former member')}: {where}"
    return sorted(map(label, now - before)), sorted(map(label, before - now))
