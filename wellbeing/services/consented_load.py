"""Consented responses to a hard check-in: a reduced-load week or a pause from chosen categories.

Only the member's own click changes anything. Planning then sees "reduced load" or "not available for
<category> until <date>", never a score or a reason; the audit entry records what changed, no reason.
"""
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from wellbeing.extensions import db
from wellbeing.models import Category, CategoryPause, User
from wellbeing.services.audit import record
from wellbeing.services.exposure_rules import allowed_categories
from wellbeing.services.policy import week_start

MAX_PAUSE_WEEKS = 8


class PauseRejected(ValueError):
    """The pause cannot be saved; the message names what is wrong."""


def pause_categories(user: User, category_ids: list[int], weeks: int | None, today: date) -> list[CategoryPause]:
    """Keep the member off `category_ids` from this week's Monday for `weeks` whole weeks; nothing else."""
    if weeks is None or not 1 <= weeks <= MAX_PAUSE_WEEKS:
        raise PauseRejected(f"Choose a pause of 1 to {MAX_PAUSE_WEEKS} weeks.")
    allowed = {c.id: c for c in allowed_categories(user)}
    chosen = [allowed[i] for i in dict.fromkeys(category_ids) if i in allowed]
    if not chosen or len(chosen) != len(set(category_ids)):
        raise PauseRejected("Choose one or more categories from the list to pause.")
    start = week_start(today)
    end = start + timedelta(weeks=weeks) - timedelta(days=1)
    pauses = [CategoryPause(user_id=user.id, category_id=c.id, start_date=start, end_date=end) for c in chosen]
    db.session.add_all(pauses)
    db.session.flush()
    for pause in pauses:
        record(user, "category.pause", pause, f"category={pause.category_id}, until={end.isoformat()}")
    db.session.commit()
    return pauses


def paused_until(user: User, first: date, last: date) -> dict[Category, date]:
    """Categories the member paused on any day from `first` to `last`, with the last day of each pause."""
    rows = db.session.scalars(select(CategoryPause).where(
        CategoryPause.user_id == user.id, CategoryPause.start_date <= last, CategoryPause.end_date >= first))
    until: dict[Category, date] = {}
    for pause in rows:
        until[pause.category] = max(until.get(pause.category, pause.end_date), pause.end_date)
    return until


def paused_by_member(user_ids: list[int], first: date, last: date) -> dict[int, dict[Category, date]]:
    """`paused_until` for many members in one query (the manager's grid)."""
    rows = db.session.scalars(select(CategoryPause).where(
        CategoryPause.user_id.in_(user_ids), CategoryPause.start_date <= last, CategoryPause.end_date >= first)
        .options(selectinload(CategoryPause.category))) if user_ids else []
    found: dict[int, dict[Category, date]] = {}
    for pause in rows:
        mine = found.setdefault(pause.user_id, {})
        mine[pause.category] = max(mine.get(pause.category, pause.end_date), pause.end_date)
    return found
