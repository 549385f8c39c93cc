"""Notifications: in-app rows for members on a published rotation, e-mail through a real local SMTP server only
after commit, SMTP failures logged and never lost, the notifications page and the unread count."""
import smtplib
from datetime import date, timedelta

import pytest
from flask import render_template_string
from flask_login import login_user
from sqlalchemy import func, select

import config
from tests import factories
from tests.conftest import free_port
from tests.rotation_helpers import make_rotation
from wellbeing import notification_badge
from wellbeing.extensions import db
from wellbeing.models import Notification
from wellbeing.services.notifications import notify, notify_rotation_published

MONDAY = date(2026, 5, 4)
MESSAGE = "Your rotation for the week of 4 May 2026 is published"


@pytest.fixture
def rotation(app):
    """A published rotation with two members on shifts and one teammate without any."""
    team, category = factories.make_team(), factories.make_category()
    alice, bob = factories.make_user(team_id=team.id), factories.make_user(team_id=team.id)
    idle = factories.make_user(team_id=team.id)
    rotation = make_rotation(team, MONDAY, shifts=[(category, MONDAY, 60, [alice, bob]),
                                                   (category, MONDAY + timedelta(days=1), 60, [alice])])
    db.session.commit()
    return rotation, alice, bob, idle


def _notifications(user=None) -> list[Notification]:
    query = select(Notification).order_by(Notification.id)
    return list(db.session.scalars(query.where(Notification.user_id == user.id) if user else query))


def test_notify_adds_rows_without_committing(app):
    users = [factories.make_user(), factories.make_user()]
    db.session.commit()
    notify(users, "Hello", "/somewhere")
    assert [(n.user_id, n.message, n.link) for n in _notifications()] == [(u.id, "Hello", "/somewhere") for u in users]
    db.session.rollback()
    assert _notifications() == []


def test_members_with_a_shift_are_notified_once(app, rotation):
    rotation, alice, bob, idle = rotation
    assert notify_rotation_published(rotation) == 2
    db.session.commit()
    assert [(n.user_id, n.message, n.link, n.read_at) for n in _notifications()] == [
        (alice.id, MESSAGE, "/", None), (bob.id, MESSAGE, "/", None)]
    assert _notifications(idle) == []


def test_publishing_does_not_commit(app, rotation):
    notify_rotation_published(rotation[0])
    db.session.rollback()
    assert _notifications() == []


def test_deactivated_members_are_not_notified(app, rotation):
    rotation, alice, _bob, _idle = rotation
    alice.active = False
    assert notify_rotation_published(rotation) == 1


def test_email_goes_out_after_commit_one_per_member(app, rotation, smtp_server):
    rotation, alice, bob, _idle = rotation
    with app.test_request_context():
        notify_rotation_published(rotation)
        assert smtp_server.envelopes == []  # nothing leaves before the notifications are committed
        db.session.commit()
    received = smtp_server.messages()
    assert sorted(rcpts[0] for rcpts, _msg in received) == sorted([alice.email, bob.email])
    for rcpts, message in received:
        assert len(rcpts) == 1 and message["To"] == rcpts[0]  # nobody learns who else is on the rotation
        assert message["Subject"] == MESSAGE and message["From"] == "rota@example.org"
        assert "http://localhost/" in message.get_payload()


def test_email_is_sent_from_outside_a_request_too(app, rotation, smtp_server):
    notify_rotation_published(rotation[0])  # e.g. from a CLI command or a worker
    db.session.commit()
    assert len(smtp_server.envelopes) == 2
    assert "See your shifts in Rotawell" in smtp_server.messages()[0][1].get_payload()


def test_a_rolled_back_publish_sends_no_email(app, rotation, smtp_server):
    notify_rotation_published(rotation[0])
    db.session.rollback()
    db.session.commit()
    assert smtp_server.envelopes == []


def test_no_email_is_attempted_without_a_mail_server(app, rotation, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("smtplib must not be used when MAIL_SERVER is unset")
    monkeypatch.setattr(smtplib, "SMTP", refuse)
    app.config["MAIL_SERVER"] = None  # as config.py leaves it when the variable is unset
    assert notify_rotation_published(rotation[0]) == 2
    db.session.commit()
    assert len(_notifications()) == 2


def test_an_smtp_failure_is_logged_and_the_notifications_are_kept(app, rotation, caplog):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nothing listens there
    notify_rotation_published(rotation[0])
    db.session.commit()  # must not raise
    assert len(_notifications()) == 2
    assert "Could not reach the mail server" in caplog.text


def test_mail_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("MAIL_SERVER", raising=False)
    defaults = config.TestConfig(str(tmp_path))
    assert (defaults.MAIL_SERVER, defaults.MAIL_PORT, defaults.MAIL_FROM) == (None, 25, "rotawell@localhost")
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("MAIL_PORT", "2525")
    monkeypatch.setenv("MAIL_FROM", "rota@example.org")
    loaded = config.TestConfig(str(tmp_path))
    assert (loaded.MAIL_SERVER, loaded.MAIL_PORT, loaded.MAIL_FROM) == ("smtp.example.org", 2525, "rota@example.org")
    monkeypatch.setenv("MAIL_PORT", "smtp")
    with pytest.raises(config.ConfigError, match="MAIL_PORT"):
        config.TestConfig(str(tmp_path))


# --- the page and the badge -----------------------------------------------------------------------------------------

def test_the_page_lists_own_notifications_and_marks_them_read(client, auth):
    member, other = auth.login("member"), factories.make_user()
    notify([member], "Your rotation for the week of 4 May 2026 is published", "/")
    notify([other], "Someone else's news", "/")
    db.session.commit()
    page = client.get("/notifications").get_data(as_text=True)
    assert "Your rotation for the week of 4 May 2026 is published" in page and "New" in page
    assert "Someone else" not in page
    assert _notifications(member)[0].read_at is not None
    assert _notifications(other)[0].read_at is None
    assert "New" not in client.get("/notifications").get_data(as_text=True)


@pytest.mark.parametrize("role", ["manager", "hr", "admin"])
def test_any_signed_in_user_may_read_their_notifications(client, auth, role):
    auth.login(role)
    page = client.get("/notifications")
    assert page.status_code == 200 and "No notifications yet" in page.get_data(as_text=True)


def test_signed_out_visitors_cannot_read_notifications(client):
    assert client.get("/notifications").status_code == 302


def test_the_unread_count_is_available_to_templates(app):
    notification_badge.register(app)
    member, other = factories.make_user(), factories.make_user()
    notify([member, member, other], "News", "/")
    db.session.commit()
    with app.test_request_context():
        assert render_template_string("{{ unread_notifications }}") == "0"  # signed out
        login_user(member)
        assert render_template_string("{{ unread_notifications }}") == "2"
    _notifications(member)[0].read_at = func.now()
    db.session.commit()
    with app.test_request_context():
        login_user(member)
        assert render_template_string("{{ unread_notifications }}") == "1"
