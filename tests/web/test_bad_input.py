"""Malformed input never ends in a 500: ids past the database's range, control characters, bad JSON,
dates far out, huge bodies. Each is refused with a message that names what is wrong, and writes nothing."""
import json
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.rotation_helpers import make_rotation
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import ROLES, ApiToken, CheckIn, ExposureLog, Perspective, Rotation
from wellbeing.services.tokens import create_token

TODAY = date.today()
HUGE_IDS = ["3000000000", "99999999999999999999"]  # past PostgreSQL's integer; past SQLite's 64 bits


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def everyone(auth):
    """A signed-in user who holds every role, so no access rule stands between a URL and its lookup."""
    factories.make_category(slug="violence", name="Violent content", severity=3)
    return auth.login(*ROLES, team=factories.make_team())


def _id_urls(app) -> list[tuple[str, str, str]]:
    """(method, rule, url) for every route with an integer in its path, filled with each huge id."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "<int:" not in rule.rule:
            continue
        for huge in HUGE_IDS:
            url = re.sub(r"<int:[a-z_]+>", huge, rule.rule)
            url = re.sub(r"<[^>]+>", "x", url)
            urls += [(method, rule.rule, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return urls


def test_every_id_past_the_databases_range_is_not_found(app, client, everyone):
    urls = _id_urls(app)
    assert len(urls) > 20
    answers = {(method, url): client.open(url, method=method).status_code for method, _rule, url in urls}
    assert {key: status for key, status in answers.items() if status != 404} == {}


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_a_huge_category_id_in_the_exposure_form_is_refused_next_to_the_field(client, everyone, huge):
    page = client.post("/exposures", data={"category_id": huge, "day": TODAY.isoformat(), "minutes": "30",
                                           "intensity": "3"})
    assert page.status_code == 200 and "Choose a category from the list." in page.get_data(as_text=True)
    assert _count(ExposureLog) == 0


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_a_huge_member_id_in_the_assignment_form_is_refused(app, client, huge):
    team, manager, _people, violence, _bias = small_team()
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    rotation_id = client.post("/manager/rotations", data={"day": NEXT_MONDAY.isoformat()}).headers["Location"]
    rotation = db.session.get(Rotation, int(rotation_id.rsplit("/", 1)[1]))
    client.post(f"/manager/rotations/{rotation.id}/shifts", data={
        "category_id": violence.id, "day": NEXT_MONDAY.isoformat(), "hours": "2", "people": "1"})
    response = client.post(f"/manager/shifts/{rotation.shifts[0].id}/assignments",
                           data={"user_id": huge, "action": "pin"})
    assert response.status_code == 400 and "Choose a member of this team" in response.get_data(as_text=True)


CONTROL = ["\x00", "\x07", "\x1b[31m", "\u202e\x00"]


@pytest.mark.parametrize("bad", CONTROL)
@pytest.mark.parametrize("url, field, data, model", [
    ("/exposures", "note", {"category_id": "1", "day": TODAY.isoformat(), "minutes": "30", "intensity": "3"},
     ExposureLog),
    ("/checkin", "note", {"cheerful": "3", "calm": "3", "active": "2", "rested": "4", "interest": "1"}, CheckIn),
    ("/settings/tokens", "name", {}, ApiToken),
    ("/settings/perspectives", "persp-language", {}, Perspective),
])
def test_control_characters_in_text_are_refused_naming_the_field(client, everyone, bad, url, field, data, model):
    response = client.post(url, data={**data, field: f"before{bad}after"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f"“{field}”" in page and "control character" in page
    assert _count(model) == 0


@pytest.fixture
def secret(app):
    factories.make_category(slug="violence", name="Violent content", severity=3)
    user = factories.make_user(roles=["member"])
    db.session.commit()
    return create_token(user, "harness")[1]


def _api(client, secret, raw: bytes):
    return client.post("/api/v1/exposures", data=raw, content_type="application/json",
                       headers={"Authorization": f"Bearer {secret}"})


def _session(**fields):
    return {"category": "violence", "date": TODAY.isoformat(), "minutes": 30, "intensity": 3, **fields}


@pytest.mark.parametrize("raw, says", [
    (json.dumps(_session(note="\ud800")).encode(), "note"),
    (json.dumps([_session(), _session(note="a\x00b")]).encode(), "[1].note"),
    (b"[" * 100_000 + b"]" * 100_000, "nested"),
    (json.dumps({"category": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}).encode(), "nested"),
    (b'{"category": "violence",', "not valid JSON"),
    (b"\xff\xfe", "not valid JSON"),
])
def test_bad_json_is_a_400_with_a_message(client, secret, raw, says):
    response = _api(client, secret, raw)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert says in response.get_json()["error"]["message"]
    assert _count(ExposureLog) == 0


def test_a_body_past_the_size_cap_is_a_413_with_a_message(app, client, secret):
    sessions = app.config["MAX_CONTENT_LENGTH"] // 250 + 1
    response = _api(client, secret, json.dumps([_session(note="x" * 200)] * sessions).encode())
    assert response.status_code == 413
    assert "too large" in response.get_json()["error"]["message"]
    assert _count(ExposureLog) == 0


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", (TODAY + timedelta(days=800)).isoformat()])
def test_a_week_far_out_cannot_be_planned_and_the_message_says_which_weeks_can(client, day):
    _team, manager, *_rest = small_team()
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    page = client.post("/manager/rotations", data={"day": day})
    assert page.status_code == 200 and "Choose a week between" in page.get_data(as_text=True)
    assert _count(Rotation) == 0
    assert client.get("/manager/").status_code == 200


def test_a_draft_rotation_can_be_deleted(client):
    _team, manager, _people, violence, _bias = small_team()
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    location = client.post("/manager/rotations", data={"day": NEXT_MONDAY.isoformat()}).headers["Location"]
    rotation_id = int(location.rsplit("/", 1)[1])
    client.post(f"/manager/rotations/{rotation_id}/shifts", data={
        "category_id": violence.id, "day": NEXT_MONDAY.isoformat(), "hours": "2", "people": "1"})
    response = client.post(f"/manager/rotations/{rotation_id}/delete", follow_redirects=True)
    assert response.status_code == 200 and "deleted" in response.get_data(as_text=True)
    assert _count(Rotation) == 0 and client.get(location).status_code == 404


def test_a_published_rotation_cannot_be_deleted(client):
    team, manager, people, violence, _bias = small_team()
    rotation = make_rotation(team, NEXT_MONDAY, shifts=[(violence, NEXT_MONDAY, 60, people[:1])])
    db.session.commit()
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    page = client.post(f"/manager/rotations/{rotation.id}/delete", follow_redirects=True).get_data(as_text=True)
    assert "was published to the team, so it stays" in page and _count(Rotation) == 1
