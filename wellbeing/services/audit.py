"""Audit entries: who did what to which record, never the content."""
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
