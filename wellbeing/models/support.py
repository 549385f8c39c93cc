"""Support resources and the audit trail."""
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wellbeing.extensions import db
from wellbeing.models._base import created_at_column, in_list

RESOURCE_KINDS = ("eap", "counselling", "peer_support", "crisis_line", "self_care")
RESOURCE_KIND_LABELS = {
    "eap": "Employee assistance programme",
    "counselling": "Counselling",
    "peer_support": "Peer support",
    "crisis_line": "Crisis line",
    "self_care": "Self-care",
}


class Resource(db.Model):
    """A place to get support, shown in every footer and after low check-in scores."""

    __table_args__ = (CheckConstraint(in_list("kind", RESOURCE_KINDS), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[str] = mapped_column(String(120), default="")
    is_placeholder: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def kind_label(self) -> str:
        return RESOURCE_KIND_LABELS[self.kind]

    def __repr__(self) -> str:
        return f"<Resource {self.id} {self.kind} {self.title!r}>"


class AuditEntry(db.Model):
    """Who did what to which record; never the content of what was changed."""

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(60))
    target_type: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = created_at_column()

    def __repr__(self) -> str:
        return f"<AuditEntry {self.action} {self.target_type}:{self.target_id}>"


class Notification(db.Model):
    """An in-app message to one user (e.g. a rotation they are on was published)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(String(300))
    link: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = created_at_column()
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def __repr__(self) -> str:
        return f"<Notification {self.user_id} {self.message[:30]!r}>"


class ExposureAlert(db.Model):
    """A manager was told that a member's logged hours crossed a cap or dose limit (once per crossing)."""

    __table_args__ = (UniqueConstraint("user_id", "code", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    period: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = created_at_column()

    def __repr__(self) -> str:
        return f"<ExposureAlert {self.user_id} {self.code} {self.period}>"
