"""Nobody but the member reads their check-ins: every role tries every page, id and export."""
import re

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.checkin_factories import make_checkin, make_follow_up, make_prompt
from wellbeing.extensions import db
from wellbeing.models import FollowUpRequest, Prompt

SECRET = "SECRET-NOTE-7f3a"
INTRUDERS = [("member",), ("manager",), ("hr",), ("admin",), ("member", "manager"), ("member", "hr"),
             ("member", "admin"), ("manager", "hr", "admin")]


@pytest.fixture
def victim(app):
    """A member with a low check-in, a private note, a waiting prompt and a follow-up request."""
    team = factories.make_team()
    user = factories.make_user(team=team, name="Vic Tim")
    checkin = make_checkin(user, [0, 1, 0, 1, 1], note=SECRET)
    prompt = make_prompt(user, "severe_session")
    make_follow_up(user, checkin)
    db.session.commit()
    return user, checkin, prompt


def _without_csrf_token(page: str) -> str:
    """The page with its CSRF token blanked: the token carries a timestamp, so two pages a second apart differ."""
    return re.sub(r'(name="csrf_token"[^>]*value=")[^"]+', r"\1", page)


def _expected(roles) -> int:
    return 404 if "member" in roles else 403


def _get_urls(app, ids: list[int]) -> list[str]:
    """Every GET page of the app, with integer ids filled in with each of `ids`."""
    urls = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.rule.endswith(".js"):
            continue
        if not rule.arguments:
            urls.add(rule.rule)
        elif len(re.findall(r"<int:\w+>", rule.rule)) == len(rule.arguments):
            for value in ids:
                urls.add(re.sub(r"<int:\w+>", str(value), rule.rule))
    return sorted(urls)


@pytest.mark.parametrize("roles", INTRUDERS)
def test_another_persons_checkin_id_is_never_readable(client, auth, victim, roles):
    _user, checkin, _prompt = victim
    auth.login(*roles)
    response = client.get(f"/checkins/{checkin.id}")
    assert response.status_code == _expected(roles)
    assert SECRET not in response.get_data(as_text=True)
    if "member" in roles:  # a stranger's id looks exactly like one that does not exist
        missing = client.get("/checkins/999999").get_data(as_text=True).replace("999999", str(checkin.id))
        assert _without_csrf_token(response.get_data(as_text=True)) == _without_csrf_token(missing)


@pytest.mark.parametrize("roles", INTRUDERS)
def test_nobody_else_can_request_a_follow_up_or_snooze_for_the_member(client, auth, victim, roles):
    _user, checkin, prompt = victim
    auth.login(*roles)
    assert client.post(f"/checkins/{checkin.id}/follow-up").status_code == _expected(roles)
    assert client.post(f"/prompts/{prompt.id}/snooze").status_code == _expected(roles)
    assert db.session.scalar(select(func.count(FollowUpRequest.id))) == 1
    assert db.session.scalar(select(Prompt.state).where(Prompt.id == prompt.id)) == "open"


@pytest.mark.parametrize("roles", INTRUDERS)
def test_no_page_or_export_shows_another_persons_checkin(app, client, auth, victim, roles):
    user, checkin, prompt = victim
    intruder = auth.login(*roles, team=user.team)
    make_checkin(intruder, [5, 5, 5, 5, 5], note="my own note")
    db.session.commit()
    seen = 0
    for url in _get_urls(app, [user.id, checkin.id, prompt.id]):
        response = client.get(url)
        assert response.status_code < 500, url
        body = response.get_data(as_text=True)
        assert SECRET not in body, f"{url} shows another member's check-in note"
        seen += response.status_code == 200
    assert seen >= 3
    if "member" in roles:
        exported = client.get("/my-data/export.json").get_json()
        assert [c["note"] for c in exported["check_ins"]] == ["my own note"]
        assert exported["follow_up_requests"] == [] and exported["prompts"] == []


def test_the_member_can_read_their_own_checkin(client, victim):
    user, checkin, _prompt = victim
    client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    page = client.get(f"/checkins/{checkin.id}").get_data(as_text=True)
    assert SECRET in page and "Score: <strong>12</strong>" in page
