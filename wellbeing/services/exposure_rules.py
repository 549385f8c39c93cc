"""The rules every exposure entry must pass, shared by the form and the API.

Each rule returns a Problem: a stable code that behaviour reads (the API's status) and a sentence
naming what is wrong, keyed by the field it is about, so the form can show it next to the field and
the API can name the field in its JSON error.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from wellbeing.extensions import db
from wellbeing.models import Category, CategoryChoice, ExposureLog, User

MAX_AGE_DAYS = 60
MAX_MINUTES = 720
DAY_MINUTES = 24 * 60
NOTE_MAX = 280
DAY_FULL = "day_full"  # the one rule that depends on what is already logged (the API's 409)


@dataclass(frozen=True)
class Problem:
    """A broken rule: `code` for behaviour, `text` for people; rewording the text changes nothing else."""

    code: str
    text: str


def allowed_categories(user: User) -> list[Category]:
    """Categories the member may log: every category, opt-in-only ones only when opted in."""
    opted_in = set(db.session.scalars(select(CategoryChoice.category_id).where(
        CategoryChoice.user_id == user.id, CategoryChoice.consent == "opted_in")))
    categories = db.session.scalars(select(Category).order_by(Category.name))
    return [c for c in categories if not c.requires_opt_in or c.id in opted_in]


def check_category(user: User, category: Category | None, allowed: list[Category] | None = None) -> Problem | None:
    if category is None:
        return Problem("category_missing", "Choose a category from the list.")
    if category not in (allowed if allowed is not None else allowed_categories(user)):
        return Problem("category_not_opted_in", f"{category.name} is opt-in only and you have not opted in to it.")
    return None


def check_day(day: date | None, today: date) -> Problem | None:
    if day is None:
        return Problem("day_missing", "Enter the date of the session.")
    if day > today:
        return Problem("day_in_future", "The date cannot be in the future.")
    if day < today - timedelta(days=MAX_AGE_DAYS):
        return Problem("day_too_old", f"The date cannot be more than {MAX_AGE_DAYS} days ago.")
    return None


def check_minutes(minutes: int | None) -> Problem | None:
    if minutes is None or not 1 <= minutes <= MAX_MINUTES:
        return Problem("minutes_range", f"Enter between 1 and {MAX_MINUTES} minutes.")
    return None


def logged_minutes(user: User, days) -> dict[date, int]:
    """Minutes the member has logged on each of `days` (one query for a whole batch; days with none are 0)."""
    rows = db.session.execute(select(ExposureLog.day, func.sum(ExposureLog.minutes)).where(
        ExposureLog.user_id == user.id, ExposureLog.day.in_(list(days))).group_by(ExposureLog.day))
    return {**{day: 0 for day in days}, **dict(rows.all())}


def check_day_total(user: User, day: date, minutes: int, ignore_id: int | None = None,
                    pending: int = 0, logged: int | None = None) -> Problem | None:
    """A member's logged time on one day cannot exceed 24 hours (`pending`: same-day entries in the same batch;
    `logged`: the day's saved minutes when the batch read them already, else they are read here)."""
    if logged is None:
        query = select(func.coalesce(func.sum(ExposureLog.minutes), 0)).where(
            ExposureLog.user_id == user.id, ExposureLog.day == day)
        if ignore_id is not None:
            query = query.where(ExposureLog.id != ignore_id)
        logged = db.session.scalar(query)
    already = logged + pending
    if already + minutes > DAY_MINUTES:
        return Problem(DAY_FULL, f"That would make {(already + minutes) / 60:.1f} hours on {day.isoformat()}; "
                                 f"a day holds at most 24 hours ({already} minutes are already logged).")
    return None


def check_intensity(intensity: int | None) -> Problem | None:
    if intensity is None or not 1 <= intensity <= 5:
        return Problem("intensity_range", "Choose an intensity from 1 (mild) to 5 (very intense).")
    return None


def check_note(note: str | None) -> Problem | None:
    if note and len(note) > NOTE_MAX:
        return Problem("note_too_long", f"Keep the note under {NOTE_MAX} characters ({len(note)} now).")
    return None


def exposure_errors(user: User, *, category: Category | None, day: date | None, minutes: int | None,
                    intensity: int | None, note: str | None, today: date, ignore_id: int | None = None,
                    pending: int = 0, allowed: list[Category] | None = None,
                    logged: dict[date, int] | None = None) -> dict[str, Problem]:
    """Every rule broken by one entry, as {field: problem}; empty when the entry may be saved
    (`allowed`, `logged`: the member's allowed categories and saved minutes per day, when a batch has read
    them once already)."""
    errors = {"category": check_category(user, category, allowed), "day": check_day(day, today),
              "minutes": check_minutes(minutes), "intensity": check_intensity(intensity),
              "note": check_note(note)}
    if errors["day"] is None and errors["minutes"] is None:
        errors["minutes"] = check_day_total(user, day, minutes, ignore_id, pending,
                                            None if logged is None else logged.get(day))
    return {field: problem for field, problem in errors.items() if problem}
