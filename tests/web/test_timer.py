"""The testing-session timer: breaks by the policy's rhythm, caps in real time, stop logs like a form entry
(source timer, same rules, same dose), never past a cap unconfirmed, day-end closing, decompression."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.web.fake_clock import START
from wellbeing.extensions import db
from wellbeing.models import ExposureLog, Notification, TestingSession
from wellbeing.services import timer
from wellbeing.services.exposure import dose_status

@pytest.fixture
def violence(app):
    return factories.make_category(slug="violence", name="Violent content", severity=3, max_hours_per_day=2)


def _start(client, category):
    db.session.commit()
    return client.post("/sessions/start", data={"category_id": str(category.id)})


def _logs() -> list[ExposureLog]:
    return list(db.session.scalars(select(ExposureLog).order_by(ExposureLog.id)))


def test_a_session_started_from_home_stops_into_a_timer_log(client, auth, clock, violence):
    user = auth.login()
    assert client.get("/").status_code == 200 and "Start timer" in client.get("/").get_data(as_text=True)
    assert _start(client, violence).headers["Location"] == "/sessions/current"
    clock.advance(minutes=45)
    page = client.get("/sessions/current").get_data(as_text=True)
    assert "0:45" in page and 'src="/static/timer.js"' in page and "<script>" not in page
    response = client.post("/sessions/current/stop", data={"intensity": "4"})
    assert response.status_code == 302
    (log,) = _logs()
    assert (log.minutes, log.intensity, log.source, log.over_cap, log.day) == (45, 4, "timer", False, START.date())
    done = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Logged 45 minutes of Violent content" in done and "dose 1.50" in done  # 0.75 h × weight 2
    assert "a few minutes for yourself" in done and "Dismiss and go home" in done
    assert dose_status(user, START.date())[0].dose == pytest.approx(1.5)


def test_a_break_is_due_after_an_hour_of_severe_work_and_is_not_counted(client, auth, clock, violence):
    user = auth.login()
    _start(client, violence)
    clock.advance(minutes=59)
    assert 'class="notice" hidden' in client.get("/sessions/current").get_data(as_text=True)
    clock.advance(minutes=1)
    assert timer.status(user, timer.running(user)).break_due
    page = client.get("/sessions/current").get_data(as_text=True)
    assert 'class="notice" hidden' not in page and "Time for a break: 10 minutes" in page
    client.post("/sessions/current/break")
    clock.advance(minutes=10)
    page = client.get("/sessions/current").get_data(as_text=True)
    assert "On a break" in page and "Resume the session" in page
    client.post("/sessions/current/resume")
    clock.advance(minutes=5)
    client.post("/sessions/current/stop", data={"intensity": "3"})
    session = db.session.scalar(select(TestingSession))
    assert session.breaks == 1 and session.break_seconds == 600
    assert _logs()[0].minutes == 65  # 75 minutes on the clock, 10 of them on a break


def test_no_break_rhythm_below_severity_three(app, clock):
    user, bias = factories.make_user(), factories.make_category(severity=2)
    session = timer.start(user, bias, "web")
    clock.advance(hours=2)
    assert not timer.status(user, session).break_due


def test_caps_warn_then_say_plainly_when_reached(app, clock, violence):
    user = factories.make_user()
    session = timer.start(user, violence, "web")
    clock.advance(minutes=89)   # 2 h cap, warning at 75% = 90 min
    assert [c.level for c in timer.status(user, session).caps] == ["ok", "ok"]
    clock.advance(minutes=1)
    assert [c.level for c in timer.status(user, session).caps] == ["warning", "ok"]
    clock.advance(minutes=30)
    assert timer.status(user, session).caps[0].level == "reached"


def test_stopping_past_a_cap_needs_confirmation_and_marks_the_log(client, auth, clock, violence):
    auth.login()
    _start(client, violence)
    clock.advance(minutes=130)
    response = client.post("/sessions/current/stop", data={"intensity": "3"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and "would go past a cap" in page and "130 of 120 minutes" in page
    assert _logs() == [] and db.session.scalar(select(TestingSession.stopped_at)) is None
    assert client.post("/sessions/current/stop", data={"intensity": "3", "confirm_over_cap": "yes"}).status_code == 302
    (log,) = _logs()
    assert log.over_cap and log.minutes == 130


def test_stop_applies_the_form_rules_and_keeps_the_session_when_rejected(client, auth, clock, violence):
    user = auth.login()
    _start(client, violence)
    clock.advance(minutes=20)
    response = client.post("/sessions/current/stop", data={"intensity": "9"})
    assert response.status_code == 422 and "Choose an intensity from 1 (mild) to 5" in response.get_data(as_text=True)
    assert _logs() == [] and timer.running(user) is not None


def test_one_session_at_a_time(client, auth, clock, violence):
    auth.login()
    _start(client, violence)
    page = client.post("/sessions/start", data={"category_id": str(violence.id)},
                       follow_redirects=True).get_data(as_text=True)
    assert "already running" in page
    assert db.session.scalar(select(func.count(TestingSession.id))) == 1


def test_a_session_left_running_is_closed_at_the_end_of_its_day_with_a_notice(client, auth, clock, violence):
    user = auth.login()
    _start(client, violence)
    clock.moment = START + timedelta(days=1, hours=1)  # left running overnight
    client.get("/")
    (log,) = _logs()
    assert log.day == START.date() and log.minutes == 720 and log.intensity == 3 and log.over_cap
    note = db.session.scalar(select(Notification).where(Notification.user_id == user.id))
    assert "was still running at the end of" in note.message and note.link == f"/exposures/{log.id}/edit"
    assert timer.running(user) is None  # closed; the member corrects it from the notice's link


def test_nobody_reads_another_members_finished_session(client, auth, clock, violence):
    other = factories.make_user()
    session = timer.start(other, violence, "web")
    clock.advance(minutes=10)
    timer.stop(other, session, 2)
    auth.login()
    assert client.get(f"/sessions/{session.id}/done").status_code == 404
    assert client.post("/sessions/current/stop", data={"intensity": "2"}).status_code == 302  # nothing of theirs
    assert timer.running(other) is None and len(_logs()) == 1


def test_the_daily_task_closes_every_session_left_running(app, runner, clock, violence):
    people = [factories.make_user() for _ in range(2)]
    for person in people:
        timer.start(person, violence, "web")
    clock.advance(days=1)
    result = runner.invoke(args=["sessions", "close-stale"])
    assert "Closed 2 session(s)" in result.output
    assert all(timer.running(person) is None for person in people) and len(_logs()) == 2


def test_the_managers_planning_sees_a_log_marked_over_the_cap(client, auth, clock):
    from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
    from wellbeing.models import Rotation
    team, manager, (member, _other), violence, _bias = small_team(2)
    session = timer.start(member, violence, "web")
    clock.advance(hours=3, minutes=10)  # past the 3-hour daily cap
    timer.stop(member, session, 3, confirm_over_cap=True)
    rotation = Rotation(team_id=team.id, week_start=NEXT_MONDAY)
    db.session.add(rotation)
    db.session.commit()
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    page = client.get(f"/manager/rotations/{rotation.id}").get_data(as_text=True)
    assert f"logged past a cap on {START:%d %b}" in page
