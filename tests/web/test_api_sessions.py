"""The timer through the API: start and stop, every response checked against the OpenAPI document."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.web.test_api import conforms
from tests.web.fake_clock import START
from wellbeing.extensions import db
from wellbeing.models import ExposureLog
from wellbeing.services import timer
from wellbeing.services.tokens import create_token


@pytest.fixture
def tooling(app):
    factories.make_category(slug="violence", name="Violent content", severity=3, max_hours_per_day=2)
    user = factories.make_user()
    db.session.commit()
    return user, create_token(user, "harness")[1]


def _post(client, secret, path, body):
    sent = json.dumps(body).encode()
    return conforms(client.post(f"/api/v1{path}", data=sent, content_type="application/json",
                                headers={"Authorization": f"Bearer {secret}"}), sent)


def test_tooling_starts_and_stops_a_session_into_a_timer_log(client, tooling, clock):
    user, secret = tooling
    started = _post(client, secret, "/sessions", {"category": "violence"})
    assert started.status_code == 201 and started.get_json()["worked_minutes"] == 0
    clock.advance(minutes=61)
    stopped = _post(client, secret, f"/sessions/{started.get_json()['id']}/stop", {"intensity": 2})
    assert stopped.status_code == 201
    body = stopped.get_json()
    assert body["exposure"]["minutes"] == 61 and body["exposure"]["source"] == "timer" and not body["over_cap"]
    assert body["session"]["stopped_at"] is not None
    assert db.session.scalar(select(ExposureLog.user_id)) == user.id


def test_a_second_start_is_a_409(client, tooling, clock):
    _user, secret = tooling
    _post(client, secret, "/sessions", {"category": "violence"})
    assert _post(client, secret, "/sessions", {"category": "violence"}).status_code == 409


@pytest.mark.parametrize("body, status", [({"category": "nope"}, 422), ({"category": 3}, 422), ({}, 422),
                                          ({"category": "violence", "extra": 1}, 422)])
def test_a_bad_start_names_the_field(client, tooling, clock, body, status):
    _user, secret = tooling
    response = _post(client, secret, "/sessions", body)
    assert response.status_code == status and response.get_json()["error"]["field"]


def test_past_a_cap_the_stop_is_409_until_confirmed(client, tooling, clock):
    _user, secret = tooling
    session_id = _post(client, secret, "/sessions", {"category": "violence"}).get_json()["id"]
    clock.advance(hours=2, minutes=5)
    refused = _post(client, secret, f"/sessions/{session_id}/stop", {"intensity": 3})
    assert refused.status_code == 409 and "Violent content daily cap" in refused.get_json()["error"]["message"]
    assert db.session.scalar(select(ExposureLog.id)) is None
    confirmed = _post(client, secret, f"/sessions/{session_id}/stop", {"intensity": 3, "confirm_over_cap": True})
    assert confirmed.status_code == 201 and confirmed.get_json()["over_cap"] is True
    assert _post(client, secret, f"/sessions/{session_id}/stop", {"intensity": 3}).status_code == 409


@pytest.mark.parametrize("body", [{"intensity": 0}, {"intensity": "3"}, {"intensity": True}, {}])
def test_a_bad_intensity_logs_nothing_and_keeps_the_session(client, tooling, clock, body):
    user, secret = tooling
    session_id = _post(client, secret, "/sessions", {"category": "violence"}).get_json()["id"]
    clock.advance(minutes=5)
    response = _post(client, secret, f"/sessions/{session_id}/stop", body)
    assert response.status_code == 422
    assert timer.running(user) is not None and db.session.scalar(select(ExposureLog.id)) is None


def test_another_members_session_is_a_404(client, tooling, clock):
    _user, secret = tooling
    other = factories.make_user()
    db.session.commit()
    theirs = timer.start(other, db.session.scalar(select(timer.Category)), "web")
    assert _post(client, secret, f"/sessions/{theirs.id}/stop", {"intensity": 3}).status_code == 404
    assert _post(client, secret, "/sessions/999/stop", {"intensity": 3}).status_code == 404
    assert timer.running(other) is not None and clock.moment - START == timedelta(0)
