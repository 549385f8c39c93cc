"""Secrets that stand in for a session: API tokens and calendar-feed tokens (stored hashed)."""
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from wellbeing.extensions import db
from wellbeing.models._base import created_at_column, in_list

TOKEN_SCOPES = ("api", "calendar")


class ApiToken(db.Model):
    """A per-user secret for the API or a calendar feed; only its SHA-256 digest is kept."""

    __table_args__ = (CheckConstraint(in_list("scope", TOKEN_SCOPES), name="scope_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    scope: Mapped[str] = mapped_column(String(10), default="api", server_default="api")
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = created_at_column()
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<ApiToken {self.prefix}… user{self.user_id}>"
