"""Users, roles, teams and what members volunteer about themselves."""
from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from wellbeing.extensions import db
from wellbeing.models._base import created_at_column, in_list

ROLES = ("member", "manager", "hr", "admin", "wellbeing")
CONSENTS = ("opted_in", "opted_out")
LIKINGS = ("prefer", "avoid")


class Team(db.Model):
    """A group of members planned together in one weekly rotation."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = created_at_column()

    members: Mapped[list["User"]] = relationship(back_populates="team", order_by="User.name")

    def __repr__(self) -> str:
        return f"<Team {self.id} {self.name!r}>"


class User(UserMixin, db.Model):
    """A person who signs in; what they may do depends on their roles."""

    __table_args__ = (
        CheckConstraint("hours_per_day > 0 AND hours_per_day <= 24", name="hours_per_day_range"),
        CheckConstraint("hours_per_week > 0 AND hours_per_week <= 80", name="hours_per_week_range"),
        CheckConstraint("workdays BETWEEN 0 AND 127", name="workdays_bits"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    hours_per_day: Mapped[int] = mapped_column(Integer, default=6)
    hours_per_week: Mapped[int] = mapped_column(Integer, default=20)
    # Weekdays the member tests on, Monday = bit 0; Monday to Friday by default.
    workdays: Mapped[int] = mapped_column(Integer, default=0b0011111, server_default="31")
    # Told to the person at their next sign-in (e.g. "an administrator reset your password"); never a secret.
    security_notice: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_at: Mapped[datetime] = created_at_column()

    team: Mapped[Team | None] = relationship(back_populates="members")
    role_rows: Mapped[list["UserRole"]] = relationship(cascade="all, delete-orphan")
    perspectives: Mapped[list["Perspective"]] = relationship(cascade="all, delete-orphan")
    category_choices: Mapped[list["CategoryChoice"]] = relationship(cascade="all, delete-orphan")
    leaves: Mapped[list["Leave"]] = relationship(cascade="all, delete-orphan")

    @property
    def roles(self) -> set[str]:
        return {row.role for row in self.role_rows}

    def has_role(self, *roles: str) -> bool:
        """True when the user holds at least one of `roles`."""
        return bool(self.roles.intersection(roles))

    def set_roles(self, roles) -> None:
        """Replace the user's roles with `roles`."""
        wanted = set(roles)
        self.role_rows = [r for r in self.role_rows if r.role in wanted]
        for role in sorted(wanted - self.roles):
            self.role_rows.append(UserRole(role=role))

    def set_password(self, password: str) -> None:
        """Store a salted scrypt hash (werkzeug's current default), never the password."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """True for the right password; a disabled one ("!" prefix, after a reset) never matches."""
        matches = check_password_hash(self.password_hash.lstrip("!"), password)  # same work either way
        return matches and not self.password_hash.startswith("!")

    @property
    def is_active(self) -> bool:
        return self.active

    def works_on(self, weekday: int) -> bool:
        """True when the member tests on this weekday (0 = Monday)."""
        return bool(self.workdays >> weekday & 1)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email!r}>"


class UserRole(db.Model):
    """One role held by one user; a user may hold several."""

    __table_args__ = (CheckConstraint(in_list("role", ROLES), name="role_known"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    def __repr__(self) -> str:
        return f"<UserRole {self.user_id} {self.role}>"


class Perspective(db.Model):
    """A volunteered perspective value (e.g. language: es), used by the solver only in aggregate."""

    __table_args__ = (UniqueConstraint("user_id", "dimension", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    dimension: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(80))

    def __repr__(self) -> str:
        return f"<Perspective {self.user_id} {self.dimension}={self.value}>"


class CategoryChoice(db.Model):
    """A member's opt-in / opt-out and preference for one category."""

    __table_args__ = (
        UniqueConstraint("user_id", "category_id"),
        CheckConstraint(f"consent IS NULL OR {in_list('consent', CONSENTS)}", name="consent_known"),
        CheckConstraint(f"liking IS NULL OR {in_list('liking', LIKINGS)}", name="liking_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    consent: Mapped[str | None] = mapped_column(String(10))
    liking: Mapped[str | None] = mapped_column(String(10))

    category: Mapped["Category"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<CategoryChoice {self.user_id} {self.category_id} {self.consent} {self.liking}>"


class Leave(db.Model):
    """Days a member is away (inclusive range); the solver plans nothing on them."""

    __table_args__ = (CheckConstraint("end_date >= start_date", name="range_ordered"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)

    def __repr__(self) -> str:
        return f"<Leave {self.user_id} {self.start_date}..{self.end_date}>"


class ReducedLoadWeek(db.Model):
    """A week a member asked for lower limits; no reason is stored."""

    __table_args__ = (UniqueConstraint("user_id", "week_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    week_start: Mapped[date] = mapped_column(Date)

    def __repr__(self) -> str:
        return f"<ReducedLoadWeek {self.user_id} {self.week_start}>"


class CategoryPause(db.Model):
    """Whole weeks a member asked not to be planned for one category (after a hard check-in); no reason is stored."""

    __table_args__ = (CheckConstraint("end_date >= start_date", name="range_ordered"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at_column()

    category: Mapped["Category"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<CategoryPause {self.user_id} cat{self.category_id} {self.start_date}..{self.end_date}>"
