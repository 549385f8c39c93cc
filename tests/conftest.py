"""Fixtures: a fresh database per test on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set."""
import email
import os
import socket
import uuid

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from flask import g, has_app_context
from flask.testing import FlaskClient

from tests import factories
from wellbeing import create_app
from wellbeing.extensions import db


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get("TEST_DATABASE_URL") else ["sqlite"]


def postgres_url(schema: str) -> str:
    """TEST_DATABASE_URL pointed at one schema, so every test gets an empty database of its own."""
    base = os.environ["TEST_DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


class PostgresSchema:
    """Create and drop a uniquely named schema on the test server."""

    def __init__(self):
        self.name = f"t_{uuid.uuid4().hex[:12]}"
        self.engine = sa.create_engine(os.environ["TEST_DATABASE_URL"].replace(
            "postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")

    def __enter__(self):
        with self.engine.connect() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{self.name}"'))
        return self

    def __exit__(self, *exc):
        with self.engine.connect() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.engine.dispose()


@pytest.fixture(params=_backends())
def database_url(request, tmp_path):
    """A URL to an empty database on each backend under test."""
    if request.param == "sqlite":
        yield "sqlite://"
        return
    with PostgresSchema() as schema:
        yield postgres_url(schema.name)


class FreshRequestClient(FlaskClient):
    """A test client whose every request starts with an empty `g`, as a real request does.

    The fixtures keep one app context open for the whole test and Flask reuses it for each request,
    so per-request state in `g` (Flask-Login's user, Flask-WTF's CSRF token, the sign-in session)
    would otherwise leak from one request, or client, to the next and hide whether a replayed cookie
    still signs anyone in.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            for name in list(vars(g)):
                g.pop(name)
        return super().open(*args, **kwargs)


def _make_app(database_url: str, tmp_path, **overrides):
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": False}
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = FreshRequestClient
    app.instance_path = str(tmp_path)
    return app


@pytest.fixture
def app(database_url, tmp_path):
    """An app with its tables created and CSRF off (see `csrf_app` for the tests of CSRF)."""
    app = _make_app(database_url, tmp_path)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def csrf_app(database_url, tmp_path):
    """An app with CSRF protection on, as in production."""
    app = _make_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    """Sign in as a fresh user holding given roles, or sign out."""

    def __init__(self, client):
        self.client = client

    def login(self, *roles: str, **overrides):
        """Create a user with `roles` (default member), sign them in, and return the user."""
        user = factories.make_user(roles=list(roles) or ["member"], **overrides)
        db.session.commit()
        response = self.client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
        assert response.status_code == 302, "test sign-in failed"
        return user

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


class Inbox:
    """An aiosmtpd handler that keeps every envelope it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        return [(env.rcpt_tos, email.message_from_bytes(env.content)) for env in self.envelopes]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(app):
    """A real SMTP server on a free localhost port, with the app pointed at it."""
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_FROM="rota@example.org")
    yield inbox
    controller.stop()


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: starts real servers or workers (seconds, not milliseconds)")
