"""`make bench-web`: the web app at organisation size, loaded from a second process.

Builds the benchmark organisation (bench/web_data.py) in a fresh PostgreSQL schema (and a SQLite
file for the embedded default), serves it with gunicorn (1, 2, 4 workers) or `flask run`, and
measures p50 / p95 and throughput of the main pages and of POST /api/v1/exposures from client
threads here; then 10 simultaneous solves through 2 RQ workers. Appends the results, with the
machine's details and load, to bench/results.md.
"""
import argparse
import json
import os
import statistics
import sys
import threading
import time
import urllib.request
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import machine  # noqa: E402
from tests.conftest import PostgresSchema, postgres_url  # noqa: E402
from tests.served import Browser, Gunicorn, RqWorker, wait_for  # noqa: E402

PG = os.environ.setdefault("TEST_DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"))
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
SECRET = "3f0c" + uuid.uuid4().hex + uuid.uuid4().hex


def _app(url: str):
    from wellbeing import create_app
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})


def build(url: str) -> dict:
    """Create the schema and fill it; returns the sign-ins and ids the load uses."""
    from bench.web_data import build as fill
    from wellbeing.extensions import db
    app = _app(url)
    with app.app_context():
        db.create_all()
        started = time.monotonic()
        plan = fill(date.today())
        plan["build_s"] = round(time.monotonic() - started, 1)
        db.session.remove()
        db.engine.dispose()
    return plan


def table_sizes(url: str) -> dict[str, str]:
    """On-disk size (with indexes) and row count of the tables that grow, on PostgreSQL."""
    from sqlalchemy import text

    from wellbeing.extensions import db
    app = _app(url)
    with app.app_context():
        query = "SELECT pg_size_pretty(pg_total_relation_size('{0}')), (SELECT count(*) FROM {0})"
        sizes = {t: db.session.execute(text(query.format(t))).one()  # our own table names, not input
                 for t in ("exposure_log", "check_in", "audit_entry", "assignment", "released_cell")}
        db.session.remove()
        db.engine.dispose()
    return {t: f"{size}, {rows:,} rows" for t, (size, rows) in sizes.items()}


def _signed_in(base: str, email: str) -> Browser:
    from bench.web_data import PASSWORD
    for _attempt in range(3):  # a loaded machine can time one out; a sign-in is not what is measured
        browser = Browser(base)
        try:
            status, _where = browser.submit("/login", "/login", {"email": email, "password": PASSWORD})
        except OSError:
            continue
        assert status == 302, f"sign-in of {email} failed ({status})"
        return browser
    raise RuntimeError(f"sign-in of {email} timed out three times")


def _load(clients: list, fetch, seconds: float) -> dict:
    """Run `fetch(client)` in one thread per client for `seconds`; latency percentiles and rate."""
    latencies, errors, stop = [], [], time.monotonic() + seconds

    def run(client):
        while time.monotonic() < stop:
            started = time.perf_counter()
            ok = fetch(client)
            latencies.append(time.perf_counter() - started) if ok else errors.append(1)
    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - began
    cuts = statistics.quantiles(latencies, n=20) if len(latencies) > 20 else [float("nan")] * 19
    return {"n": len(latencies), "errors": len(errors), "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "p95_ms": round(cuts[18] * 1000, 1), "rps": round(len(latencies) / wall, 1)}


def _page(path_of):
    def fetch(client):
        browser, extra = client
        return browser.get(path_of(extra))[0] == 200
    return fetch


def _post_exposure(base: str, counter: list):
    def fetch(secret):
        body = json.dumps({"category": "bias", "date": date.today().isoformat(), "minutes": 1, "intensity": 2}).encode()
        request = urllib.request.Request(base + "/api/v1/exposures", data=body, method="POST", headers={
            "Authorization": f"Bearer {secret}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                ok = response.status == 201
        except urllib.error.HTTPError:
            ok = False
        counter.append(ok)
        return ok
    return fetch


def measure(base: str, plan: dict, url: str, seconds: float, concurrency: int) -> dict:
    """Each page from `concurrency` signed-in clients, then the API; exposure rows counted in the DB."""
    members = [(_signed_in(base, e), None) for e in plan["members"][:concurrency]]
    managers = [(_signed_in(base, e), rid) for e, rid in plan["managers"][:concurrency]]
    hr = [(_signed_in(base, plan["hr"]), None) for _ in range(concurrency)]
    hr[0][0].get("/hr/")  # the first view releases the closed periods' figures (once, then frozen)
    results = {
        "member home": _load(members, _page(lambda _x: "/"), seconds),
        "exposure log form": _load(members, _page(lambda _x: "/exposures"), seconds),
        "manager review": _load(managers, _page(lambda rid: f"/manager/rotations/{rid}"), seconds),
        "HR dashboard": _load(hr, _page(lambda _x: "/hr/"), seconds),
    }
    before, sent = _api_rows(url), []
    results["POST /api/v1/exposures"] = _load(plan["tokens"][:concurrency * 2], _post_exposure(base, sent), seconds)
    saved = _api_rows(url) - before
    results["POST /api/v1/exposures"].update(saved_in_db=saved, answered_201=sum(sent))
    return results


def _api_rows(url: str) -> int:
    from sqlalchemy import func, select

    from wellbeing.extensions import db
    from wellbeing.models import ExposureLog
    app = _app(url)
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(ExposureLog).where(ExposureLog.source == "api"))
        db.session.remove()
        db.engine.dispose()
    return count


def solves(url: str, plan: dict, tmp: Path, jobs: int = 10, workers: int = 2) -> dict:
    """`jobs` rotations queued at once, solved by `workers` RQ workers: wait and run times from the job rows."""
    from sqlalchemy import select

    from wellbeing.extensions import db
    from wellbeing.models import Rotation, SolveJob, User
    from wellbeing.services.solving import queue_solve
    queue = f"rotawell-bench-{uuid.uuid4().hex[:8]}"
    app = _app(url)
    app.config.update(REDIS_URL=REDIS, RQ_QUEUE=queue)
    with app.app_context():
        ids = []
        for email, rid in plan["managers"][:jobs]:
            manager = db.session.scalar(select(User).where(User.email == email))
            ids.append(queue_solve(manager, db.session.get(Rotation, rid), 10).id)
        env = {"DATABASE_URL": url, "REDIS_URL": REDIS, "RQ_QUEUE": queue, "SECRET_KEY": SECRET}
        started = [RqWorker(env, tmp / f"rq-{i}.log") for i in range(workers)]
        try:
            def all_done():
                db.session.expire_all()
                rows = db.session.scalars(select(SolveJob).where(SolveJob.id.in_(ids))).all()
                return rows if all(r.state in ("done", "failed") for r in rows) else None
            rows = wait_for(all_done, 900, "the benchmark solves")
        finally:
            for worker in started:
                worker.stop()
        waits = [(r.started_at - r.created_at).total_seconds() for r in rows]
        runs = [(r.finished_at - r.started_at).total_seconds() for r in rows]
        states = [r.state for r in rows]
        db.session.remove()
        db.engine.dispose()
    return {"jobs": jobs, "workers": workers, "done": states.count("done"),
            "wait_s": (round(min(waits), 1), round(statistics.median(waits), 1), round(max(waits), 1)),
            "run_s": (round(min(runs), 1), round(statistics.median(runs), 1), round(max(runs), 1))}


def serve(url: str, tmp: Path, workers: int | None) -> Gunicorn:
    """gunicorn with `workers` workers on PostgreSQL, or `flask run` (the embedded default) when None."""
    env = {"ROTAWELL_CONFIG": "production", "SECRET_KEY": SECRET, "DATABASE_URL": url,
           "PROMETHEUS_MULTIPROC_DIR": str(tmp / f"metrics-{workers}"), "LOG_LEVEL": "WARNING"}
    if workers is None:
        env.pop("PROMETHEUS_MULTIPROC_DIR")
        return Gunicorn({**env, "FLASK_APP": "wellbeing:create_app"}, tmp / "flask.log", workers=0,
                        command=[sys.executable, "-m", "flask", "run", "--port", "0"])
    return Gunicorn(env, tmp / f"gunicorn-{workers}.log", workers=workers)


TARGETS = {"member home": 100, "exposure log form": 100, "manager review": None, "HR dashboard": 500}
MARK = "## Web benchmark (`make bench-web`)"


def render(report: dict, args) -> str:
    """The results as the markdown section of bench/results.md, saying which targets are met."""
    lines = [MARK, "", f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
             f"{args.concurrency} client threads per page for {args.seconds:g} s (the API: twice as many, one token "
             f"each); load average before {report['load_before'][0]:.1f}, after {report['load_after'][0]:.1f}.", "", *report["machine"], "",
             f"Organisation: {report['rows']:,} log and check-in rows, built in {report['build_s']} s with bulk inserts.",
             "", "| setup | page | requests | p50 ms | p95 ms | req/s | target |", "|---|---|---|---|---|---|---|"]
    for setup, pages in report["runs"].items():
        for page, r in pages.items():
            limit = TARGETS.get(page)
            if page.startswith("POST"):
                intact = r["saved_in_db"] == r["answered_201"]
                verdict = (f"≥300/s: {'met' if r['rps'] >= 300 else 'not met'}; {r['answered_201']} answered 201, "
                           f"{r['saved_in_db']} rows in the DB ({'none lost or duplicated' if intact else 'MISMATCH'})")
            else:
                verdict = f"p95 < {limit} ms: {'met' if r['p95_ms'] < limit else 'not met'}" if limit else "—"
            lines.append(f"| {setup} | {page} | {r['n']} ({r['errors']} errors) | {r['p50_ms']} | {r['p95_ms']} | "
                         f"{r['rps']} | {verdict} |")
    for setup, error in report["failed"].items():
        lines.append(f"| {setup} | (run failed: {error}) | | | | | |")
    sv = report["solves"]
    lines += ["", f"Solves: {sv['jobs']} rotations (25 members, 15 shifts, 10 s limit) queued at once on "
              f"{sv['workers']} RQ workers: {sv['done']} done; wait min/median/max {sv['wait_s']} s, "
              f"run min/median/max {sv['run_s']} s.", "",
              "PostgreSQL sizes (table + indexes) after the build: "
              + "; ".join(f"{t}: {v}" for t, v in report["sizes_before"].items()) + ".",
              "After the load and the solves: " + "; ".join(f"{t}: {v}" for t, v in report["sizes_after"].items()) + ".",
              ""]
    return "\n".join(lines)


def write_results(section: str) -> None:
    """Replace the web section of bench/results.md (or add it at the end)."""
    path = ROOT / "bench" / "results.md"
    text = path.read_text()
    head = text.split(MARK)[0].rstrip()
    rest = text.split(MARK, 1)[1].split("\n## ", 1) if MARK in text else None
    tail = ("\n\n## " + rest[1]) if rest and len(rest) > 1 else ""
    path.write_text(f"{head}\n\n{section}{tail}\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", default="1,2,4")
    args = parser.parse_args(argv)
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"rotawell-bench-{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "load_before": os.getloadavg(), "runs": {}, "failed": {}}
    sqlite_url = f"sqlite:///{tmp / 'embedded.sqlite'}"
    with PostgresSchema() as schema:
        url = postgres_url(schema.name)
        plan = build(url)
        report["rows"], report["build_s"] = plan["rows"], plan["build_s"]
        report["sizes_before"] = table_sizes(url)
        for workers in [int(w) for w in args.workers.split(",")]:
            name = f"gunicorn, {workers} worker(s), PostgreSQL"
            server = serve(url, tmp, workers)
            try:
                report["runs"][name] = measure(server.url, plan, url, args.seconds, args.concurrency)
            except (OSError, RuntimeError) as error:  # recorded, and the other setups still run
                report["failed"][name] = repr(error)
            finally:
                server.stop()
            print(json.dumps(report["runs"], indent=1), flush=True)
        report["solves"] = solves(url, plan, tmp)
        report["sizes_after"] = table_sizes(url)
        build(sqlite_url)
        server = serve(sqlite_url, tmp, None)
        try:
            report["runs"]["embedded: flask run, SQLite"] = measure(server.url, plan, sqlite_url, args.seconds,
                                                                     args.concurrency)
        except (OSError, RuntimeError) as error:
            report["failed"]["embedded: flask run, SQLite"] = repr(error)
        finally:
            server.stop()
    report["load_after"] = os.getloadavg()
    write_results(render(report, args))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
