"""A member's published shifts as an iCalendar (RFC 5545) feed, read by calendar apps through a secret URL.

Shifts are all-day events (DTSTART/DTEND as DATE values): Rotawell plans hours per day, not times of day, so a
timed event would invent a start time and need a time zone. The hours are in the summary. The feed holds
category, day and hours only: never check-ins, doses or notes, since calendar apps sync it to other services.
"""
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event

from wellbeing.models import User
from wellbeing.services.published_plan import PlanEntry, member_plan

HISTORY_DAYS = 56  # recent weeks stay visible in the calendar; older ones drop out to keep the feed small
PRODID = "-//Rotawell//Shift calendar//EN"


def hours_label(minutes: int) -> str:
    """Minutes as hours without needless decimals: 120 -> '2', 90 -> '1.5', 45 -> '0.75'."""
    return f"{minutes / 60:g}"


def _utc(moment: datetime | None) -> datetime:
    # SQLite hands back naive datetimes for timezone-aware columns; they were stored as UTC.
    if moment is None:
        return datetime.now(timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def shift_event(entry: PlanEntry) -> Event:
    """One all-day event; its UID stays the same across fetches and revisions so calendar apps update, not
    duplicate, it: a changed shift comes with a higher SEQUENCE, a withdrawn one with STATUS:CANCELLED."""
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", _utc(entry.stamp))
    event.add("sequence", entry.sequence)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("dtstart", entry.day)
    event.add("dtend", entry.day + timedelta(days=1))
    event.add("summary", f"Rotawell: {entry.category} ({hours_label(entry.minutes)} h)")
    event.add("transp", "TRANSPARENT")  # a few hours of testing should not block the whole day as busy
    return event


def member_calendar(user: User, today: date) -> bytes:
    """The member's feed: recent and upcoming shifts as last published (cancelled ones marked), as iCalendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Rotawell shifts")
    for entry in member_plan(user, today - timedelta(days=HISTORY_DAYS)):
        calendar.add_component(shift_event(entry))
    return calendar.to_ical()
