"""Creating and changing user accounts, teams and categories (admin use cases)."""
import secrets
from datetime import datetime, timezone

from sqlalchemy import func, select

from wellbeing.extensions import db
from wellbeing.models import Category, Team, User
from wellbeing.services.audit import record
from wellbeing.services.sessions import end_all


def email_taken(email: str, except_id: int | None = None) -> bool:
    """True when another account already uses `email` (case-insensitive)."""
    query = select(User.id).where(func.lower(User.email) == email.strip().lower())
    if except_id is not None:
        query = query.where(User.id != except_id)
    return db.session.scalar(query) is not None


def create_user(actor, *, email: str, name: str, password: str | None, roles, team: Team | None = None,
                hours_per_day: int = 6, hours_per_week: int = 20) -> User:
    """Create an account with its roles and team, and audit it; without a password it has none that works."""
    user = User(email=email.strip().lower(), name=name.strip(), team=team,
                hours_per_day=hours_per_day, hours_per_week=hours_per_week)
    user.set_password(password or secrets.token_urlsafe(32))
    if password is None:
        user.password_hash = "!" + user.password_hash
    user.set_roles(roles)
    db.session.add(user)
    db.session.flush()
    record(actor, "user.create", user, f"roles={','.join(sorted(roles))}")
    db.session.commit()
    return user


def update_user(actor, user: User, *, name: str, email: str, roles, team: Team | None, active: bool,
                hours_per_day: int, hours_per_week: int) -> None:
    """Change an account's details, roles and team, and audit what changed.

    A change of roles or a deactivation ends every session of the account, so no browser keeps powers
    it no longer has. Passwords are not set here: see services/credentials.py.
    """
    before_roles, before_team, was_active = sorted(user.roles), user.team, user.active
    user.name, user.email, user.team, user.active = name.strip(), email.strip().lower(), team, active
    user.hours_per_day, user.hours_per_week = hours_per_day, hours_per_week
    user.set_roles(roles)
    changes = []
    if before_roles != sorted(roles):
        changes.append(f"roles {','.join(before_roles)} -> {','.join(sorted(roles))}")
    if before_team is not team:
        changes.append(f"team {_team_name(before_team)} -> {_team_name(team)}")
    if was_active != active:
        changes.append("activated" if active else "deactivated")
    record(actor, "user.update", user, "; ".join(changes) or "details")
    if before_roles != sorted(roles) or (was_active and not active):
        end_all(actor, user, "roles changed" if active else "account deactivated", datetime.now(timezone.utc))
    db.session.commit()


def _team_name(team: Team | None) -> str:
    return team.name if team is not None else "none"


def create_team(actor, name: str) -> Team:
    """Create a team and audit it."""
    team = Team(name=name.strip())
    db.session.add(team)
    db.session.flush()
    record(actor, "team.create", team)
    db.session.commit()
    return team


def save_category(actor, category: Category, fields: dict) -> Category:
    """Create or update a category's name, severity and caps, and audit it."""
    for key, value in fields.items():
        setattr(category, key, value)
    if category.id is None:
        db.session.add(category)
    db.session.flush()
    record(actor, "category.save", category, ", ".join(f"{k}={v}" for k, v in fields.items()
                                                         if k != "description"))
    db.session.commit()
    return category


def category_value_taken(column: str, value: str, except_id: int | None = None) -> bool:
    """True when another category already has this slug or name (case-insensitive)."""
    attribute = getattr(Category, column)
    query = select(Category.id).where(func.lower(attribute) == value.strip().lower())
    if except_id is not None:
        query = query.where(Category.id != except_id)
    return db.session.scalar(query) is not None


def team_name_taken(name: str) -> bool:
    """True when a team already has this name (case-insensitive)."""
    return db.session.scalar(select(Team.id).where(func.lower(Team.name) == name.strip().lower())) is not None
