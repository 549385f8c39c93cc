"""Solve jobs always end: re-solving works any number of times, and any error ends the job `failed` at once."""
import json
import logging

import pytest
from sqlalchemy import select

from scheduler.check import verify
from tests import factories
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import Rotation, SolveJob
from wellbeing.services import solving


@pytest.fixture
def week(app, client):
    """A signed-in manager with a draft week of two shifts; jobs run on the background thread."""
    team, manager, people, violence, bias = small_team()
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    response = client.post("/manager/rotations", data={"day": NEXT_MONDAY.isoformat()})
    rotation = db.session.get(Rotation, int(response.headers["Location"].rsplit("/", 1)[1]))
    for category, day in ((violence, NEXT_MONDAY), (bias, NEXT_MONDAY)):
        client.post(f"/manager/rotations/{rotation.id}/shifts", data={
            "category_id": category.id, "day": day.isoformat(), "hours": "2", "people": "2"})
    return rotation, people


def _generate_and_wait(client, rotation):
    """Press Generate and wait for the background thread to finish the job; returns the job's status."""
    response = client.post(f"/manager/rotations/{rotation.id}/generate", data={"time_limit_s": "1"})
    assert response.status_code == 302
    solving._executor.submit(lambda: None).result(timeout=60)  # one worker: FIFO, so the job is over
    db.session.expire_all()
    job_id = db.session.scalar(select(SolveJob.id).order_by(SolveJob.id.desc()))
    return client.get(f"/manager/jobs/{job_id}").get_json()


def _stored_is_valid(rotation):
    db.session.refresh(rotation)
    return verify(json.loads(rotation.instance_json), json.loads(rotation.solution_json)).ok


def test_generating_again_with_nothing_changed_finishes_every_time(week, client):
    rotation, _people = week
    for _ in range(3):
        status = _generate_and_wait(client, rotation)
        assert status["state"] == "done", status
        assert _stored_is_valid(rotation)
    assert db.session.scalar(select(SolveJob.id).where(SolveJob.state.in_(("queued", "running")))) is None


def test_generating_again_after_pins_and_changes_finishes(week, client):
    rotation, people = week
    assert _generate_and_wait(client, rotation)["state"] == "done"
    shift = rotation.shifts[0]
    kept = shift.assignments[0].user_id
    client.post(f"/manager/shifts/{shift.id}/assignments", data={"user_id": kept, "action": "pin"})
    assert _generate_and_wait(client, rotation)["state"] == "done"
    client.post(f"/manager/rotations/{rotation.id}/shifts", data={
        "category_id": shift.category_id, "day": NEXT_MONDAY.isoformat(), "hours": "1", "people": "1"})
    assert _generate_and_wait(client, rotation)["state"] == "done"
    db.session.refresh(shift)
    assert (kept, True) in [(a.user_id, a.pinned) for a in shift.assignments]
    assert _stored_is_valid(rotation)


def test_an_error_while_storing_the_result_fails_the_job_and_is_logged(week, client, monkeypatch, caplog):
    rotation, _people = week

    def broken_apply(rotation_row, solution):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(solving, "apply_solution", broken_apply)
    with caplog.at_level(logging.ERROR):
        status = _generate_and_wait(client, rotation)
    assert status["state"] == "failed" and "nothing was changed" in status["message"]
    assert any(r.exc_info and "disk on fire" in str(r.exc_info[1]) for r in caplog.records)
    monkeypatch.undo()
    assert _generate_and_wait(client, rotation)["state"] == "done"  # the next solve is not blocked


def test_an_error_at_commit_time_fails_the_job_at_once(app, week, client, monkeypatch):
    rotation, _people = week
    held = []
    monkeypatch.setattr(solving._executor, "submit", lambda fn, app_, job_id: held.append(job_id))
    client.post(f"/manager/rotations/{rotation.id}/generate", data={"time_limit_s": "1"})
    real_commit, calls = db.session.commit, []

    def commit_failing_on_the_result():
        calls.append(1)
        if len(calls) == 2:  # the first commit marks the job running; the second stores the result
            raise RuntimeError("connection lost")
        return real_commit()
    monkeypatch.setattr(db.session, "commit", commit_failing_on_the_result)
    solving.run_job(held[0])
    monkeypatch.undo()
    job = db.session.get(SolveJob, held[0])
    db.session.refresh(job)
    assert job.state == "failed" and job.finished_at is not None and "nothing was changed" in job.message
