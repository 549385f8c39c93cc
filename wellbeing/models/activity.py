"""What members record: exposure sessions, check-ins, and the prompts that ask for them."""
from datetime import date, datetime

from sqlalchemy import (JSON, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false as sa_false

from wellbeing.extensions import db
from wellbeing.models._base import created_at_column, in_list, utcnow

SOURCES = ("form", "api", "import", "timer")
PROMPT_REASONS = ("scheduled", "severe_session", "above_warning", "overdue")
PROMPT_STATES = ("open", "snoozed", "answered")
CONTACT_ROUTES = {"email": "E-mail", "phone": "Phone call", "video": "Video call", "in_person": "In person"}
FOLLOW_UP_STATES = ("received", "contacted", "closed")


class ExposureLog(db.Model):
    """Time spent on one category on one day. Never the harmful content itself."""

    __table_args__ = (
        CheckConstraint("minutes > 0 AND minutes <= 1440", name="minutes_range"),
        CheckConstraint("intensity BETWEEN 1 AND 5", name="intensity_range"),
        CheckConstraint(in_list("source", SOURCES), name="source_known"),
        Index("ix_exposure_log_user_day", "user_id", "day"),  # every member page reads a member's recent days
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="RESTRICT"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    intensity: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10), default="form")
    note: Mapped[str | None] = mapped_column(String(280))
    # Logged past a cap after the member confirmed it (the timer never does so silently); planning shows it.
    over_cap: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    created_at: Mapped[datetime] = created_at_column()

    category: Mapped["Category"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<ExposureLog {self.user_id} {self.day} {self.minutes}m cat{self.category_id}>"


def _day_of_creation(context) -> date:
    created = context.get_current_parameters().get("created_at") or utcnow()
    return created.date()


class CheckIn(db.Model):
    """One completed questionnaire; readable by its member only. One per instrument and (UTC) day:
    the answers describe a recall window, so a second one the same day replaces the first."""

    __table_args__ = (CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
                      UniqueConstraint("user_id", "instrument", "day"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    instrument: Mapped[str] = mapped_column(String(40), default="who5")
    answers: Mapped[list] = mapped_column(JSON)
    score: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
    day: Mapped[date] = mapped_column(Date, default=_day_of_creation)

    def __repr__(self) -> str:
        return f"<CheckIn {self.user_id} {self.instrument} {self.created_at:%Y-%m-%d}>"


class Prompt(db.Model):
    """A nudge to answer an instrument, raised by a rule; at most one open per member, reason and instrument."""

    __table_args__ = (
        CheckConstraint(in_list("reason", PROMPT_REASONS), name="reason_known"),
        CheckConstraint(in_list("state", PROMPT_STATES), name="state_known"),
        Index("uq_prompt_pending_reason", "user_id", "reason", "instrument", unique=True,
              sqlite_where=text("state != 'answered'"), postgresql_where=text("state != 'answered'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    instrument: Mapped[str] = mapped_column(String(40), default="who5", server_default="who5")
    state: Mapped[str] = mapped_column(String(10), default="open")
    snoozed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()

    def __repr__(self) -> str:
        return f"<Prompt {self.user_id} {self.reason} {self.state}>"


class FollowUpRequest(db.Model):
    """A member's request for a confidential follow-up, read only by the wellbeing contact (never the manager).

    `share_answers` is the member's own choice: without it the contact sees who asked, how to reach
    them and their message, never the check-in's score or answers.
    """

    __table_args__ = (
        CheckConstraint(in_list("route", CONTACT_ROUTES), name="route_known"),
        CheckConstraint(in_list("state", FOLLOW_UP_STATES), name="state_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    checkin_id: Mapped[int | None] = mapped_column(ForeignKey("check_in.id", ondelete="SET NULL"))
    sent_to: Mapped[str] = mapped_column(String(254))
    route: Mapped[str] = mapped_column(String(10), default="email", server_default="email")
    message: Mapped[str | None] = mapped_column(Text)
    share_answers: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    state: Mapped[str] = mapped_column(String(10), default="received", server_default="received", index=True)
    contacted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()

    user: Mapped["User"] = relationship()  # noqa: F821
    checkin: Mapped["CheckIn | None"] = relationship()

    @property
    def route_label(self) -> str:
        return CONTACT_ROUTES[self.route]

    def __repr__(self) -> str:
        return f"<FollowUpRequest {self.id} {self.state}>"
