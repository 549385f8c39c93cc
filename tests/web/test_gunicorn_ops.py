"""Under gunicorn with several workers /healthz answers and /metrics adds up every worker's samples."""
import secrets
import importlib.util
import os
import secrets
from types import SimpleNamespace

import pytest

from tests.served import ROOT, Gunicorn, get, get_json
from wellbeing import create_app
from wellbeing.extensions import db

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("served")


@pytest.fixture(scope="module")
def sqlite_file(served_dir):
    """A SQLite file with the schema, for a server in another process."""
    url = f"sqlite:///{served_dir / 'served.sqlite'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(sqlite_file, served_dir):
    """One gunicorn with two workers for the module (starting one takes seconds)."""
    metrics_dir = served_dir / "metrics"
    env = {"ROTAWELL_CONFIG": "production", "SECRET_KEY": secrets.token_hex(32), "DATABASE_URL": sqlite_file,
           "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    gunicorn = Gunicorn(env, served_dir / "gunicorn.log", workers=2)
    yield SimpleNamespace(url=gunicorn.url, metrics_dir=metrics_dir, log=gunicorn.log)
    gunicorn.stop()


def test_healthz_and_metrics_under_gunicorn(server):
    before = _healthz_count(get(server.url + "/metrics")[1])
    assert get_json(server.url + "/healthz") == (200, {"status": "ok", "checks": {"database": "ok"}})
    for _ in range(19):
        assert get(server.url + "/healthz")[0] == 200
    status, text = get(server.url + "/metrics")
    assert status == 200
    assert _healthz_count(text) - before == 20  # summed over the workers' files
    assert 'rotawell_solve_jobs{state="queued"} 0.0' in text
    assert any(name.startswith("histogram_") for name in os.listdir(server.metrics_dir))


def _healthz_count(text: str) -> float:
    lines = [line for line in text.splitlines()
             if line.startswith('flask_http_request_duration_seconds_count{endpoint="ops.healthz"')]
    return float(lines[0].rsplit(" ", 1)[1]) if lines else 0.0


def test_requests_are_logged_with_their_id(server):
    get(server.url + "/login", headers={"X-Request-ID": "probe-1"})
    assert "rid=probe-1" in server.log() and "endpoint=auth.login status=200" in server.log()


def test_child_exit_retires_a_dead_workers_live_gauges(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    (tmp_path / "gauge_livesum_4242.db").write_bytes(b"")
    (tmp_path / "gauge_livesum_4343.db").write_bytes(b"")
    conf.child_exit(None, SimpleNamespace(pid=4242))
    assert sorted(os.listdir(tmp_path)) == ["gauge_livesum_4343.db"]
