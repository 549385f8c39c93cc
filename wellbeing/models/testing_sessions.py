"""A testing session while it runs: the timer lives on the server, so closing the tab loses nothing."""
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wellbeing.extensions import db
from wellbeing.models._base import in_list

SESSION_SOURCES = ("web", "api")
CLOSED_BY = ("member", "day_end")


class TestingSession(db.Model):
    """A timer a member (or their tooling) starts and stops; on stop it becomes an ExposureLog."""

    __test__ = False  # not a pytest test class, whatever its name
    __table_args__ = (
        CheckConstraint("break_seconds >= 0", name="break_seconds_nonnegative"),
        CheckConstraint("breaks >= 0", name="breaks_nonnegative"),
        CheckConstraint(in_list("source", SESSION_SOURCES), name="source_known"),
        CheckConstraint(f"closed_by IS NULL OR {in_list('closed_by', CLOSED_BY)}", name="closed_by_known"),
        Index("uq_testing_session_running", "user_id", unique=True,
              sqlite_where=text("stopped_at IS NULL"), postgresql_where=text("stopped_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="RESTRICT"))
    source: Mapped[str] = mapped_column(String(10), default="web")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    break_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    break_seconds: Mapped[int] = mapped_column(Integer, default=0)
    breaks: Mapped[int] = mapped_column(Integer, default=0)
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str | None] = mapped_column(String(10))
    exposure_log_id: Mapped[int | None] = mapped_column(ForeignKey("exposure_log.id", ondelete="SET NULL"))

    category: Mapped["Category"] = relationship()  # noqa: F821
    exposure_log: Mapped["ExposureLog | None"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<TestingSession {self.id} user{self.user_id} {'running' if self.stopped_at is None else 'stopped'}>"
