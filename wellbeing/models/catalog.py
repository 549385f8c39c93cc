"""Test categories with their caps, the organisation's dose policy and the instruments it uses."""
from sqlalchemy import Boolean, CheckConstraint, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from scheduler.dose import DEFAULT_LIMITS
from wellbeing.extensions import db


class Category(db.Model):
    """A harmful-content test type, with a severity tier and exposure caps."""

    __table_args__ = (
        CheckConstraint("severity BETWEEN 1 AND 4", name="severity_range"),
        CheckConstraint("max_hours_per_day > 0 AND max_hours_per_day <= 24", name="day_cap_range"),
        CheckConstraint("max_hours_per_week > 0 AND max_hours_per_week <= 80", name="week_cap_range"),
        CheckConstraint("max_consecutive_days BETWEEN 1 AND 7", name="consecutive_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[int] = mapped_column(Integer)
    max_hours_per_day: Mapped[float] = mapped_column(Float)
    max_hours_per_week: Mapped[float] = mapped_column(Float)
    max_consecutive_days: Mapped[int] = mapped_column(Integer)
    requires_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)

    def __repr__(self) -> str:
        return f"<Category {self.slug} sev{self.severity}>"


class DosePolicy(db.Model):
    """The dose weights and rolling-window limits; one row, edited by admins."""

    __table_args__ = (
        CheckConstraint("weight_sev1 >= 0 AND weight_sev2 >= 0 AND weight_sev3 >= 0 AND weight_sev4 >= 0",
                        name="weights_nonnegative"),
        CheckConstraint("max_dose_7d > 0 AND max_dose_28d >= max_dose_7d", name="dose_limits_ordered"),
        CheckConstraint("max_severe_hours_per_day > 0 AND max_severe_hours_per_day <= 24", name="severe_range"),
        CheckConstraint("min_recovery_days BETWEEN 0 AND 7", name="recovery_range"),
        CheckConstraint("reduced_factor > 0 AND reduced_factor <= 1", name="reduced_range"),
        CheckConstraint("warning_fraction > 0 AND warning_fraction < 1", name="warning_range"),
        CheckConstraint("break_every_minutes BETWEEN 15 AND 240", name="break_every_range"),
        CheckConstraint("break_minutes BETWEEN 1 AND 60", name="break_length_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # defaults: the solver's own (scheduler.dose.DEFAULT_LIMITS), so both start from one set
    weight_sev1: Mapped[float] = mapped_column(Float, default=DEFAULT_LIMITS.dose_weights[1])
    weight_sev2: Mapped[float] = mapped_column(Float, default=DEFAULT_LIMITS.dose_weights[2])
    weight_sev3: Mapped[float] = mapped_column(Float, default=DEFAULT_LIMITS.dose_weights[3])
    weight_sev4: Mapped[float] = mapped_column(Float, default=DEFAULT_LIMITS.dose_weights[4])
    max_dose_7d: Mapped[float] = mapped_column(Float, default=DEFAULT_LIMITS.max_dose_7d)
    max_dose_28d: Mapped[float] = mapped_column(Float, default=DEFAULT_LIMITS.max_dose_28d)
    max_severe_hours_per_day: Mapped[float] = mapped_column(
        Float, default=DEFAULT_LIMITS.max_severe_hours_per_day)
    min_recovery_days: Mapped[int] = mapped_column(Integer, default=DEFAULT_LIMITS.min_recovery_days)
    reduced_factor: Mapped[float] = mapped_column(Float, default=DEFAULT_LIMITS.reduced_factor)
    warning_fraction: Mapped[float] = mapped_column(Float, default=0.75)
    # Break rhythm of severity >= 3 work: 10 minutes in every hour, as a child-safety hotline does.
    break_every_minutes: Mapped[int] = mapped_column(Integer, default=60, server_default="60")
    break_minutes: Mapped[int] = mapped_column(Integer, default=10, server_default="10")

    def weight(self, severity: int) -> float:
        """Dose per hour for a severity tier."""
        return getattr(self, f"weight_sev{severity}")

    def __repr__(self) -> str:
        return f"<DosePolicy 7d={self.max_dose_7d} 28d={self.max_dose_28d}>"


class InstrumentSetting(db.Model):
    """Whether the organisation uses a check-in instrument and how often; no row means the shipped default."""

    __table_args__ = (CheckConstraint("cadence_days BETWEEN 1 AND 365", name="cadence_range"),)

    instrument: Mapped[str] = mapped_column(String(40), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    cadence_days: Mapped[int] = mapped_column(Integer)

    def __repr__(self) -> str:
        return f"<InstrumentSetting {self.instrument} {'on' if self.enabled else 'off'} every {self.cadence_days}d>"
