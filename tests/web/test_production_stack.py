"""`make prod` as the README gives it: migrations, gunicorn with two workers and an RQ worker under
honcho, on the local PostgreSQL and Redis; a manager solves a week through the worker."""
import secrets
import json
import os
import re
import uuid

import pytest
import redis

from tests import factories
from tests.conftest import PostgresSchema, _make_app, postgres_url
from tests.served import Browser, Gunicorn, get, get_json, wait_for
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db

pytestmark = pytest.mark.slow


@pytest.fixture
def production(tmp_path):
    if not (os.environ.get("TEST_DATABASE_URL") and os.environ.get("TEST_REDIS_URL")):
        pytest.skip("the production stack needs TEST_DATABASE_URL and TEST_REDIS_URL (.ci/run sets both)")
    queue = f"rotawell-stack-{uuid.uuid4().hex[:10]}"
    with PostgresSchema() as schema:
        url = postgres_url(schema.name)
        env = {"DATABASE_URL": url, "REDIS_URL": os.environ["TEST_REDIS_URL"], "SECRET_KEY": secrets.token_hex(32),
               "RQ_QUEUE": queue, "RQ_WORKERS": "1", "SOLVE_HEARTBEAT_S": "1",
               "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"), "MAKEFLAGS": ""}
        stack = Gunicorn(env, tmp_path / "stack.log", workers=2,
                         command=["make", "--no-print-directory", "-o", ".venv/installed", "prod"])
        try:
            yield stack, url
        finally:
            stack.stop()
            connection = redis.Redis.from_url(os.environ["TEST_REDIS_URL"])
            for key in connection.scan_iter(match=f"*{queue}*"):
                connection.delete(key)


def _seed_week(url, tmp_path):
    """A team, its manager and members, in the database the stack migrated."""
    app = _make_app(url, tmp_path)
    with app.app_context():
        team, manager, people, violence, bias = small_team()
        ids = (manager.email, violence.id, bias.id)
        db.session.remove()
        db.engine.dispose()
    return ids


def test_make_prod_serves_health_metrics_and_solves_on_the_worker(production, tmp_path):
    stack, url = production
    assert get_json(stack.url + "/healthz") == (200, {"status": "ok", "checks": {"database": "ok", "redis": "ok"}})
    email, violence_id, bias_id = _seed_week(url, tmp_path)
    browser = Browser(stack.url)
    assert browser.submit("/login", "/login", {"email": email, "password": factories.PASSWORD})[0] == 302
    status, location = browser.submit("/manager/", "/manager/rotations", {"day": NEXT_MONDAY.isoformat()})
    rotation = location.rstrip("/").rsplit("/", 1)[1]
    for category_id in (violence_id, bias_id):
        browser.submit(f"/manager/rotations/{rotation}", f"/manager/rotations/{rotation}/shifts",
                       {"category_id": category_id, "day": NEXT_MONDAY.isoformat(), "hours": "2", "people": "2"})
    browser.submit(f"/manager/rotations/{rotation}", f"/manager/rotations/{rotation}/generate", {"time_limit_s": "2"})
    job_url = re.search(r'data-url="(/manager/jobs/\d+)"', browser.get(f"/manager/rotations/{rotation}")[1]).group(1)

    def finished():
        state = json.loads(browser.get(job_url)[1])
        return state if state["state"] in ("done", "failed") else None
    assert wait_for(finished, 120, "the worker to solve the week")["state"] == "done"
    text = get(stack.url + "/metrics")[1]
    assert 'rotawell_solve_job_seconds_count{kind="solve",outcome="done"} 1.0' in text  # written by the worker
    assert 'flask_http_request_duration_seconds_count{endpoint="manager.rotation"' in text
    assert "worker.1" in stack.log() and "web.1" in stack.log()
