"""API tokens: created with a secret shown once, stored as a SHA-256 digest, revocable."""
import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from wellbeing.extensions import db
from wellbeing.models import ApiToken, User
from wellbeing.services.audit import record
from wellbeing.services.sessions import aware

PREFIX = "rw_"
TOUCH_EVERY = timedelta(minutes=1)  # "last used" is shown to the minute: one write a minute, not one a request


def _digest(secret: str) -> str:
    # A random 256-bit secret needs no slow hash: SHA-256 of it cannot be reversed or guessed.
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: User, name: str, scope: str = "api") -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the row and the secret, which is never stored."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name.strip(), scope=scope, digest=_digest(secret), prefix=secret[:10])
    db.session.add(token)
    db.session.flush()
    record(user, "token.create", token)
    db.session.commit()
    return token, secret


def revoke_token(user: User, token: ApiToken) -> None:
    """Revoke one of the user's tokens; requests with it fail from now on."""
    if token.revoked_at is None:
        token.revoked_at = datetime.now(timezone.utc)
        record(user, "token.revoke", token)
        db.session.commit()


def user_tokens(user: User, scope: str = "api") -> list[ApiToken]:
    """The user's tokens of one scope, newest first, revoked ones included so the history is visible."""
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.scope == scope)
                                   .order_by(ApiToken.id.desc())))


def authenticate(secret: str, scope: str = "api") -> User | None:
    """The active user behind an unrevoked token of `scope`, or None; notes when the token was last used."""
    # A calendar secret sits in calendar apps and URLs: it must never work as an API token, nor the reverse.
    if not secret.startswith(PREFIX):
        return None
    found = db.session.execute(select(ApiToken, User).join(User, User.id == ApiToken.user_id)
                               .options(joinedload(User.role_rows)).where(ApiToken.digest == _digest(secret))).unique().first()
    if found is None:
        return None
    token, user = found  # with the account and its roles: one query for what every API request checks
    if token.revoked_at is not None or token.scope != scope or not user.active:
        return None
    now = datetime.now(timezone.utc)
    if token.last_used_at is None or now - aware(token.last_used_at) >= TOUCH_EVERY:
        token.last_used_at = now
        db.session.commit()
    return user
