"""A real HTTP server for concurrency tests: the app on werkzeug's threaded server, on a free port."""
import os
import threading
from contextlib import contextmanager

from werkzeug.serving import make_server

from tests.conftest import PostgresSchema, postgres_url
from wellbeing import create_app
from wellbeing.extensions import db


def live_backends() -> list[str]:
    """A SQLite file (WAL) always; PostgreSQL too when TEST_DATABASE_URL is set."""
    return ["sqlite", "postgresql"] if os.environ.get("TEST_DATABASE_URL") else ["sqlite"]


@contextmanager
def _database(backend: str, tmp_path):
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'live.sqlite'}"
        return
    with PostgresSchema() as schema:
        yield postgres_url(schema.name)


@contextmanager
def live_server(backend: str, tmp_path, **config):
    """Yield (app, base_url) with the tables created; requests are served on their own threads."""
    with _database(backend, tmp_path) as url:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False, **config})
        app.instance_path = str(tmp_path)
        with app.app_context():
            db.create_all()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield app, f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            thread.join()
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def together(calls: list) -> list:
    """Run every zero-argument call on its own thread, released at the same instant; their results in order."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001  reported to the test as the result
            results[index] = error
    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
