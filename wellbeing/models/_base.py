"""Shared column helpers for the models."""
from datetime import datetime, timezone

from sqlalchemy import DateTime
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    """Timezone-aware now; used as a callable default so it is evaluated per row."""
    return datetime.now(timezone.utc)


def created_at_column() -> Mapped[datetime]:
    """A NOT NULL creation timestamp set when the row is inserted."""
    return mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


def in_list(column: str, values) -> str:
    """SQL text for a CHECK that `column` is one of `values` (portable; no native enums)."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"
