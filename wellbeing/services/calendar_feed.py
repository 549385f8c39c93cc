"""A member's published shifts as an iCalendar (RFC 5545) feed, read by calendar apps through a secret URL.

Shifts are all-day events (DTSTART/DTEND as DATE values): Rotawell plans hours per day, not times of day, so a
timed event would invent a start time and need a time zone. The hours are in the summary. The feed holds
category, day and hours only: never check-ins, doses or notes, since calendar apps sync it to other services.
"""
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from wellbeing.extensions import db
from wellbeing.models import Assignment, Rotation, Shift, User

HISTORY_DAYS = 56  # recent weeks stay visible in the calendar; older ones drop out to keep the feed small
PRODID = "-//Rotawell//Shift calendar//EN"


def published_shifts(user: User, since: date) -> list[Shift]:
    """The member's shifts from `since` on, in published rotations only (drafts may still change)."""
    return list(db.session.scalars(
        select(Shift).join(Assignment, Assignment.shift_id == Shift.id).join(Rotation, Rotation.id == Shift.rotation_id)
        .where(Assignment.user_id == user.id, Rotation.state == "published", Shift.day >= since)
        .options(selectinload(Shift.category), selectinload(Shift.rotation))
        .order_by(Shift.day, Shift.id)))


def hours_label(minutes: int) -> str:
    """Minutes as hours without needless decimals: 120 -> '2', 90 -> '1.5', 45 -> '0.75'."""
    return f"{minutes / 60:g}"


def _utc(moment: datetime | None) -> datetime:
    # SQLite hands back naive datetimes for timezone-aware columns; they were stored as UTC.
    if moment is None:
        return datetime.now(timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def shift_event(shift: Shift, user: User) -> Event:
    """One all-day event; its UID stays the same across fetches so calendar apps update, not duplicate, it."""
    event = Event()
    event.add("uid", f"shift-{shift.id}-member-{user.id}@rotawell")
    event.add("dtstamp", _utc(shift.rotation.published_at))
    event.add("dtstart", shift.day)
    event.add("dtend", shift.day + timedelta(days=1))
    event.add("summary", f"Rotawell: {shift.category.name} ({hours_label(shift.minutes)} h)")
    event.add("transp", "TRANSPARENT")  # a few hours of testing should not block the whole day as busy
    return event


def member_calendar(user: User, today: date) -> bytes:
    """The member's feed: recent and upcoming shifts of published rotations, serialised as iCalendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Rotawell shifts")
    for shift in published_shifts(user, today - timedelta(days=HISTORY_DAYS)):
        calendar.add_component(shift_event(shift, user))
    return calendar.to_ical()
