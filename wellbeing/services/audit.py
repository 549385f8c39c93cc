"""Audit entries: who did what to which record, never the content."""
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import and_, or_, select

from wellbeing.extensions import db
from wellbeing.models import AuditEntry


def record(actor, action: str, target=None, detail: str = "") -> None:
    """Add an audit entry to the current transaction; the calling use case commits it."""
    db.session.add(AuditEntry(
        actor_id=getattr(actor, "id", None), action=action,
        target_type=type(target).__name__.lower() if target is not None else "",
        target_id=getattr(target, "id", None), detail=detail[:500]))


def record_view(actor, what: str, target) -> None:
    """Audit a view of other people's individual-level data (DESIGN.md: every such view is recorded)."""
    record(actor, f"view.{what}", target)
    db.session.commit()


def search(*, person_id: int | None = None, action: str = "", since: date | None = None,
           until: date | None = None, limit: int = 200) -> list[AuditEntry]:
    """The newest entries matching every filter given: by or about a person, an action prefix, a date range."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if person_id is not None:
        query = query.where(or_(AuditEntry.actor_id == person_id,
                                and_(AuditEntry.target_type == "user", AuditEntry.target_id == person_id)))
    if action:
        query = query.where(AuditEntry.action.startswith(action, autoescape=True))
    if since is not None:
        query = query.where(AuditEntry.created_at >= datetime.combine(since, time.min, tzinfo=timezone.utc))
    if until is not None:
        query = query.where(AuditEntry.created_at < datetime.combine(until + timedelta(days=1), time.min,
                                                                     tzinfo=timezone.utc))
    return list(db.session.scalars(query))


def actions() -> list[str]:
    """Every action recorded so far, for the filter's choices."""
    return list(db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
