"""Benchmark HR's dashboards and exports on a large organisation, on SQLite and PostgreSQL.

`make bench-hr` (python -m bench.hr) builds 1,000 members in 40 teams with two years of weekday
exposure logs and fortnightly check-ins (about 500,000 rows), releases every closed period (the daily
task's work, done once here), then times dashboard, export and transparency requests through the app
with varied filters, and writes the p50 / p95 into bench/results.md between the HR markers.
Not a timed test. Options: --backends sqlite,postgresql --members 1000 --teams 40 --days 730 --requests 40
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

RESULTS = Path(__file__).parent / "results.md"
START, END = "<!-- hr-bench:start -->", "<!-- hr-bench:end -->"
PG = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "bench-hr-password"


def _url(backend: str) -> str:
    if backend == "sqlite":
        path = Path("/tmp/rotawell-bench-hr.sqlite")
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    engine = sa.create_engine(PG, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text("DROP SCHEMA IF EXISTS bench_hr CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA bench_hr"))
    engine.dispose()
    return f"{PG}?options=-csearch_path%3Dbench_hr"


def _populate(args, rng: random.Random) -> dict:
    """Teams, members (5% moved once), logs and check-ins, inserted in bulk with SQLAlchemy Core."""
    from wellbeing.defaults import ensure_defaults
    from wellbeing.extensions import db
    from wellbeing.models import Category, CheckIn, ExposureLog, Prompt, Team, TeamMembership, User, UserRole

    ensure_defaults()
    categories = db.session.execute(sa.select(Category.id, Category.max_hours_per_day)).all()
    db.session.execute(sa.insert(Team), [{"name": f"Team {i:02d}"} for i in range(args.teams)])
    teams = db.session.scalars(sa.select(Team.id)).all()
    digest = generate_password_hash(PASSWORD)
    users = [{"email": f"m{i}@bench.example", "name": f"Bench Member {i}", "password_hash": digest,
              "team_id": teams[i % len(teams)]} for i in range(args.members)]
    users.append({"email": "hr@bench.example", "name": "Bench HR", "password_hash": digest, "team_id": None})
    db.session.execute(sa.insert(User), users)
    ids = dict(db.session.execute(sa.select(User.email, User.id)).all())
    db.session.execute(sa.insert(UserRole), [{"user_id": ids[u["email"]], "role": "member"} for u in users[:-1]]
                       + [{"user_id": ids["hr@bench.example"], "role": "hr"}])
    today = date.today()
    first = today - timedelta(days=args.days)
    memberships = []
    for u in users[:-1]:
        if rng.random() < 0.05:  # moved once, half-way
            middle = first + timedelta(days=args.days // 2)
            memberships += [{"user_id": ids[u["email"]], "team_id": rng.choice(teams), "valid_from": date(2000, 1, 1),
                             "valid_to": middle}, {"user_id": ids[u["email"]], "team_id": u["team_id"],
                                                   "valid_from": middle}]
        else:
            memberships.append({"user_id": ids[u["email"]], "team_id": u["team_id"], "valid_from": date(2000, 1, 1)})
    db.session.execute(sa.insert(TeamMembership), memberships)
    logs = checkins = 0
    member_ids = [ids[u["email"]] for u in users[:-1]]
    batch: list[dict] = []
    for day_offset in range(args.days, 0, -1):
        day = today - timedelta(days=day_offset)
        if day.weekday() >= 5:
            continue
        for uid in member_ids:
            if rng.random() < 0.3:
                continue
            for cid, cap in rng.sample(categories, 2 if rng.random() < 0.35 else 1):
                batch.append({"user_id": uid, "category_id": cid, "day": day, "intensity": rng.randint(1, 5),
                              "minutes": rng.randrange(15, int(min(cap, 3) * 60) + 1, 15), "source": "form"})
        if len(batch) > 20000:
            db.session.execute(sa.insert(ExposureLog), batch)
            logs += len(batch)
            batch = []
    db.session.execute(sa.insert(ExposureLog), batch)
    logs += len(batch)
    rows, prompts = [], []
    for uid in member_ids:
        for offset in range(args.days - rng.randint(0, 13), 0, -14):
            moment = datetime.combine(today - timedelta(days=offset), datetime.min.time(), timezone.utc) + \
                timedelta(hours=10)
            answers = [rng.randint(1, 5) for _ in range(5)]
            rows.append({"user_id": uid, "instrument": "who5", "answers": answers, "score": 4 * sum(answers),
                         "created_at": moment})
            prompts.append({"user_id": uid, "reason": "scheduled", "state": "answered", "created_at": moment,
                            "answered_at": moment})
    for chunk in range(0, len(rows), 20000):
        db.session.execute(sa.insert(CheckIn), rows[chunk:chunk + 20000])
        db.session.execute(sa.insert(Prompt), prompts[chunk:chunk + 20000])
    checkins = len(rows)
    db.session.commit()
    return {"logs": logs, "checkins": checkins, "prompts": len(prompts), "teams": teams}


def _time(client, urls: list[str]) -> tuple[float, float, float]:
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)], max(times)


def run(backend: str, args) -> dict:
    """Build, release and time one backend; returns its measurements."""
    from wellbeing import create_app
    from wellbeing.extensions import db
    from wellbeing.hr.sections import SECTIONS
    from wellbeing.services.releases import release_all

    rng = random.Random(17)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _url(backend), "WTF_CSRF_ENABLED": False})
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        sizes = _populate(args, rng)
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        released = release_all(date.today(), weeks=args.days // 7, months=args.days // 31)
        release_s = time.perf_counter() - started
        groups = ["all", "tier:3", "tier:4", "tier:1", "cat:1", "cat:5"]
        pick = lambda: (f"team={rng.choice([''] + [str(t) for t in sizes['teams']])}&group={rng.choice(groups)}"  # noqa: E731
                        f"&weeks={rng.choice(['4', '12', '26', '52'])}")
        client = app.test_client()
        client.post("/login", data={"email": "hr@bench.example", "password": PASSWORD})
        result = {"backend": backend, **{k: v for k, v in sizes.items() if k != "teams"}, "build_s": build_s,
                  "released": released, "release_s": release_s,
                  "dashboard": _time(client, [f"/hr/?{pick()}" for _ in range(args.requests)]),
                  "export": _time(client, [f"/hr/export/{rng.choice(SECTIONS)}.csv?{pick()}"
                                           for _ in range(args.requests)]),
                  "transparency": _time(client, ["/hr/transparency"] * 5)}
        db.session.remove()
        db.engine.dispose()
    return result


def _write(results: list[dict], args) -> None:
    load = os.getloadavg()
    lines = [START, "# HR dashboards benchmark", "",
             f"Measured with `python -m bench.hr` (`make bench-hr`) on {date.today().isoformat()}: "
             f"{args.members} members in {args.teams} teams, {args.days} days of weekday logs and fortnightly "
             f"check-ins; {args.requests} dashboard and {args.requests} export requests with random filters "
             "(team or organisation, group, 4-52 weeks) through the Flask test client, after every closed period "
             "was released (the daily `flask hr release` does one week's share of that).", "",
             f"- Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}; load average at the end {load[0]:.1f} / {load[1]:.1f} / "
             f"{load[2]:.1f}", "",
             "| backend | logs | check-ins | build s | periods released | release s | dashboard p50 / p95 / max ms "
             "| export p50 / p95 / max ms | transparency p50 / p95 ms |", "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        d, e, t = r["dashboard"], r["export"], r["transparency"]
        lines.append(f"| {r['backend']} | {r['logs']:,} | {r['checkins']:,} | {r['build_s']:.0f} | {r['released']} | "
                     f"{r['release_s']:.0f} | {d[0]:.0f} / {d[1]:.0f} / {d[2]:.0f} | {e[0]:.0f} / {e[1]:.0f} / "
                     f"{e[2]:.0f} | {t[0]:.0f} / {t[1]:.0f} |")
    lines.append(END)
    text = RESULTS.read_text() if RESULTS.exists() else ""
    block = "\n".join(lines)
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    RESULTS.write_text(pattern.sub(block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--teams", type=int, default=40)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    results = []
    for backend in args.backends.split(","):
        results.append(run(backend, args))
        print(results[-1])
    _write(results, args)


if __name__ == "__main__":
    main()
