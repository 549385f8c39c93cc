"""A manager's week: demand, generate (job lifecycle), pins kept on re-solve, publish, reopen, exports,
and the walls around it (other teams, check-ins)."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from scheduler.check import verify
from tests import factories
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import AuditEntry, CheckIn, Rotation, SolveJob
from wellbeing.services import solving


@pytest.fixture
def week(app, client):
    """A signed-in manager with a small team, a draft week and three shifts."""
    app.config["SOLVE_INLINE"] = True
    team, manager, people, violence, bias = small_team()
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    response = client.post("/manager/rotations", data={"day": (NEXT_MONDAY + timedelta(days=2)).isoformat()})
    rotation = db.session.get(Rotation, int(response.headers["Location"].rsplit("/", 1)[1]))
    for category, offset, hours, people_needed in ((violence, 0, "2", "2"), (bias, 1, "1.5", "1"),
                                                    (violence, 3, "2", "1")):
        client.post(f"/manager/rotations/{rotation.id}/shifts", data={
            "category_id": category.id, "day": (NEXT_MONDAY + timedelta(days=offset)).isoformat(),
            "hours": hours, "people": people_needed})
    return rotation, people, violence


def _generate(client, rotation, seconds="2"):
    return client.post(f"/manager/rotations/{rotation.id}/generate", data={"time_limit_s": seconds})


def test_a_week_starts_on_monday_with_the_demand_added(week):
    rotation, _people, _violence = week
    assert rotation.week_start == NEXT_MONDAY and rotation.state == "draft"
    assert [s.minutes for s in rotation.shifts] == [120, 90, 120]


@pytest.mark.parametrize("change, message", [
    ({"hours": "1.3"}, "Use quarter hours"), ({"hours": "0"}, "Enter between 0.25 and 12 hours."),
    ({"people": "0"}, "Enter between 1 and 50 people."), ({"day": "2020-01-01"}, "Not a valid choice"),
    ({"hours": ""}, "Enter the shift&#39;s length in hours."),
])
def test_bad_demand_is_refused_next_to_the_field(client, week, change, message):
    rotation, _people, violence = week
    data = {"category_id": violence.id, "day": NEXT_MONDAY.isoformat(), "hours": "2", "people": "1", **change}
    page = client.post(f"/manager/rotations/{rotation.id}/shifts", data=data).get_data(as_text=True)
    assert message in page
    db.session.refresh(rotation)
    assert len(rotation.shifts) == 3


def test_generate_runs_a_job_to_done_and_fills_the_grid(client, week):
    rotation, people, _violence = week
    assert _generate(client, rotation).status_code == 302
    job = db.session.scalar(select(SolveJob))
    assert job.state == "done" and job.started_at and job.finished_at
    status = client.get(f"/manager/jobs/{job.id}").get_json()
    assert status["state"] == "done" and "rotation found" in status["message"].lower()
    db.session.refresh(rotation)
    assert rotation.solver_status in ("optimal", "feasible")
    instance, solution = json.loads(rotation.instance_json), json.loads(rotation.solution_json)
    assert verify(instance, solution).ok
    page = client.get(f"/manager/rotations/{rotation.id}").get_data(as_text=True)
    assert 'class="chip sev3"' in page and people[0].name in page


def test_the_stored_instance_is_downloadable_and_reproducible(client, week):
    rotation, _people, _violence = week
    _generate(client, rotation)
    response = client.get(f"/manager/rotations/{rotation.id}/instance.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    from scheduler.io import load_instance, solution_to_dict
    from scheduler.solve import solve
    again = solution_to_dict(solve(load_instance(json.loads(response.data))))
    assert verify(json.loads(response.data), again).ok
    assert again["objective"]["unmet"] == json.loads(rotation.solution_json)["objective"]["unmet"]


def test_a_queued_job_is_running_then_done(app, client, week):
    rotation, _people, _violence = week
    app.config["SOLVE_INLINE"] = False
    seen = []
    monkey_submit = solving._executor.submit
    solving._executor.submit = lambda fn, app_, job_id: seen.append(job_id)  # hold the job in the queue
    try:
        _generate(client, rotation)
    finally:
        solving._executor.submit = monkey_submit
    job = db.session.get(SolveJob, seen[0])
    assert client.get(f"/manager/jobs/{job.id}").get_json()["state"] == "queued"
    assert "Solving" in client.get(f"/manager/rotations/{rotation.id}").get_data(as_text=True)
    page = client.post(f"/manager/rotations/{rotation.id}/generate", data={"time_limit_s": "2"}, follow_redirects=True)
    assert "already running" in page.get_data(as_text=True)
    solving.run_job(job.id)
    db.session.refresh(job)
    assert job.state == "done"


def test_a_failed_job_says_why_and_changes_nothing(client, week):
    """A pin that was safe when made, and breaks a rule since (the member took leave): the solve fails, named."""
    rotation, people, violence = week
    leave_day = NEXT_MONDAY
    from wellbeing.models import Leave
    client.post(f"/manager/shifts/{rotation.shifts[0].id}/assignments", data={"user_id": people[0].id, "action": "pin"})
    db.session.add(Leave(user_id=people[0].id, start_date=leave_day, end_date=leave_day))
    db.session.commit()
    _generate(client, rotation)
    job = db.session.scalar(select(SolveJob))
    assert job.state == "failed" and "cannot be solved as it stands" in job.message
    db.session.refresh(rotation)
    assert rotation.solver_status is None
    assert job.message in client.get(f"/manager/rotations/{rotation.id}").get_data(as_text=True)


def test_pins_are_kept_when_solving_again(client, week):
    rotation, people, _violence = week
    _generate(client, rotation)
    bias_shift = rotation.shifts[1]
    chosen = next(p for p in people if p.id not in {a.user_id for a in bias_shift.assignments})
    client.post(f"/manager/shifts/{bias_shift.id}/assignments", data={"user_id": chosen.id, "action": "remove"})
    for a in list(bias_shift.assignments):
        client.post(f"/manager/shifts/{bias_shift.id}/assignments", data={"user_id": a.user_id, "action": "remove"})
    client.post(f"/manager/shifts/{bias_shift.id}/assignments", data={"user_id": chosen.id, "action": "pin"})
    _generate(client, rotation)
    db.session.refresh(bias_shift)
    assert [(a.user_id, a.pinned) for a in bias_shift.assignments] == [(chosen.id, True)]
    assert {"member": f"u{chosen.id}", "shift": f"s{bias_shift.id}"} in json.loads(rotation.instance_json)["pins"]


def test_publish_makes_the_week_read_only_until_reopened_with_a_reason(client, week):
    rotation, people, violence = week
    page = client.post(f"/manager/rotations/{rotation.id}/publish", follow_redirects=True).get_data(as_text=True)
    assert "Generate a rotation before publishing it." in page
    _generate(client, rotation)
    client.post(f"/manager/rotations/{rotation.id}/publish")
    db.session.refresh(rotation)
    assert rotation.state == "published"
    page = client.post(f"/manager/rotations/{rotation.id}/shifts", data={
        "category_id": violence.id, "day": NEXT_MONDAY.isoformat(), "hours": "1", "people": "1"},
        follow_redirects=True).get_data(as_text=True)
    assert "published and read-only" in page and len(rotation.shifts) == 3
    page = client.post(f"/manager/rotations/{rotation.id}/reopen", data={"reason": ""}).get_data(as_text=True)
    assert "Say why the published rotation needs to change." in page
    client.post(f"/manager/rotations/{rotation.id}/reopen", data={"reason": "Amara is off sick"})
    db.session.refresh(rotation)
    assert rotation.state == "draft"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "rotation.reopen"))
    assert entry.detail == "Amara is off sick"


def test_published_shifts_show_on_the_members_home_page(client, week):
    rotation, people, _violence = week
    _generate(client, rotation)
    client.post(f"/manager/rotations/{rotation.id}/publish")
    member = next(a.user for s in rotation.shifts for a in s.assignments)
    client.post("/logout")
    client.post("/login", data={"email": member.email, "password": factories.PASSWORD})
    page = client.get("/").get_data(as_text=True)
    assert NEXT_MONDAY.strftime("%a %d %b") in page or (NEXT_MONDAY + timedelta(days=1)).strftime("%a %d %b") in page
    assert "No published shifts for you yet." not in page


def test_csv_lists_assignments_and_unfilled_places(client, week):
    rotation, _people, _violence = week
    _generate(client, rotation)
    text = client.get(f"/manager/rotations/{rotation.id}/rotation.csv").get_data(as_text=True)
    lines = text.strip().splitlines()
    assert lines[0] == "day,category,severity,hours,member,email,pinned"
    assert len(lines) == 1 + sum(s.people for s in rotation.shifts)


def test_another_teams_rotation_is_not_found(client, week):
    rotation, _people, _violence = week
    other_team = factories.make_team()
    other = Rotation(team_id=other_team.id, week_start=NEXT_MONDAY)
    db.session.add(other)
    db.session.commit()
    for url in (f"/manager/rotations/{other.id}", f"/manager/rotations/{other.id}/instance.json",
                f"/manager/rotations/{other.id}/rotation.csv"):
        assert client.get(url).status_code == 404
    assert client.post(f"/manager/rotations/{other.id}/generate", data={"time_limit_s": "1"}).status_code == 404
    assert client.post(f"/manager/rotations/{other.id}/publish").status_code == 404


def test_cannot_pin_someone_from_another_team(client, week):
    rotation, _people, _violence = week
    outsider = factories.make_user(roles=["member"], team=factories.make_team())
    db.session.commit()
    page = client.post(f"/manager/shifts/{rotation.shifts[0].id}/assignments",
                       data={"user_id": outsider.id, "action": "pin"}, follow_redirects=True).get_data(as_text=True)
    assert "is not a member of this team" in page
    assert rotation.shifts[0].assignments == []


def test_review_page_never_shows_check_in_data(client, week):
    rotation, people, _violence = week
    db.session.add(CheckIn(user_id=people[0].id, answers=[1, 1, 1, 1, 1], score=20, note="PRIVATE-NOTE-XYZ"))
    db.session.commit()
    _generate(client, rotation)
    for url in (f"/manager/rotations/{rotation.id}", "/manager/", f"/manager/rotations/{rotation.id}/rotation.csv",
                f"/manager/rotations/{rotation.id}/instance.json"):
        text = client.get(url).get_data(as_text=True)
        assert "PRIVATE-NOTE-XYZ" not in text and "score" not in text.lower().replace("scores", "")


def test_a_job_is_running_while_it_solves(client, week, monkeypatch):
    rotation, _people, _violence = week
    seen = []
    real_solve = solving._solve

    def watching(rotation_row):
        seen.append(client.get(f"/manager/jobs/{db.session.scalar(select(SolveJob.id))}").get_json())
        return real_solve(rotation_row)
    monkeypatch.setattr(solving, "_solve", watching)
    _generate(client, rotation)
    assert seen[0]["state"] == "running" and seen[0]["elapsed_s"] is not None
    assert db.session.scalar(select(SolveJob.state)) == "done"


def test_viewing_team_members_hours_is_audited(client, week):
    rotation, _people, _violence = week
    client.get("/manager/")
    client.get(f"/manager/rotations/{rotation.id}")
    client.get(f"/manager/rotations/{rotation.id}/rotation.csv")
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("view.%"))).all()
    assert actions == ["view.team_hours", "view.rotation", "view.rotation_csv"]


def test_a_job_lost_with_its_process_is_failed_not_running_forever(app, client, week):
    rotation, _people, _violence = week
    app.config["SOLVE_INLINE"] = False
    real_submit = solving._executor.submit
    solving._executor.submit = lambda *args: None  # the process "dies" before the job runs
    try:
        _generate(client, rotation)
    finally:
        solving._executor.submit = real_submit
    job = db.session.scalar(select(SolveJob))
    job.created_at = job.created_at - timedelta(seconds=job.time_limit_s + solving.STALE_AFTER_S + 1)
    db.session.commit()
    status = client.get(f"/manager/jobs/{job.id}").get_json()
    assert status["state"] == "failed" and "interrupted" in status["message"]
    app.config["SOLVE_INLINE"] = True
    assert _generate(client, rotation).status_code == 302  # a new solve is allowed again
    assert db.session.scalar(select(SolveJob).order_by(SolveJob.id.desc())).state == "done"


def test_what_would_it_take_reports_a_change_confirmed_by_re_solving(app, client, week):
    rotation, _people, _violence = week
    app.config["WHAT_IF_BUDGET_S"] = 20
    child = factories.make_category(slug="child_safety", name="Child safety", severity=4, requires_opt_in=True,
                                    max_hours_per_day=2, max_hours_per_week=4, max_consecutive_days=1)
    db.session.commit()
    client.post(f"/manager/rotations/{rotation.id}/shifts", data={
        "category_id": child.id, "day": (NEXT_MONDAY + timedelta(days=4)).isoformat(), "hours": "1", "people": "2"})
    _generate(client, rotation)
    page = client.get(f"/manager/rotations/{rotation.id}").get_data(as_text=True)
    assert "Child safety, Fri" in page and "not opted in" in page
    client.post(f"/manager/rotations/{rotation.id}/what-if")
    page = client.get(f"/manager/rotations/{rotation.id}").get_data(as_text=True)
    assert "2 more member(s) opted in to Child safety" in page
    assert "1 more member(s) opted in" not in page
