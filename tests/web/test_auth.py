"""Signing in and out."""
import pytest

from tests import factories
from wellbeing.extensions import db


def test_login_page_has_labelled_fields(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<label for="email">E-mail</label>' in page
    assert '<label for="password">Password</label>' in page


@pytest.mark.parametrize("role, home", [("member", "/"), ("manager", "/manager/"), ("hr", "/hr/"),
                                         ("admin", "/admin/")])
def test_login_goes_to_the_role_home(client, role, home):
    user = factories.make_user(roles=[role])
    db.session.commit()
    response = client.post("/login", data={"email": user.email.upper(), "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == home
    assert client.get(home).status_code == 200


def test_wrong_password_is_refused_with_a_message(client):
    user = factories.make_user()
    db.session.commit()
    response = client.post("/login", data={"email": user.email, "password": "not the password"})
    assert response.status_code == 200
    assert "do not match an active account" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still signed out


def test_unknown_email_gets_the_same_message(client):
    response = client.post("/login", data={"email": "nobody@example.org", "password": "whatever12"})
    assert "do not match an active account" in response.get_data(as_text=True)


def test_disabled_account_cannot_sign_in(client):
    user = factories.make_user(active=False)
    db.session.commit()
    response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    assert "do not match an active account" in response.get_data(as_text=True)


@pytest.mark.parametrize("data, message", [
    ({"email": "", "password": "x"}, "Enter your e-mail address."),
    ({"email": "not-an-email", "password": "x"}, "Enter an e-mail address like"),
    ({"email": "a@example.org", "password": ""}, "Enter your password."),
])
def test_login_form_names_the_bad_field(client, data, message):
    page = client.post("/login", data=data).get_data(as_text=True)
    assert message in page
    assert 'aria-invalid="true"' in page


def test_logout_signs_out(client, auth):
    auth.login("member")
    assert client.get("/").status_code == 200
    response = auth.logout()
    assert response.headers["Location"] == "/login"
    assert client.get("/").status_code == 302


def test_logout_is_not_a_get(client, auth):
    auth.login("member")
    assert client.get("/logout").status_code == 405
    assert client.get("/").status_code == 200


def test_anonymous_user_is_sent_to_login_and_back(client):
    user = factories.make_user(roles=["admin"])
    db.session.commit()
    response = client.get("/admin/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    response = client.post("/login?next=/admin/", data={"email": user.email, "password": factories.PASSWORD})
    assert response.headers["Location"] == "/admin/"


def test_next_never_leaves_the_site(client):
    user = factories.make_user()
    db.session.commit()
    response = client.post("/login?next=//evil.example/x", data={"email": user.email,
                                                                  "password": factories.PASSWORD})
    assert response.headers["Location"] == "/"


def test_passwords_are_stored_hashed(app):
    user = factories.make_user(password="a secret phrase")
    assert "a secret phrase" not in user.password_hash
    assert user.password_hash.startswith("scrypt:")
