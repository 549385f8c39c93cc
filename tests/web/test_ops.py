"""Operations: /healthz answers for the database (and Redis when configured), /metrics counts
requests by endpoint and solve jobs, logs name the request and never what a member answered."""
import logging
from datetime import date
import os

import pytest
from flask.logging import default_handler
from sqlalchemy.exc import IntegrityError

from tests import factories
from tests.checkin_factories import make_checkin
from tests.conftest import _make_app
from wellbeing.extensions import db
from wellbeing.models import Rotation, SolveJob

NOWHERE_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2"


def test_healthz_is_ok_and_says_nothing_else(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok"}}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_is_503_when_the_database_does_not_answer(tmp_path):
    app = _make_app(NOWHERE_POSTGRES, tmp_path)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "down", "checks": {"database": "down"}}


def test_healthz_is_503_when_configured_redis_does_not_answer(app, client):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["checks"] == {"database": "ok", "redis": "down"}


def test_healthz_checks_the_real_redis(app, client):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (.ci/run sets it)")
    app.config["REDIS_URL"] = url
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["checks"] == {"database": "ok", "redis": "ok"}


def _sample(text: str, prefix: str) -> float:
    lines = [line for line in text.splitlines() if line.startswith(prefix)]
    assert lines, f"no sample {prefix} in /metrics"
    return float(lines[0].rsplit(" ", 1)[1])


def test_metrics_count_requests_by_endpoint(client):
    for _ in range(3):
        client.get("/login")
    text = client.get("/metrics").get_data(as_text=True)
    count = 'flask_http_request_duration_seconds_count{endpoint="auth.login",method="GET",status="200"}'
    assert _sample(text, count) == 3


def test_metrics_show_the_solve_queue_from_the_database(client):
    team = factories.make_team()
    rotation = Rotation(team_id=team.id, week_start=date(2026, 12, 7))
    db.session.add(rotation)
    db.session.flush()
    db.session.add_all([SolveJob(rotation_id=rotation.id, kind="solve", time_limit_s=5, state=state)
                        for state in ("queued", "queued", "running", "done")])
    db.session.commit()
    text = client.get("/metrics").get_data(as_text=True)
    assert _sample(text, 'rotawell_solve_jobs{state="queued"}') == 2
    assert _sample(text, 'rotawell_solve_jobs{state="running"}') == 1


def test_a_request_is_logged_by_route_and_id_but_never_its_answers(client, auth, caplog):
    auth.login()
    caplog.set_level(logging.INFO, logger="wellbeing")
    form = {"cheerful": "3", "calm": "1", "active": "2", "rested": "4", "interest": "0",
            "note": "marker-7f3a I could not sleep"}
    response = client.post("/checkin", data=form, headers={"X-Request-ID": "req-42"})
    assert response.status_code == 302 and response.headers["X-Request-ID"] == "req-42"
    lines = [r.getMessage() for r in caplog.records if r.name == "wellbeing.requests"]
    assert any("req-42 POST /checkin endpoint=member.checkin status=302" in line for line in lines)
    assert "marker-7f3a" not in caplog.text and "cheerful" not in caplog.text


def test_a_caller_cannot_inject_text_through_the_request_id(client):
    response = client.get("/healthz", headers={"X-Request-ID": "bad id status=200 user=1"})
    assert len(response.headers["X-Request-ID"]) == 32 and " " not in response.headers["X-Request-ID"]


def _failed_checkin_update():
    user = factories.make_user()
    checkin = make_checkin(user, note="marker-91c2 private words")
    db.session.commit()
    checkin.score, checkin.note = 999, "marker-91c2 private words, edited"
    with pytest.raises(IntegrityError) as failure:
        db.session.commit()
    db.session.rollback()
    return failure


def test_a_failed_statement_keeps_its_values_out_of_the_log(app):
    """Neither the bound values (SQLAlchemy) nor the failing row (PostgreSQL's DETAIL) reach a log line."""
    failure = _failed_checkin_update()
    record = logging.LogRecord("wellbeing", logging.ERROR, __file__, 1, "Unhandled error", (),
                               (failure.type, failure.value, failure.tb))
    assert all(f.filter(record) for f in default_handler.filters)
    logged = default_handler.format(record)
    assert "marker-91c2" not in logged and "IntegrityError" in logged and "score_range" in logged
