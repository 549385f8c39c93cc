"""Real concurrent HTTP requests at a real server: caps hold, nothing is lost or duplicated, no job sticks."""
import json
from datetime import date, timedelta

import pytest
import requests
from sqlalchemy import func, select

from scheduler.check import verify
from tests import factories
from tests.checkin_factories import make_log
from tests.live_server import live_backends, live_server, together
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import Category, CheckIn, ExposureLog, Rotation, SolveJob, User
from wellbeing.services import solving
from wellbeing.services.tokens import create_token

TODAY = date.today()
CHECKIN = {"cheerful": "3", "calm": "3", "active": "2", "rested": "4", "interest": "1"}


@pytest.fixture(params=live_backends())
def server(request, tmp_path):
    with live_server(request.param, tmp_path) as running:
        yield running


def _members(app, count: int):
    """`count` members, each with an API token; returns [(user_id, email, secret)]."""
    with app.app_context():
        factories.make_category(slug="violence", name="Violent content", severity=3, max_hours_per_day=24)
        users = [factories.make_user(roles=["member"]) for _ in range(count)]
        db.session.commit()
        return [(u.id, u.email, create_token(u, "race")[1]) for u in users]


def _post_exposure(base, secret, day: date, minutes: int):
    body = {"category": "violence", "date": day.isoformat(), "minutes": minutes, "intensity": 3}
    return requests.post(f"{base}/api/v1/exposures", json=body, timeout=60,
                         headers={"Authorization": f"Bearer {secret}"}).status_code


def test_the_day_total_race_is_never_won(server):
    app, base = server
    [(user_id, _email, secret)] = _members(app, 1)
    days = [TODAY - timedelta(days=i) for i in range(20)]
    with app.app_context():
        user, category = db.session.get(User, user_id), db.session.scalar(select(Category))
        for day in days:
            make_log(user, category, day=day, minutes=1)  # a day that holds one minute already
        db.session.commit()
    outcomes = [sorted(together([lambda d=day: _post_exposure(base, secret, d, 720)] * 2)) for day in days]
    assert sum(o == [201, 201] for o in outcomes) == 0, outcomes  # 0 of 20 races won
    assert all(o == [201, 409] for o in outcomes), outcomes
    with app.app_context():
        totals = dict(db.session.execute(select(ExposureLog.day, func.sum(ExposureLog.minutes))
                                         .group_by(ExposureLog.day)).all())
    assert totals == {day: 721 for day in days}


def _signed_in(base, email):
    session = requests.Session()
    response = session.post(f"{base}/login", data={"email": email, "password": factories.PASSWORD},
                            allow_redirects=False, timeout=60)
    assert response.status_code == 302
    return session


def test_simultaneous_logs_and_check_ins_lose_nothing_and_duplicate_nothing(server):
    app, base = server
    members = _members(app, 6)
    sessions = [_signed_in(base, email) for _id, email, _secret in members]
    calls = []
    for (_id, _email, secret), session in zip(members, sessions):
        calls += [lambda s=secret, n=n: _post_exposure(base, s, TODAY - timedelta(days=n), 30 + n) for n in range(3)]
        calls.append(lambda s=session: s.post(f"{base}/checkin", data=CHECKIN, allow_redirects=False,
                                              timeout=60).status_code)
    statuses = together(calls)
    assert statuses == ([201, 201, 201, 302] * len(members)), statuses
    with app.app_context():
        logs = db.session.execute(select(ExposureLog.user_id, ExposureLog.day, ExposureLog.minutes)).all()
        checkins = db.session.scalars(select(CheckIn.user_id)).all()
    expected = {(uid, TODAY - timedelta(days=n), 30 + n) for uid, _e, _s in members for n in range(3)}
    assert len(logs) == len(expected) and set(logs) == expected
    assert sorted(checkins) == sorted(uid for uid, _e, _s in members)


def test_two_managers_generating_the_same_week_at_once_end_with_one_consistent_rotation(server):
    app, base = server
    with app.app_context():
        team, manager, _people, violence, bias = small_team()
        second = factories.make_user(roles=["manager"], team=team)
        db.session.commit()
        emails, category_ids = [manager.email, second.email], [violence.id, bias.id]
    first, other = (_signed_in(base, email) for email in emails)
    rotation_url = first.post(f"{base}/manager/rotations", data={"day": NEXT_MONDAY.isoformat()},
                              allow_redirects=False, timeout=60).headers["Location"]
    rotation_id = int(rotation_url.rsplit("/", 1)[1])
    for category_id in category_ids:
        first.post(f"{base}/manager/rotations/{rotation_id}/shifts", timeout=60, data={
            "category_id": category_id, "day": NEXT_MONDAY.isoformat(), "hours": "2", "people": "2"})
    pages = together([lambda s=s: s.post(f"{base}/manager/rotations/{rotation_id}/generate",
                                         data={"time_limit_s": "1"}, timeout=60) for s in (first, other)])
    assert all(page.status_code == 200 for page in pages)
    solving._executor.submit(lambda: None).result(timeout=60)  # one worker: every queued job has ended
    with app.app_context():
        jobs = db.session.scalars(select(SolveJob).order_by(SolveJob.id)).all()
        rotation = db.session.get(Rotation, rotation_id)
        assert [job.state for job in jobs] == ["done"] * len(jobs)
        refused = "already running" in "".join(page.text for page in pages)
        assert (len(jobs) == 1 and refused) or _one_after_another(jobs)
        instance, solution = json.loads(rotation.instance_json), json.loads(rotation.solution_json)
        assert verify(instance, solution).ok
        stored = {(a["member"], a["shift"]) for a in solution["assignments"]}
        assert stored == {(f"u{a.user_id}", f"s{s.id}") for s in rotation.shifts for a in s.assignments}


def _one_after_another(jobs) -> bool:
    """No two of the jobs ran at the same time."""
    return all(later.started_at >= earlier.finished_at for earlier, later in zip(jobs, jobs[1:]))
