"""Small builders for test data: each adds to the session and flushes, the test commits if it needs to."""
import itertools

from werkzeug.security import generate_password_hash

from wellbeing.extensions import db
from wellbeing.models import Category, Team, User

PASSWORD = "correct horse battery"
_PASSWORD_HASH = generate_password_hash(PASSWORD)  # hashed once: scrypt is slow on purpose
_counter = itertools.count(1)


def make_team(**overrides) -> Team:
    team = Team(**{"name": f"Team {next(_counter)}", **overrides})
    db.session.add(team)
    db.session.flush()
    return team


def make_user(roles=("member",), **overrides) -> User:
    n = next(_counter)
    password = overrides.pop("password", None)
    user = User(**{"email": f"user{n}@example.org", "name": f"User {n}", **overrides})
    if password is None:
        user.password_hash = _PASSWORD_HASH
    else:
        user.set_password(password)
    user.set_roles(roles)
    db.session.add(user)
    db.session.flush()
    return user


def make_category(**overrides) -> Category:
    n = next(_counter)
    fields = {"slug": f"cat{n}", "name": f"Category {n}", "severity": 2, "max_hours_per_day": 4,
              "max_hours_per_week": 12, "max_consecutive_days": 3, "requires_opt_in": False}
    category = Category(**{**fields, **overrides})
    db.session.add(category)
    db.session.flush()
    return category
