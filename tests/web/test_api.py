"""The JSON API: tokens, batch all-or-nothing, errors with fields and codes, each response checked
against the published OpenAPI document."""
import json
from datetime import date, timedelta

import pytest
from werkzeug.test import EnvironBuilder
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_spec_validator import validate
from sqlalchemy import func, select

from tests import factories
from wellbeing.api.document import OPENAPI
from wellbeing.extensions import db
from wellbeing.models import ApiToken, Category, ExposureLog
from wellbeing.services.tokens import create_token, revoke_token

TODAY = date.today()
SPEC = OpenAPI.from_dict({**json.loads(OPENAPI.read_text()), "servers": [{"url": "http://localhost/api/v1"}]})


def conforms(response, sent: bytes = b""):
    """Fail unless the response matches the OpenAPI document for its path, method and status."""
    original = response.request  # its body was read by the app, so rebuild it with what was sent
    request = EnvironBuilder(method=original.method, path=original.path, query_string=original.query_string.decode(),
                             headers=dict(original.headers), data=sent).get_request()
    SPEC.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))
    return response


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(ExposureLog))


@pytest.fixture
def member_token(app):
    factories.make_category(slug="violence", name="Violent content", severity=3)
    factories.make_category(slug="child_safety", name="Child safety", severity=4, requires_opt_in=True)
    user = factories.make_user(roles=["member"])
    db.session.commit()
    _token, secret = create_token(user, "harness")
    return user, secret


def _post(client, secret, body):
    sent = json.dumps(body).encode()
    return conforms(client.post("/api/v1/exposures", data=sent, content_type="application/json",
                                headers={"Authorization": f"Bearer {secret}"}), sent)


def _session(**overrides):
    return {"category": "violence", "date": TODAY.isoformat(), "minutes": 60, "intensity": 3, **overrides}


def test_one_session_is_logged(client, member_token):
    user, secret = member_token
    response = _post(client, secret, _session(note="batch 4"))
    assert response.status_code == 201
    saved = response.get_json()["exposures"][0]
    assert saved["category"] == "violence" and saved["source"] == "api" and saved["note"] == "batch 4"
    assert db.session.scalar(select(ExposureLog)).user_id == user.id


def test_a_batch_is_logged_together(client, member_token):
    _user, secret = member_token
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    response = _post(client, secret, [_session(), _session(date=yesterday, minutes=30)])
    assert response.status_code == 201 and len(response.get_json()["exposures"]) == 2
    assert _count() == 2


def test_a_batch_with_one_bad_session_saves_nothing(client, member_token):
    _user, secret = member_token
    response = _post(client, secret, [_session(), _session(minutes=0), _session(intensity=9)])
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["field"] == "[1].minutes"
    assert {e["field"] for e in error["errors"]} == {"[1].minutes", "[2].intensity"}
    assert _count() == 0


def test_same_day_sessions_in_a_batch_count_together(client, member_token):
    _user, secret = member_token
    response = _post(client, secret, [_session(minutes=720), _session(minutes=720), _session(minutes=1)])
    assert response.status_code == 409
    assert response.get_json()["error"]["field"] == "[2].minutes"
    assert _count() == 0


@pytest.mark.parametrize("body, status, field", [
    (_session(category="nope"), 422, "category"),
    (_session(date="2026-13-01"), 422, "date"),
    (_session(date=(TODAY + timedelta(days=1)).isoformat()), 422, "date"),
    (_session(minutes="60"), 422, "minutes"),
    (_session(minutes=True), 422, "minutes"),
    (_session(extra="x"), 422, "extra"),
    ({"category": "violence"}, 422, "date"),
    (_session(category="child_safety"), 422, "category"),
    ([], 422, ""),
    ("just a string", 400, None),
])
def test_bad_bodies_name_the_field(client, member_token, body, status, field):
    _user, secret = member_token
    response = _post(client, secret, body)
    assert response.status_code == status
    assert response.get_json()["error"].get("field") == field
    assert _count() == 0


def test_malformed_json_is_a_400(client, member_token):
    _user, secret = member_token
    response = conforms(client.post("/api/v1/exposures", data="{not json", content_type="application/json",
                                    headers={"Authorization": f"Bearer {secret}"}), b"{not json")
    assert response.status_code == 400 and "must be JSON" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("header", [None, "Bearer", "Basic abc", "Bearer rw_not-a-real-token"])
def test_missing_or_unknown_token_is_a_401(client, member_token, header):
    headers = {"Authorization": header} if header else {}
    response = conforms(client.get("/api/v1/me/dose", headers=headers))
    assert response.status_code == 401


def test_revoked_token_stops_working(client, member_token):
    user, secret = member_token
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me/dose", headers=headers).status_code == 200
    revoke_token(user, db.session.scalar(select(ApiToken)))
    assert conforms(client.get("/api/v1/me/dose", headers=headers)).status_code == 401


def test_token_of_an_account_without_member_role_is_a_403(client, app):
    hr = factories.make_user(roles=["hr"])
    db.session.commit()
    _token, secret = create_token(hr, "x")
    response = _post(client, secret, _session())
    assert response.status_code == 403


def test_tokens_are_stored_only_as_digests(member_token):
    _user, secret = member_token
    token = db.session.scalar(select(ApiToken))
    assert secret not in (token.digest, token.prefix) and len(token.digest) == 64


def test_get_returns_only_own_sessions_since(client, member_token):
    user, secret = member_token
    other = factories.make_user()
    violence = db.session.scalar(select(Category).where(Category.slug == "violence"))
    for who, offset in ((user, 1), (user, 10), (other, 1)):
        db.session.add(ExposureLog(user_id=who.id, category=violence, day=TODAY - timedelta(days=offset),
                                   minutes=30, intensity=2, note=f"note of {who.id}"))
    db.session.commit()
    since = (TODAY - timedelta(days=5)).isoformat()
    response = conforms(client.get(f"/api/v1/exposures?since={since}", headers={"Authorization": f"Bearer {secret}"}))
    logs = response.get_json()["exposures"]
    assert len(logs) == 1 and logs[0]["note"] == f"note of {user.id}"
    bad = conforms(client.get("/api/v1/exposures?since=last-week", headers={"Authorization": f"Bearer {secret}"}))
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "since"


def test_dose_matches_the_home_page_computation(client, member_token):
    user, secret = member_token
    _post(client, secret, [_session(minutes=180), _session(date=(TODAY - timedelta(days=8)).isoformat(), minutes=60)])
    windows = conforms(client.get("/api/v1/me/dose", headers={"Authorization": f"Bearer {secret}"})).get_json()["windows"]
    by_window = {w["window_days"]: w for w in windows}
    assert by_window[7]["dose"] == 6.0  # 3 h x weight 2 (severity 3)
    assert by_window[28]["dose"] == 8.0
    assert by_window[7]["limit"] == 24.0 and by_window[7]["level"] == "ok"


def test_unknown_api_url_and_method_give_json(client):
    assert client.get("/api/v1/nothing").get_json()["error"]["status"] == 404
    assert client.delete("/api/v1/exposures").get_json()["error"]["status"] == 405


def test_openapi_document_is_served_and_valid(client):
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    assert set(document["paths"]) == {"/exposures", "/me/dose", "/sessions", "/sessions/{session_id}/stop"}


def test_settings_page_creates_shows_once_and_revokes(client, auth):
    auth.login("member")
    page = client.post("/settings/tokens", data={"name": "harness"}).get_data(as_text=True)
    secret = page.split('<code id="new-token">')[1].split("</code>")[0]
    assert secret.startswith("rw_")
    listing = client.get("/settings/tokens").get_data(as_text=True)
    assert secret not in listing and "harness" in listing
    token = db.session.scalar(select(ApiToken))
    assert client.post(f"/settings/tokens/{token.id}/revoke").status_code == 302
    assert client.get("/api/v1/me/dose", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_cannot_revoke_someone_elses_token(client, auth, member_token):
    auth.login("member")
    token = db.session.scalar(select(ApiToken))
    assert client.post(f"/settings/tokens/{token.id}/revoke").status_code == 404
    db.session.refresh(token)
    assert token.active


def test_no_api_call_reveals_another_members_check_ins_or_logs(client, member_token):
    from wellbeing.models import CheckIn
    _user, secret = member_token
    other = factories.make_user()
    violence = db.session.scalar(select(Category).where(Category.slug == "violence"))
    db.session.add(CheckIn(user_id=other.id, answers=[0, 1, 0, 1, 0], score=8, note="OTHER-PRIVATE-NOTE"))
    db.session.add(ExposureLog(user_id=other.id, category=violence, day=TODAY, minutes=30, intensity=2,
                               note="OTHER-LOG-NOTE"))
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    for url in ("/api/v1/exposures?since=2000-01-01", "/api/v1/me/dose", "/api/v1/checkins",
                f"/api/v1/checkins/{other.id}", f"/api/v1/users/{other.id}/exposures", "/api/v1/openapi.json"):
        text = client.get(url, headers=headers).get_data(as_text=True)
        assert "OTHER-PRIVATE-NOTE" not in text and "OTHER-LOG-NOTE" not in text
    assert client.get("/api/v1/me/dose", headers=headers).get_json()["windows"][0]["dose"] == 0
