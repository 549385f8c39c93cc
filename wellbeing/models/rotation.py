"""Weekly rotations: demand as shifts, the solver's assignments, and what it said."""
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wellbeing.extensions import db
from wellbeing.models._base import created_at_column, in_list

ROTATION_STATES = ("draft", "published")
SOLVER_STATES = ("optimal", "feasible", "infeasible", "unknown")
JOB_STATES = ("queued", "running", "done", "failed")
JOB_KINDS = ("solve", "what_if")


class Rotation(db.Model):
    """A team's plan for the week starting on `week_start` (a Monday)."""

    __table_args__ = (
        UniqueConstraint("team_id", "week_start"),
        CheckConstraint(in_list("state", ROTATION_STATES), name="state_known"),
        CheckConstraint(f"solver_status IS NULL OR {in_list('solver_status', SOLVER_STATES)}",
                        name="solver_status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    week_start: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(10), default="draft")
    solver_status: Mapped[str | None] = mapped_column(String(12))
    objective: Mapped[dict | None] = mapped_column(JSON)
    bound: Mapped[float | None] = mapped_column(Float)
    instance_json: Mapped[str | None] = mapped_column(Text)
    solution_json: Mapped[str | None] = mapped_column(Text)
    previous_assignments: Mapped[list | None] = mapped_column(JSON)
    published_plan: Mapped[dict | None] = mapped_column(JSON)  # what members were last told, see published_plan.py
    what_if: Mapped[list | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = created_at_column()
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    team: Mapped["Team"] = relationship()  # noqa: F821
    shifts: Mapped[list["Shift"]] = relationship(back_populates="rotation", cascade="all, delete-orphan",
                                                 order_by="(Shift.day, Shift.id)")

    def __repr__(self) -> str:
        return f"<Rotation team{self.team_id} {self.week_start} {self.state}>"


class Shift(db.Model):
    """Demand: `people` members needed for `minutes` of one category on one day."""

    __table_args__ = (
        CheckConstraint("minutes > 0 AND minutes <= 1440 AND minutes % 15 = 0", name="minutes_quarter_hours"),
        CheckConstraint("people BETWEEN 1 AND 50", name="people_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rotation_id: Mapped[int] = mapped_column(ForeignKey("rotation.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    people: Mapped[int] = mapped_column(Integer)
    unmet_explanation: Mapped[dict | None] = mapped_column(JSON)

    rotation: Mapped[Rotation] = relationship(back_populates="shifts")
    category: Mapped["Category"] = relationship()  # noqa: F821
    assignments: Mapped[list["Assignment"]] = relationship(back_populates="shift", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Shift {self.id} {self.day} cat{self.category_id} x{self.people}>"


class Assignment(db.Model):
    """A member on a shift; pinned ones are kept when the rotation is solved again."""

    __table_args__ = (UniqueConstraint("shift_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    pinned: Mapped[bool] = mapped_column(default=False)

    shift: Mapped[Shift] = relationship(back_populates="assignments")
    user: Mapped["User"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<Assignment shift{self.shift_id} user{self.user_id}{' pinned' if self.pinned else ''}>"


class DemandTemplate(db.Model):
    """A team's usual demand for one category on one weekday (0 = Monday), copied into new weeks."""

    __table_args__ = (
        UniqueConstraint("team_id", "category_id", "weekday"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("minutes > 0 AND minutes <= 1440 AND minutes % 15 = 0", name="minutes_quarter_hours"),
        CheckConstraint("people BETWEEN 1 AND 50", name="people_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    weekday: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[int] = mapped_column(Integer)
    people: Mapped[int] = mapped_column(Integer)

    def __repr__(self) -> str:
        return f"<DemandTemplate team{self.team_id} cat{self.category_id} wd{self.weekday}>"


class SolveJob(db.Model):
    """One run of the solver for a rotation, off the request thread; the page polls its state."""

    __table_args__ = (CheckConstraint(in_list("state", JOB_STATES), name="state_known"),
                      CheckConstraint(in_list("kind", JOB_KINDS), name="kind_known"),
                      CheckConstraint("time_limit_s > 0", name="time_limit_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    rotation_id: Mapped[int] = mapped_column(ForeignKey("rotation.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(10), default="queued")
    kind: Mapped[str] = mapped_column(String(10), default="solve")
    time_limit_s: Mapped[float] = mapped_column(Float)
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = created_at_column()
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Written every few seconds by an RQ worker while it solves: a stale one means the worker died.
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def __repr__(self) -> str:
        return f"<SolveJob {self.id} rotation{self.rotation_id} {self.state}>"
