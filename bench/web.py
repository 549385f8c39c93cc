"""`make bench-web`: the web app at organisation size, loaded from a second process.

Builds the benchmark organisation (bench/web_data.py) in a fresh PostgreSQL schema (and a SQLite
file for the embedded default), serves it with gunicorn (1, 2, 4 workers) or `flask run`, and
measures p50 / p95 and throughput of the main pages and of POST /api/v1/exposures (single posts and
batches, every saved row matched to an answer) with wrk (bench/load.py) at each number of clients;
then 10 simultaneous solves through 2 RQ workers. Replaces the web section of bench/results.md with
the results, the machine's details and load.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402
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


def _cookie(browser: Browser) -> dict:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items())}


def _bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}


BATCH = 10  # sessions per batch post: a tool sending a day's sessions at once
BATCH_SLUGS = ("bias", "cyber", "privacy", "deception", "jailbreak")


def _api_body(tag: str, batch: int | None) -> str:
    """One session today, or a batch of `batch` sessions of one day (today, yesterday or the day before in
    turn, so a member's day does not fill up under the load), 1 minute each; every note names its run,
    client, request and entry."""
    def one(k: int) -> dict:
        return {"category": BATCH_SLUGS[k % len(BATCH_SLUGS)] if batch else "bias",
                "date": "@DAY@" if batch else date.today().isoformat(),
                "minutes": 1, "intensity": 2, "note": f"{tag}-@NOTE@-{k}"}
    return json.dumps([one(k) for k in range(batch)] if batch else one(0))


def _api_load(base: str, url: str, secrets: list[str], seconds: float, tmp: Path, tag: str,
              batch: int | None) -> dict:
    """POST /api/v1/exposures from one client per token; the answers matched to the rows in the database."""
    result = load.run(base, "/api/v1/exposures", [_bearer(s) for s in secrets], seconds, tmp, method="POST",
                      expect=201, body=_api_body(tag, batch), name=tag)
    per_post = batch or 1
    notes = _api_notes(url, tag)
    lost = duplicated = unanswered = 0
    for client, (answered, sent) in result["answered"].items():
        for n in range(1, sent + 1):
            for k in range(per_post):
                count = notes.get(f"{tag}-c{client}-{n}-{k}", 0)
                duplicated += max(count - 1, 0)
                lost += n <= answered and count == 0
                unanswered += n > answered and count > 0  # in flight when the load stopped, saved all the same
    result.update(batch=per_post, logs_per_s=round(result["rps"] * per_post, 1), answered_201=result["n"] * per_post,
                  saved_in_db=sum(notes.values()), lost=lost, duplicated=duplicated, saved_unanswered=unanswered)
    return result


def measure(base: str, plan: dict, url: str, seconds: float, concurrencies: list[int], tmp: Path,
            tokens: list[str], setup: str) -> dict:
    """Each page from each number of signed-in clients, then the API (single posts, then batches)."""
    results = {}
    hr_first = _signed_in(base, plan["hr"])
    hr_first.get("/hr/")  # the first view releases the closed periods' figures (once, then frozen)
    for clients in concurrencies:
        members = [_cookie(_signed_in(base, e)) for e in plan["members"][:clients]]
        managers = [(_cookie(_signed_in(base, e)), rid) for e, rid in plan["managers"][:clients]]
        hr = [_cookie(_signed_in(base, plan["hr"])) for _ in range(clients)]
        pages = {"member home": ("/", members), "exposure log form": ("/exposures", members),
                 "manager review": ([f"/manager/rotations/{rid}" for _m, rid in managers], [m for m, _rid in managers]),
                 "HR dashboard": ("/hr/", hr)}
        for page, (path, headers) in pages.items():
            results[(page, clients)] = load.run(base, path, headers, seconds, tmp, name=f"{setup}-{clients}")
    for clients in concurrencies:
        tag = f"{setup}-single-{clients}"
        results[("POST /api/v1/exposures", clients)] = _api_load(base, url, tokens[:clients], seconds, tmp, tag, None)
        tokens = tokens[clients:]
    clients = concurrencies[0]
    results[(f"POST /api/v1/exposures, batches of {BATCH}", clients)] = _api_load(
        base, url, tokens[:clients], seconds, tmp, f"{setup}-batch-{clients}", BATCH)
    return results


def _api_notes(url: str, tag: str) -> dict[str, int]:
    """How many API rows carry each note of run `tag` (a note names its run, client, request and entry)."""
    from sqlalchemy import func, select

    from wellbeing.extensions import db
    from wellbeing.models import ExposureLog
    app = _app(url)
    with app.app_context():
        rows = db.session.execute(select(ExposureLog.note, func.count()).where(
            ExposureLog.source == "api", ExposureLog.note.like(f"{tag}-%")).group_by(ExposureLog.note)).all()
        db.session.remove()
        db.engine.dispose()
    return dict(rows)


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
            "run_s": (round(min(runs), 1), round(statistics.median(runs), 1), round(max(runs), 1)),
            "load_after": os.getloadavg()[0]}


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


def _verdict(page: str, r: dict) -> str:
    """Met or not; a figure taken with errors, or at a load average above 3, says so."""
    caveats = ([f"{r['errors']} answers not {'201' if page.startswith('POST') else '200'}"] if r["errors"] else [])
    caveats += ["load > 3: not evidence of speed"] if r["load_1min"] > 3 else []
    if page.startswith("POST"):
        intact = r["lost"] == 0 and r["duplicated"] == 0
        met = r["logs_per_s"] >= 300 and not r["errors"]
        verdict = (f"≥300 logs/s: {'met' if met else 'not met'}; {r['answered_201']:,} logs answered 201, "
                   f"{r['saved_in_db']:,} rows in the DB ({r['saved_unanswered']} saved while in flight at the stop); "
                   + ("none lost or duplicated" if intact else f"LOST {r['lost']}, DUPLICATED {r['duplicated']}"))
    else:
        limit = TARGETS.get(page)
        verdict = f"p95 < {limit} ms: {'met' if r['p95_ms'] < limit and not r['errors'] else 'not met'}" if limit else "—"
    return "; ".join([verdict, *caveats])


def render(report: dict, args) -> str:
    """The results as the markdown section of bench/results.md, saying which targets are met at which load."""
    lines = [MARK, "", f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with `wrk` (one connection per "
             f"client, each signed in as its own person or holding its own API token, one request at a time) for "
             f"{args.seconds:g} s per row, the 1-minute load average at the end of each row beside it; load average before {report['load_before'][0]:.1f}, after "
             f"{report['load_after'][0]:.1f}.", "", *report["machine"], "",
             f"Organisation: {report['rows']:,} log and check-in rows, built in {report['build_s']} s with bulk inserts.",
             "", "| setup | page | clients | requests (errors) | p50 ms | p95 ms | max ms | req/s | logs/s | load | target |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for setup, pages in report["runs"].items():
        for (page, clients), r in pages.items():
            logs = r.get("logs_per_s", "")
            lines.append(f"| {setup} | {page} | {clients} | {r['n']} ({r['errors']}) | {r['p50_ms']} | {r['p95_ms']} | "
                         f"{r['max_ms']} | {r['rps']} | {logs} | {r['load_1min']} | {_verdict(page, r)} |")
    for setup, error in report["failed"].items():
        lines.append(f"| {setup} | (run failed: {error}) | | | | | | | | | |")
    sv = report["solves"]
    lines += ["", f"Solves: {sv['jobs']} rotations (25 members, 15 shifts, 10 s limit) queued at once on "
              f"{sv['workers']} RQ workers: {sv['done']} done; wait min/median/max {sv['wait_s']} s, "
              f"run min/median/max {sv['run_s']} s (load average after the solves {sv['load_after']:.1f}).", "",
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


def _printable(runs: dict) -> dict:
    return {setup: {f"{page} @ {clients}": {k: v for k, v in r.items() if k != "answered"}
                    for (page, clients), r in pages.items()} for setup, pages in runs.items()}


def _run_setup(report: dict, name: str, server_of, plan: dict, url: str, args, tokens: list[str], tag: str) -> None:
    """Serve, measure and stop one setup; a failure is recorded and the other setups still run."""
    server = server_of()
    try:
        report["runs"][name] = measure(server.url, plan, url, args.seconds, args.concurrency, args.tmp, tokens, tag)
    except (OSError, RuntimeError, subprocess.SubprocessError) as error:
        report["failed"][name] = repr(error)
    finally:
        server.stop()
    print(json.dumps(_printable(report["runs"]), indent=1), flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", default="4,8", help="clients per page, e.g. 4,8 (the first also for batches)")
    parser.add_argument("--workers", default="1,2,4")
    args = parser.parse_args(argv)
    if load.wrk() is None:
        parser.error("the load generator is wrk: apt-get install wrk")
    args.concurrency = [int(c) for c in args.concurrency.split(",")]
    args.tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"rotawell-bench-{os.getpid()}"
    args.tmp.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "load_before": os.getloadavg(), "runs": {}, "failed": {}}
    sqlite_url = f"sqlite:///{args.tmp / 'embedded.sqlite'}"
    per_setup = sum(args.concurrency) + args.concurrency[0]  # fresh tokens (members) for every API run
    with PostgresSchema() as schema:
        url = postgres_url(schema.name)
        plan = build(url)
        report["rows"], report["build_s"] = plan["rows"], plan["build_s"]
        report["sizes_before"] = table_sizes(url)
        for i, workers in enumerate(int(w) for w in args.workers.split(",")):
            _run_setup(report, f"gunicorn, {workers} worker(s), PostgreSQL",
                       lambda w=workers: serve(url, args.tmp, w), plan, url, args,
                       plan["tokens"][i * per_setup:(i + 1) * per_setup], f"w{workers}")
        report["solves"] = solves(url, plan, args.tmp)
        report["sizes_after"] = table_sizes(url)
        build(sqlite_url)
        _run_setup(report, "embedded: flask run, SQLite", lambda: serve(sqlite_url, args.tmp, None), plan, sqlite_url,
                   args, plan["tokens"][-per_setup:], "embedded")
    report["load_after"] = os.getloadavg()
    write_results(render(report, args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
