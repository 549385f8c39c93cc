"""Sessions end when they should: cookies captured before each revocation event are replayed after it."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from wellbeing.extensions import db
from wellbeing.models import User

PRIVATE_PAGE = "/checkins"


def sign_in(client, user, remember=False):
    data = {"email": user.email, "password": factories.PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302, "test sign-in failed"


def captured_cookies(client) -> dict:
    """Every cookie the browser holds now, as an attacker copying them would have them."""
    return {name: client.get_cookie(name).value for name in ("session", "remember_token", "rotawell_remember")
            if client.get_cookie(name) is not None}


def replay(app, cookies: dict):
    """A fresh browser carrying only the captured cookies asks for a private page."""
    thief = app.test_client()
    for name, value in cookies.items():
        thief.set_cookie(name, value)
    return thief.get(PRIVATE_PAGE)


def assert_sent_to_sign_in(response):
    assert response.status_code == 302, f"expected the sign-in page, got {response.status_code}"
    assert response.headers["Location"].startswith("/login")


@pytest.fixture
def member(app):
    user = factories.make_user(roles=["member"])
    db.session.commit()
    return user


def test_replayed_cookies_work_while_the_session_lives(app, client, member):
    sign_in(client, member, remember=True)
    assert replay(app, captured_cookies(client)).status_code == 200


def test_sign_out_ends_a_kept_session_in_the_same_browser(client, member):
    sign_in(client, member, remember=True)
    client.post("/logout")
    assert_sent_to_sign_in(client.get(PRIVATE_PAGE))


def test_sign_out_deletes_the_remember_cookie(client, member):
    sign_in(client, member, remember=True)
    assert client.get_cookie("rotawell_remember") is not None
    client.post("/logout")
    assert client.get_cookie("rotawell_remember") is None
    assert client.get_cookie("remember_token") is None


@pytest.mark.parametrize("remember", [False, True])
def test_cookies_captured_before_sign_out_die_with_it(app, client, member, remember):
    sign_in(client, member, remember=remember)
    stolen = captured_cookies(client)
    client.post("/logout")
    assert_sent_to_sign_in(replay(app, stolen))


def test_remember_cookie_alone_signs_in_and_is_rotated_on_use(app, client, member):
    sign_in(client, member, remember=True)
    token = client.get_cookie("rotawell_remember").value
    browser = app.test_client()
    browser.set_cookie("rotawell_remember", token)
    assert browser.get(PRIVATE_PAGE).status_code == 200
    assert browser.get_cookie("rotawell_remember").value != token
    assert_sent_to_sign_in(replay(app, {"rotawell_remember": token}))  # the used token is spent


def test_remember_cookie_is_lax_http_only_and_at_most_14_days(client, member):
    response = client.post("/login", data={"email": member.email, "password": factories.PASSWORD,
                                           "remember": "y"})
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("rotawell_remember="))
    assert "HttpOnly" in header and "SameSite=Lax" in header
    max_age = int(header.split("Max-Age=")[1].split(";")[0])
    assert 0 < max_age <= 14 * 24 * 3600


def test_remember_token_is_stored_hashed(client, member):
    sign_in(client, member, remember=True)
    token = client.get_cookie("rotawell_remember").value
    from wellbeing.models import SignInSession
    row = db.session.scalar(select(SignInSession).where(SignInSession.user_id == member.id))
    assert token not in (row.remember_digest or "") and row.remember_digest


def test_sign_out_everywhere_ends_other_browsers(app, client, member):
    other = app.test_client()
    sign_in(other, member, remember=True)
    stolen = captured_cookies(other)
    sign_in(client, member)
    client.post("/account/sessions/end-all")
    assert_sent_to_sign_in(replay(app, stolen))
    assert_sent_to_sign_in(client.get(PRIVATE_PAGE))


def test_a_member_sees_their_sessions_and_ends_one(app, client, member):
    other = app.test_client()
    sign_in(other, member, remember=True)
    stolen = captured_cookies(other)
    sign_in(client, member)
    page = client.get("/account").get_data(as_text=True)
    assert "This browser" in page and page.count('class="session-row"') == 2
    from wellbeing.models import SignInSession
    other_row = db.session.scalars(select(SignInSession).order_by(SignInSession.id)).first()
    assert client.post(f"/account/sessions/{other_row.id}/end").status_code == 302
    assert_sent_to_sign_in(replay(app, stolen))
    assert client.get(PRIVATE_PAGE).status_code == 200  # this browser stays signed in


def test_one_member_cannot_end_another_members_session(app, client, member):
    other = app.test_client()
    sign_in(other, member)
    from wellbeing.models import SignInSession
    row = db.session.scalar(select(SignInSession))
    intruder = factories.make_user()
    db.session.commit()
    sign_in(client, intruder)
    assert client.post(f"/account/sessions/{row.id}/end").status_code == 404
    assert other.get(PRIVATE_PAGE).status_code == 200


def _age_sessions(**shift):
    from wellbeing.models import SignInSession
    for row in db.session.scalars(select(SignInSession)):
        row.last_seen_at -= timedelta(**shift.get("idle", {}))
        row.created_at -= timedelta(**shift.get("age", {}))
        row.expires_at -= timedelta(**shift.get("age", {}))
    db.session.commit()


def test_idle_session_ends_after_the_idle_timeout(app, client, member):
    sign_in(client, member)
    stolen = captured_cookies(client)
    _age_sessions(idle={"minutes": 31})
    assert_sent_to_sign_in(replay(app, stolen))
    assert_sent_to_sign_in(client.get(PRIVATE_PAGE))


def test_active_session_survives_short_pauses(app, client, member):
    sign_in(client, member)
    _age_sessions(idle={"minutes": 29})
    assert client.get(PRIVATE_PAGE).status_code == 200


def test_session_ends_at_its_absolute_lifetime_however_active(app, client, member):
    sign_in(client, member)
    _age_sessions(age={"hours": 12, "minutes": 1})
    assert_sent_to_sign_in(client.get(PRIVATE_PAGE))


def test_kept_session_survives_idleness_but_not_14_days(app, client, member):
    sign_in(client, member, remember=True)
    _age_sessions(idle={"hours": 3})
    assert client.get(PRIVATE_PAGE).status_code == 200
    _age_sessions(age={"days": 14, "minutes": 1})
    assert_sent_to_sign_in(client.get(PRIVATE_PAGE))


def test_timeouts_are_configurable(app, client, member):
    app.config["SESSION_IDLE_MINUTES"] = 5
    sign_in(client, member)
    _age_sessions(idle={"minutes": 6})
    assert_sent_to_sign_in(client.get(PRIVATE_PAGE))


@pytest.mark.parametrize("event", ["roles", "team", "deactivate"])
def test_an_admin_change_to_the_account_ends_its_sessions(app, client, member, event):
    sign_in(client, member, remember=True)
    stolen = captured_cookies(client)
    from wellbeing.services import accounts
    admin = factories.make_user(roles=["admin"])
    team = factories.make_team()
    user = db.session.get(User, member.id)
    accounts.update_user(admin, user, name=user.name, email=user.email,
                         roles=["member", "manager"] if event == "roles" else ["member"],
                         team=team if event == "team" else user.team, active=event != "deactivate",
                         hours_per_day=user.hours_per_day, hours_per_week=user.hours_per_week)
    if event == "team":  # moving team is not a security event: the session lives on
        assert replay(app, stolen).status_code == 200
    else:
        assert_sent_to_sign_in(replay(app, stolen))
