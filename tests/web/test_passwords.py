"""Passwords belong to their owner: admins reset (never set), links are one-time and expiring, policy says why."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.checkin_factories import make_checkin
from tests.web.test_sessions import assert_sent_to_sign_in, captured_cookies, replay, sign_in
from wellbeing.extensions import db
from wellbeing.models import AuditEntry, PasswordResetLink, User

NEW_PASSWORD = "quiet harbour lantern 42"


def _reset_link_from_cli(runner, email: str) -> str:
    result = runner.invoke(args=["users", "reset-link", email, "--base-url", "http://rota.example"])
    assert result.exit_code == 0, result.output
    return re.search(r"http://rota\.example(/reset/\S+)", result.output).group(1)


def _set_password(client, path: str, password: str = NEW_PASSWORD):
    return client.post(path, data={"new_password": password, "confirm": password})


@pytest.fixture
def member(app):
    user = factories.make_user(name="Ada Member", email="ada@example.org")
    db.session.commit()
    return user


def test_admin_cannot_set_a_password_through_the_account_form(client, auth, member):
    auth.login("admin")
    client.post(f"/admin/users/{member.id}", data={
        "name": member.name, "password": "admin chosen secret 9", "roles": ["member"], "team_id": "0",
        "hours_per_day": "6", "hours_per_week": "20", "active": "y"})
    db.session.refresh(member)
    assert not member.check_password("admin chosen secret 9")
    assert member.check_password(factories.PASSWORD)


def test_admin_cannot_redirect_the_reset_link_by_changing_the_email(client, auth, member):
    auth.login("admin")
    client.post(f"/admin/users/{member.id}", data={
        "name": member.name, "email": "admin-owned@example.org", "roles": ["member"], "team_id": "0",
        "hours_per_day": "6", "hours_per_week": "20", "active": "y"})
    db.session.refresh(member)
    assert member.email == "ada@example.org"


def test_admin_reset_ends_sessions_disables_the_password_and_is_audited(app, client, auth, member):
    browser = app.test_client()
    sign_in(browser, member, remember=True)
    stolen = captured_cookies(browser)
    admin = auth.login("admin")
    page = client.post(f"/admin/users/{member.id}/reset-password", follow_redirects=True).get_data(as_text=True)
    assert "flask users reset-link ada@example.org" in page and "/reset/" not in page
    assert_sent_to_sign_in(replay(app, stolen))
    assert client.post("/logout").status_code == 302
    response = client.post("/login", data={"email": member.email, "password": factories.PASSWORD})
    assert response.status_code == 200  # the old password no longer works
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "password.reset_by_admin"))
    assert entry.actor_id == admin.id and entry.target_id == member.id


def test_admin_reset_emails_a_link_the_admin_never_sees(app, client, auth, member, smtp_server):
    auth.login("admin")
    page = client.post(f"/admin/users/{member.id}/reset-password", follow_redirects=True).get_data(as_text=True)
    assert "e-mailed to ada@example.org" in page and "/reset/" not in page
    (recipients, mail), = smtp_server.messages()
    assert recipients == ["ada@example.org"]
    path = re.search(r"http://localhost(/reset/\S+)", mail.get_payload(decode=True).decode()).group(1)
    client.post("/logout")
    assert _set_password(client, path).status_code == 302


def test_the_person_is_told_at_next_sign_in_after_an_admin_reset(app, client, auth, runner, member):
    auth.login("admin")
    client.post(f"/admin/users/{member.id}/reset-password")
    client.post("/logout")
    path = _reset_link_from_cli(runner, member.email)
    assert _set_password(client, path).status_code == 302
    page = client.post("/login", data={"email": member.email, "password": NEW_PASSWORD},
                       follow_redirects=True).get_data(as_text=True)
    assert "An administrator reset your password" in page
    client.post("/logout")
    again = client.post("/login", data={"email": member.email, "password": NEW_PASSWORD}, follow_redirects=True)
    assert "An administrator reset your password" not in again.get_data(as_text=True)  # told once


def test_reset_link_works_once(app, client, runner, member):
    path = _reset_link_from_cli(runner, member.email)
    assert client.get(path).status_code == 200
    assert _set_password(client, path).status_code == 302
    assert client.get(path).status_code == 404
    assert _set_password(client, path, "another fine phrase 77").status_code == 404
    db.session.refresh(member)
    assert member.check_password(NEW_PASSWORD)


def test_reset_link_expires(app, client, runner, member):
    path = _reset_link_from_cli(runner, member.email)
    link = db.session.scalar(select(PasswordResetLink))
    link.expires_at -= timedelta(hours=25)
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 404 and "used or has expired" in response.get_data(as_text=True)


def test_reset_link_ends_every_session(app, client, runner, member):
    sign_in(client, member, remember=True)
    stolen = captured_cookies(client)
    path = _reset_link_from_cli(runner, member.email)
    _set_password(app.test_client(), path)
    assert_sent_to_sign_in(replay(app, stolen))


def test_reset_link_is_stored_hashed(runner, member):
    path = _reset_link_from_cli(runner, member.email)
    link = db.session.scalar(select(PasswordResetLink))
    assert path.rsplit("/", 1)[1] not in link.digest


def test_reset_link_command_names_an_unknown_account(runner):
    result = runner.invoke(args=["users", "reset-link", "nobody@example.org"])
    assert result.exit_code != 0 and "no active account with e-mail nobody@example.org" in result.output


@pytest.mark.parametrize("password, why", [
    ("aaaaaaaaaaaa", "too easy to guess"), ("1234567890", "at least 12 characters"),
    ("password12", "at least 12 characters"), ("password1234", "very common password"),
    ("ada@example.org1", "too easy to guess"),
])
def test_weak_passwords_are_refused_with_the_reason(client, runner, member, password, why):
    path = _reset_link_from_cli(runner, member.email)
    response = _set_password(client, path, password)
    assert response.status_code == 422 and why in response.get_data(as_text=True)
    db.session.refresh(member)
    assert member.check_password(factories.PASSWORD)


def test_forgot_password_answers_the_same_for_known_and_unknown_addresses(client, member, smtp_server):
    known = client.post("/forgot", data={"email": member.email}, follow_redirects=True).get_data(as_text=True)
    unknown = client.post("/forgot", data={"email": "nobody@example.org"},
                          follow_redirects=True).get_data(as_text=True)
    assert "If an account uses that address" in known
    assert known == unknown
    (recipients, mail), = smtp_server.messages()
    assert recipients == [member.email]
    path = re.search(r"http://localhost(/reset/\S+)", mail.get_payload(decode=True).decode()).group(1)
    assert _set_password(client, path).status_code == 302
    assert client.post("/login", data={"email": member.email, "password": NEW_PASSWORD}).status_code == 302


def test_forgot_password_uses_public_url_not_the_host_header(app, client, member, smtp_server):
    app.config["PUBLIC_URL"] = "https://rota.example.org"
    client.post("/forgot", data={"email": member.email}, headers={"Host": "evil.example"})
    (_recipients, mail), = smtp_server.messages()
    assert "https://rota.example.org/reset/" in mail.get_payload(decode=True).decode() and "evil" not in mail.get_payload(decode=True).decode()


def test_member_changes_own_password_and_other_sessions_end(app, client, member):
    other = app.test_client()
    sign_in(other, member, remember=True)
    stolen = captured_cookies(other)
    sign_in(client, member)
    response = client.post("/account/password", data={"current_password": factories.PASSWORD,
                                                      "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert_sent_to_sign_in(replay(app, stolen))
    assert client.get("/checkins").status_code == 200  # this browser stays signed in
    db.session.refresh(member)
    assert member.check_password(NEW_PASSWORD)


def test_changing_own_password_needs_the_current_one(client, member):
    sign_in(client, member)
    response = client.post("/account/password", data={"current_password": "not it at all",
                                                      "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 422 and "not your current password" in response.get_data(as_text=True)
    db.session.refresh(member)
    assert member.check_password(factories.PASSWORD)


@pytest.mark.parametrize("roles", [["admin"], ["hr"], ["manager"], ["admin", "hr", "manager"]])
def test_no_other_role_reads_a_members_checkins(client, auth, member, roles):
    checkin = make_checkin(member, note="my private words")
    db.session.commit()
    auth.login(*roles, team=member.team)
    for url in ["/checkins", f"/checkins/{checkin.id}", "/my-data/export.json", "/my-data/export.csv",
                f"/admin/users/{member.id}", "/admin/audit"]:
        body = client.get(url).get_data(as_text=True)
        assert "my private words" not in body, url


def test_shell_helpers_ship_no_checkin_access(app):
    assert not app.shell_context_processors  # `flask shell` gets nothing beyond app and g
