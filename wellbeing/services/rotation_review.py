"""What the manager's review page shows: the grid, doses against limits, perspectives, shortfalls, changes.

Hours and doses only: nothing here reads check-ins (DESIGN.md's table).
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select

from wellbeing.dose import daily_doses, window_dose
from wellbeing.extensions import db
from wellbeing.models import Perspective, Rotation, Shift, User
from wellbeing.scheduling import key_id, team_members, week_days
from wellbeing.services.consented_load import paused_until
from wellbeing.services.exposure import recent_logs
from wellbeing.services.policy import is_reduced, member_limits


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
    paused: dict = field(default_factory=dict)  # Category -> last paused day; never why
    over_cap_days: list = field(default_factory=list)  # days the member logged past a cap (confirmed)


def member_rows(rotation: Rotation) -> list[MemberRow]:
    """Each team member's planned shifts and planned + logged dose over the week."""
    days = week_days(rotation.week_start)
    rows = {u.id: MemberRow(u) for u in team_members(rotation)}
    for shift in rotation.shifts:
        for a in shift.assignments:
            if a.user_id in rows:
                rows[a.user_id].chips[shift.day].append(shift)
                rows[a.user_id].planned_hours += shift.minutes / 60
    for row in rows.values():
        _dose(row, days)
    return sorted(rows.values(), key=lambda r: r.user.name)


def _dose(row: MemberRow, days: list[date]) -> None:
    limits = member_limits(row.user, days[0])
    logs = recent_logs(row.user, days[0] - timedelta(days=1), 27)
    entries = [(log.day, log.minutes / 60, log.category.severity) for log in logs]
    entries += [(d, s.minutes / 60, s.category.severity) for d, shifts in row.chips.items() for s in shifts]
    per_day = daily_doses(entries, limits.weights)
    row.dose_7d_peak = max(window_dose(per_day, d, 7) for d in days)
    row.dose_28d = window_dose(per_day, days[-1], 28)
    row.limit_7d, row.limit_28d = limits.max_7d, limits.max_28d
    row.reduced = is_reduced(row.user, days[0])
    row.paused = paused_until(row.user, days[0], days[-1])
    row.over_cap_days = sorted({log.day for log in logs if log.over_cap})


def shift_perspectives(shift: Shift) -> dict[str, int]:
    """How diverse a shift is: distinct volunteered values per dimension, counted in SQL.

    Never the values themselves: on a one- or two-person shift they would say who brings which.
    """
    ids = [a.user_id for a in shift.assignments]
    if not ids:
        return {}
    rows = db.session.execute(select(Perspective.dimension, func.count(func.distinct(Perspective.value)))
                              .where(Perspective.user_id.in_(ids)).group_by(Perspective.dimension)
                              .order_by(Perspective.dimension))
    return dict(rows.all())


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
