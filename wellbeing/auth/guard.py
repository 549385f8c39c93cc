"""Cookies <-> sign-in sessions: who is signed in is decided on every request by services/sessions.py.

Flask-Login's own remember cookie (a static `<id>|HMAC` for a year) is never issued: "keep me
signed in" is a random token of our own, rotated on use, stored hashed and ended with its session.
"""
from datetime import datetime

from flask import Flask, current_app, g, request, session
from flask_login import login_user, logout_user
from sqlalchemy.orm import joinedload

from wellbeing.extensions import db, login_manager
from wellbeing.models import User
from wellbeing.models._base import utcnow
from wellbeing.services import sessions

SID_KEY = "sid"
REMEMBER_COOKIE = "rotawell_remember"
LEGACY_REMEMBER_COOKIE = "remember_token"  # Flask-Login's; deleted wherever a browser still has one


def _lifetimes() -> sessions.Lifetimes:
    return sessions.Lifetimes.from_config(current_app.config)


def _active_user(user_id: int) -> User | None:
    user = db.session.get(User, user_id, options=[joinedload(User.role_rows)])  # every guard checks the roles
    return user if user is not None and user.active else None


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The user of this browser's session, if that session is still live on the server."""
    sid = session.get(SID_KEY)
    if not sid or not user_id.isdigit():
        return None
    row = sessions.check(sid, int(user_id), utcnow(), _lifetimes())
    if row is None:
        return None
    g.sign_in_session = row
    return _active_user(row.user_id)


@login_manager.request_loader
def load_from_remember_cookie(req) -> User | None:
    """A kept session continues from its remember token, which is replaced by a new one."""
    token = req.cookies.get(REMEMBER_COOKIE)
    if not token:
        return None
    credentials = sessions.resume(token, utcnow())
    user = _active_user(credentials.row.user_id) if credentials else None
    if user is None:
        g.remember_cookie = None  # spent, ended or unknown: the browser should forget it
        return None
    _store(credentials)
    session["_user_id"], session["_fresh"] = str(user.id), False
    return user


def _store(credentials: sessions.Credentials) -> None:
    session[SID_KEY] = credentials.sid
    g.sign_in_session = credentials.row
    if credentials.remember_token:
        g.remember_cookie = (credentials.remember_token, sessions.aware(credentials.row.expires_at))


def sign_in(user: User, remember: bool) -> None:
    """Start a new server-side session for this browser (never reusing the one it came with)."""
    session.clear()
    credentials = sessions.start(user, remember=remember, user_agent=request.headers.get("User-Agent", ""),
                                 now=utcnow(), lifetimes=_lifetimes())
    login_user(user)
    _store(credentials)


def sign_out() -> None:
    """End this browser's session on the server and remove both cookies."""
    row = current_session()
    if row is not None:
        sessions.sign_out(row, utcnow())
    logout_user()
    session.clear()
    g.remember_cookie = None


def current_session():
    """The sign-in session of this request, if any."""
    return g.get("sign_in_session")


def _write_remember_cookie(response):
    """Set, replace or delete the remember cookie as the request decided."""
    if LEGACY_REMEMBER_COOKIE in request.cookies:
        response.delete_cookie(LEGACY_REMEMBER_COOKIE)
    if "remember_cookie" not in g:
        return response
    if g.remember_cookie is None:
        if REMEMBER_COOKIE in request.cookies:
            response.delete_cookie(REMEMBER_COOKIE, httponly=True, samesite="Lax")
        return response
    token, expires_at = g.remember_cookie
    response.set_cookie(REMEMBER_COOKIE, token, max_age=int((expires_at - datetime.now(expires_at.tzinfo))
                                                            .total_seconds()),
                        httponly=True, samesite="Lax", secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


def register(app: Flask) -> None:
    """Write the remember cookie after every request."""
    app.after_request(_write_remember_cookie)
