"""A member's own settings: test days, leave, reduced-load weeks, perspectives and category choices.

Each use case checks everything first and raises `SettingsRejected` with every problem before writing,
so a rejected form leaves the database as it was.
"""
from datetime import date, timedelta

from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.models import Category, CategoryChoice, Leave, Perspective, ReducedLoadWeek, User
from wellbeing.services.audit import record
from wellbeing.services.policy import week_start

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEAVE_HORIZON_DAYS = 365
REDUCED_WEEKS_AHEAD = 8
DIMENSIONS = {"discipline": "Discipline", "language": "Languages", "region": "Region"}
MAX_VALUES = 10
MAX_VALUE_LENGTH = 80  # Perspective.value is String(80)
CONSENTS = ("opted_in", "opted_out")
LIKINGS = ("prefer", "avoid")


class SettingsRejected(Exception):
    """The input broke a rule; `errors` holds (field, message) pairs and nothing was written."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__("; ".join(message for _field, message in errors))
        self.errors = errors


def long_date(day: date) -> str:
    """A date as people write it (4 May 2026), the same on every platform."""
    return f"{day.day} {day:%B %Y}"


def set_workdays(user: User, weekdays) -> None:
    """Save the weekdays the member tests on; the solver plans nothing on the others."""
    days = set(weekdays or ())
    if not days:
        raise SettingsRejected([("weekdays", "Choose at least one day you test on. "
                                             "If you are away, add leave instead.")])
    user.workdays = sum(1 << day for day in days)
    db.session.commit()


def user_leaves(user: User) -> list[Leave]:
    """The member's leave, soonest first."""
    return list(db.session.scalars(select(Leave).where(Leave.user_id == user.id).order_by(Leave.start_date)))


def _leave_errors(user: User, start: date | None, end: date | None, today: date) -> list[tuple[str, str]]:
    errors = []
    if start is None:
        errors.append(("start", "Enter the first day of your leave."))
    if end is None:
        errors.append(("end", "Enter the last day of your leave."))
    if errors:
        return errors
    if end < start:
        return [("end", "The last day cannot be before the first day.")]
    horizon = today + timedelta(days=LEAVE_HORIZON_DAYS)
    if end > horizon:
        return [("end", f"Leave can be entered up to a year ahead, until {long_date(horizon)}.")]
    overlap = db.session.scalar(select(Leave).where(Leave.user_id == user.id, Leave.start_date <= end,
                                                    Leave.end_date >= start).order_by(Leave.start_date).limit(1))
    if overlap is not None:
        return [("start", f"This overlaps your leave from {long_date(overlap.start_date)} to "
                          f"{long_date(overlap.end_date)}. Change the dates or delete that leave first.")]
    return []


def add_leave(user: User, start: date | None, end: date | None, today: date) -> Leave:
    """Record days away (inclusive), so the solver plans nothing on them."""
    errors = _leave_errors(user, start, end, today)
    if errors:
        raise SettingsRejected(errors)
    leave = Leave(user_id=user.id, start_date=start, end_date=end)
    db.session.add(leave)
    db.session.commit()
    return leave


def delete_leave(leave: Leave) -> None:
    """Remove leave the member no longer takes; the view has checked it is theirs."""
    db.session.delete(leave)
    db.session.commit()


def reducible_weeks(today: date) -> list[date]:
    """The Mondays a member may mark: this week and the next eight (beyond that, plans are not made yet)."""
    monday = week_start(today)
    return [monday + timedelta(weeks=n) for n in range(REDUCED_WEEKS_AHEAD + 1)]


def reduced_weeks(user: User, today: date) -> list[tuple[date, bool]]:
    """Each markable week with whether the member marked it as reduced load."""
    weeks = reducible_weeks(today)
    marked = set(db.session.scalars(select(ReducedLoadWeek.week_start).where(
        ReducedLoadWeek.user_id == user.id, ReducedLoadWeek.week_start.between(weeks[0], weeks[-1]))))
    return [(week, week in marked) for week in weeks]


def set_reduced_load(user: User, week: date | None, reduced: bool, today: date) -> None:
    """Mark or unmark a week as reduced load; no reason is asked or stored."""
    if week not in reducible_weeks(today):
        raise SettingsRejected([("week", "Choose this week or one of the next 8 weeks.")])
    row = db.session.scalar(select(ReducedLoadWeek).where(ReducedLoadWeek.user_id == user.id,
                                                          ReducedLoadWeek.week_start == week))
    if reduced and row is None:
        db.session.add(ReducedLoadWeek(user_id=user.id, week_start=week))
    elif not reduced and row is not None:
        db.session.delete(row)
    else:
        return
    record(user, "reduced_load.set" if reduced else "reduced_load.unset", None, f"week={week.isoformat()}")
    db.session.commit()


def parse_values(raw: str | None) -> list[str]:
    """Split a comma- or line-separated list, trimmed, without blanks or repeats (ignoring case)."""
    values, seen = [], set()
    for part in (raw or "").replace("\n", ",").split(","):
        value = " ".join(part.split())
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            values.append(value)
    return values


def user_perspectives(user: User) -> dict[str, list[str]]:
    """The member's values per known dimension, in the order they were added."""
    values: dict[str, list[str]] = {dimension: [] for dimension in DIMENSIONS}
    for row in db.session.scalars(select(Perspective).where(Perspective.user_id == user.id).order_by(Perspective.id)):
        values.setdefault(row.dimension, []).append(row.value)
    return values


def _perspective_errors(parsed: dict[str, list[str]]) -> list[tuple[str, str]]:
    errors = []
    for dimension, values in parsed.items():
        too_long = [v for v in values if len(v) > MAX_VALUE_LENGTH]
        if len(values) > MAX_VALUES:
            errors.append((dimension, f"Enter at most {MAX_VALUES} values here; you entered {len(values)}."))
        elif too_long:
            errors.append((dimension, f"Keep each value to {MAX_VALUE_LENGTH} characters or fewer; "
                                      f"“{too_long[0][:20]}…” is longer."))
    return errors


def save_perspectives(user: User, raw: dict[str, str | None]) -> None:
    """Replace the member's volunteered values for each known dimension (empty clears it)."""
    parsed = {dimension: parse_values(raw.get(dimension)) for dimension in DIMENSIONS}
    errors = _perspective_errors(parsed)
    if errors:
        raise SettingsRejected(errors)
    existing = db.session.scalars(select(Perspective).where(Perspective.user_id == user.id,
                                                            Perspective.dimension.in_(DIMENSIONS))).all()
    kept = set()
    for row in existing:  # keep unchanged rows, delete dropped ones: no delete-then-insert of the same value
        if row.value in parsed[row.dimension]:
            kept.add((row.dimension, row.value))
        else:
            db.session.delete(row)
    db.session.add_all(Perspective(user_id=user.id, dimension=dimension, value=value)
                       for dimension, values in parsed.items() for value in values if (dimension, value) not in kept)
    db.session.commit()


def category_choices(user: User) -> list[tuple[Category, CategoryChoice | None]]:
    """Every category with the member's choice for it, if any, mildest first."""
    rows = {c.category_id: c
            for c in db.session.scalars(select(CategoryChoice).where(CategoryChoice.user_id == user.id))}
    categories = db.session.scalars(select(Category).order_by(Category.severity, Category.name))
    return [(category, rows.get(category.id)) for category in categories]


def _choice_errors(category: Category, consent: str | None, liking: str | None) -> list[tuple[str, str]]:
    if consent not in (None, *CONSENTS):
        return [(f"consent_{category.id}", "Choose opt in, opt out or no preference.")]
    if liking not in (None, *LIKINGS):
        return [(f"liking_{category.id}", "Choose prefer, avoid or neutral.")]
    if consent == "opted_in" and not category.requires_opt_in:
        return [(f"consent_{category.id}", f"{category.name} needs no opt-in: choose no preference or opt out.")]
    if consent == "opted_out" and liking == "prefer":
        return [(f"liking_{category.id}", f"You opted out of {category.name}, so you cannot also prefer it.")]
    return []


def save_category_choices(user: User, wanted: dict[int, tuple[str | None, str | None]]) -> int:
    """Save opt-ins, opt-outs and preferences; each change is audited by category only. Returns changes."""
    current = category_choices(user)
    errors = [e for category, _row in current for e in _choice_errors(category, *wanted.get(category.id, (None, None)))]
    if errors:
        raise SettingsRejected(errors)
    changed = 0
    for category, row in current:
        consent, liking = wanted.get(category.id, (None, None))
        if (consent, liking) == ((row.consent, row.liking) if row else (None, None)):
            continue
        if consent is None and liking is None:
            db.session.delete(row)
        elif row is None:
            db.session.add(CategoryChoice(user_id=user.id, category_id=category.id, consent=consent, liking=liking))
        else:
            row.consent, row.liking = consent, liking
        record(user, "category_choice.update", category)  # which category, never what was chosen
        changed += 1
    db.session.commit()
    return changed
