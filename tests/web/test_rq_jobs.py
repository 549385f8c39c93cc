"""Solve jobs on a real Redis with real RQ workers (`flask jobs worker`): done, queued in order with
their place shown, a killed worker, a job past its limit, a queue that is down or lost the job."""
import json
import os
import signal
import uuid
from types import SimpleNamespace

import pytest
import redis
from sqlalchemy import select

from scheduler.check import verify
from scheduler.generate import generate
from scheduler.io import instance_to_dict
from tests import factories
from tests.conftest import PostgresSchema, _make_app, postgres_url
from tests.served import RqWorker, children, wait_for
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import Assignment, Category, Rotation, Shift, SolveJob
from wellbeing.services import solve_queue, solving

pytestmark = pytest.mark.slow


@pytest.fixture
def redis_url():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (.ci/run sets it to the local Redis)")
    return url


@pytest.fixture
def shared_database(tmp_path):
    """A database the worker process can open too: PostgreSQL when configured, else a SQLite file."""
    if os.environ.get("TEST_DATABASE_URL"):
        with PostgresSchema() as schema:
            yield postgres_url(schema.name)
    else:
        yield f"sqlite:///{tmp_path / 'jobs.sqlite'}"


@pytest.fixture
def stack(shared_database, redis_url, tmp_path):
    """The app on RQ with a queue of its own, and a way to start workers on the same database."""
    queue = f"rotawell-test-{uuid.uuid4().hex[:10]}"
    app = _make_app(shared_database, tmp_path, REDIS_URL=redis_url, RQ_QUEUE=queue, SOLVE_HEARTBEAT_S=1)
    workers = []

    def worker(burst=False):
        env = {"DATABASE_URL": shared_database, "REDIS_URL": redis_url, "RQ_QUEUE": queue,
               "SOLVE_HEARTBEAT_S": "1"}
        workers.append(RqWorker(env, tmp_path / f"worker-{len(workers)}.log", burst=burst))
        return workers[-1]

    with app.app_context():
        db.create_all()
        yield SimpleNamespace(app=app, client=app.test_client(), worker=worker, queue=queue)
        for started in workers:
            started.stop()
        connection = redis.Redis.from_url(redis_url)
        for key in connection.scan_iter(match=f"*{queue}*"):
            connection.delete(key)
        db.session.remove()
        db.engine.dispose()


def _week(client, team_number: int = 0):
    """A signed-in manager's draft week with two shifts (the categories are made with the first team)."""
    if team_number == 0:
        team, manager, _people, violence, bias = small_team()
    else:
        team = factories.make_team(name=f"Queued team {team_number}")
        manager = factories.make_user(roles=["manager"], team=team)
        for i in range(4):
            factories.make_user(roles=["member"], team=team, name=f"Member {team_number}.{i}")
        db.session.commit()
    client.post("/logout")
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    response = client.post("/manager/rotations", data={"day": NEXT_MONDAY.isoformat()})
    rotation = db.session.get(Rotation, int(response.headers["Location"].rsplit("/", 1)[1]))
    for category in db.session.scalars(select(Category)):
        client.post(f"/manager/rotations/{rotation.id}/shifts", data={
            "category_id": category.id, "day": NEXT_MONDAY.isoformat(), "hours": "2", "people": "2"})
    return rotation


def _latest_job(rotation) -> SolveJob:
    db.session.expire_all()
    return db.session.scalar(select(SolveJob).where(SolveJob.rotation_id == rotation.id).order_by(SolveJob.id.desc()))


def _poll_until_finished(client, job_id, timeout=90):
    def finished():
        status = client.get(f"/manager/jobs/{job_id}").get_json()
        return status if status["state"] in ("done", "failed") else None
    return wait_for(finished, timeout, f"solve job {job_id} to finish")


def _slow_job(app, rotation, time_limit_s: float) -> SolveJob:
    """A job on a 40-member generated instance whose own limit is 60 s: it runs until stopped."""
    rotation.instance_json = json.dumps(instance_to_dict(generate("L", 1, tightness=1.3, time_limit_s=60)))
    job = SolveJob(rotation_id=rotation.id, kind="solve", time_limit_s=time_limit_s, state="queued")
    db.session.add(job)
    db.session.commit()
    solving.runner_for(app).submit(app, job)
    return job


def _nothing_written(rotation) -> bool:
    db.session.expire_all()
    assigned = db.session.scalar(select(Assignment.id).join(Shift).where(Shift.rotation_id == rotation.id))
    return rotation.solution_json is None and assigned is None


def test_a_solve_runs_on_an_rq_worker(stack):
    rotation = _week(stack.client)
    stack.client.post(f"/manager/rotations/{rotation.id}/generate", data={"time_limit_s": "2"})
    job = _latest_job(rotation)
    assert job.state == "queued"
    stack.worker()
    status = _poll_until_finished(stack.client, job.id)
    assert status["state"] == "done", status
    db.session.refresh(rotation)
    assert verify(json.loads(rotation.instance_json), json.loads(rotation.solution_json)).ok


def test_solves_of_several_managers_queue_in_order_and_show_their_place(stack):
    rotations = []
    for number in range(3):
        rotations.append(_week(stack.client, number))
        stack.client.post(f"/manager/rotations/{rotations[-1].id}/generate", data={"time_limit_s": "1"})
    jobs = [_latest_job(r) for r in rotations]
    assert [stack.client.get(f"/manager/jobs/{j.id}").get_json()["ahead"] for j in jobs[2:]] == [2]
    page = stack.client.get(f"/manager/rotations/{rotations[2].id}").get_data(as_text=True)
    assert "waiting in the queue: 2 solves ahead of this one" in page
    assert stack.worker(burst=True).wait(timeout=180) == 0
    db.session.expire_all()
    finished = [db.session.get(SolveJob, j.id) for j in jobs]
    assert [j.state for j in finished] == ["done"] * 3
    starts = [j.started_at for j in finished]
    assert starts == sorted(starts)  # first queued, first solved


def test_a_worker_killed_mid_solve_fails_the_job_and_a_new_solve_works(stack):
    rotation = _week(stack.client)
    job = _slow_job(stack.app, rotation, time_limit_s=60)
    worker = stack.worker()
    wait_for(lambda: _latest_job(rotation).state == "running", 90, "the worker to start the job")
    worker.kill()
    status = _poll_until_finished(stack.client, job.id, timeout=30)  # stale after 4 missed heartbeats
    assert status["state"] == "failed" and "worker stopped while solving" in status["message"]
    assert _nothing_written(rotation)
    stack.client.post(f"/manager/rotations/{rotation.id}/generate", data={"time_limit_s": "1"})
    retry = _latest_job(rotation)
    assert retry.id != job.id
    stack.worker()
    assert _poll_until_finished(stack.client, retry.id)["state"] == "done"


def test_a_job_past_its_limit_is_stopped_and_reported(stack):
    stack.app.config["SOLVE_TIMEOUT_MARGIN_S"] = 0
    rotation = _week(stack.client)
    job = _slow_job(stack.app, rotation, time_limit_s=2)
    stack.worker()
    status = _poll_until_finished(stack.client, job.id)
    assert status["state"] == "failed" and "ran past its limit" in status["message"], status
    assert _nothing_written(rotation)


def test_a_queue_that_does_not_answer_fails_the_solve_with_a_message(stack):
    stack.app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    rotation = _week(stack.client)
    page = stack.client.post(f"/manager/rotations/{rotation.id}/generate", data={"time_limit_s": "1"},
                             follow_redirects=True).get_data(as_text=True)
    assert _latest_job(rotation).state == "failed" and "solve queue is not answering" in page


def test_a_job_lost_from_the_queue_is_failed_not_waiting_forever(stack):
    rotation = _week(stack.client)
    stack.client.post(f"/manager/rotations/{rotation.id}/generate", data={"time_limit_s": "1"})
    job = _latest_job(rotation)
    redis.Redis.from_url(stack.app.config["REDIS_URL"]).delete(f"rq:job:{solve_queue.rq_job_id(stack.app, job.id)}")
    status = stack.client.get(f"/manager/jobs/{job.id}").get_json()
    assert status["state"] == "failed" and "lost from the queue" in status["message"]


def test_a_work_horse_killed_alone_is_reported_by_its_worker_at_once(stack):
    stack.app.config["SOLVE_HEARTBEAT_S"] = 600  # so only the worker's report can fail the job in time
    rotation = _week(stack.client)
    job = _slow_job(stack.app, rotation, time_limit_s=60)
    worker = stack.worker()
    wait_for(lambda: _latest_job(rotation).state == "running", 90, "the worker to start the job")
    for horse in children(worker.process.pid):
        os.kill(horse, signal.SIGKILL)
    status = _poll_until_finished(stack.client, job.id, timeout=30)
    assert status["state"] == "failed" and "worker stopped while solving" in status["message"]
    assert _nothing_written(rotation) and worker.process.poll() is None  # the worker itself carries on
