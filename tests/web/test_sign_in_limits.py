"""Sign-in is throttled per account and per address, and takes the same work for unknown addresses."""
import pytest

from tests import factories
from wellbeing.extensions import db


def _attempt(client, email, password="wrong guess here", **environ):
    return client.post("/login", data={"email": email, "password": password}, environ_base=environ)


@pytest.fixture
def member(app):
    user = factories.make_user()
    db.session.commit()
    return user


def test_account_locks_after_repeated_failures_even_for_the_right_password(client, member):
    for _ in range(5):
        assert _attempt(client, member.email).status_code == 200
    response = _attempt(client, member.email, factories.PASSWORD)
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many failed sign-ins" in page and "15 minutes" in page
    assert client.get("/checkins").status_code == 302  # not signed in


def test_lockout_of_one_account_leaves_others_alone(client, member):
    for _ in range(6):
        _attempt(client, member.email)
    other = factories.make_user()
    db.session.commit()
    assert _attempt(client, other.email, factories.PASSWORD).status_code == 302


def test_successful_sign_ins_do_not_count(client, member):
    for _ in range(8):
        assert _attempt(client, member.email, factories.PASSWORD).status_code == 302
        client.post("/logout")


def test_unknown_addresses_lock_the_same_way(client):
    statuses = [_attempt(client, "nobody@example.org").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]  # a lockout says nothing about whether the account exists


def test_one_address_trying_many_accounts_is_paused(app, client, member):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    for n in range(3):
        assert _attempt(client, f"guess{n}@example.org").status_code == 200
    assert _attempt(client, member.email, factories.PASSWORD).status_code == 429
    elsewhere = _attempt(client, member.email, factories.PASSWORD, REMOTE_ADDR="10.0.0.9")
    assert elsewhere.status_code == 302


def test_forgot_password_is_throttled_per_address(app, client):
    app.config["FORGOT_LIMIT_PER_ADDRESS"] = "2 per hour"
    for _ in range(2):
        assert client.post("/forgot", data={"email": "a@example.org"}).status_code == 302
    assert client.post("/forgot", data={"email": "a@example.org"}).status_code == 429


@pytest.mark.parametrize("case", ["known", "unknown", "inactive"])
def test_every_refusal_costs_one_password_hash(client, monkeypatch, case):
    import wellbeing.models.people as people
    import wellbeing.services.credentials as credentials
    calls = []
    for module in (people, credentials):
        real = module.check_password_hash
        monkeypatch.setattr(module, "check_password_hash",
                            lambda pwhash, password, real=real: calls.append(1) or real(pwhash, password))
    user = factories.make_user(active=case != "inactive")
    db.session.commit()
    email = "nobody@example.org" if case == "unknown" else user.email
    _attempt(client, email)
    assert len(calls) == 1
