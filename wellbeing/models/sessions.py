"""Server-side records of sign-ins and password-reset links, so either can be ended from the server."""
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from wellbeing.extensions import db
from wellbeing.models._base import created_at_column, utcnow


class SignInSession(db.Model):
    """One signed-in browser; every request checks it, so ending it signs that browser out.

    The cookie carries a random session id and, with "keep me signed in", a random remember token;
    only their SHA-256 digests are stored.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    sid_digest: Mapped[str] = mapped_column(String(64), unique=True)
    remember_digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    remember: Mapped[bool] = mapped_column(Boolean, default=False)
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = created_at_column()
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    end_reason: Mapped[str] = mapped_column(String(40), default="")

    def __repr__(self) -> str:
        return f"<SignInSession {self.id} user{self.user_id}{' ended' if self.ended_at else ''}>"


class PasswordResetLink(db.Model):
    """A one-time, expiring link to set a new password; only the digest of its secret is stored."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = created_at_column()
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def __repr__(self) -> str:
        return f"<PasswordResetLink {self.id} user{self.user_id}>"
