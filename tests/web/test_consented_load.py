"""After a hard check-in the member may choose a reduced-load week or a category pause; the manager sees
only 'reduced load' / 'not available for <category> until <date>', the solver keeps them off, the audit
records the change without a reason."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from scheduler.check import verify
from scheduler.io import load_instance, solution_to_dict
from scheduler.solve import solve
from tests import factories
from tests.checkin_factories import make_checkin
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import AuditEntry, CategoryPause, ReducedLoadWeek, Rotation, Shift
from wellbeing.scheduling import build_instance, member_key
from wellbeing.services.policy import week_start

LOW = [1, 1, 1, 1, 1]


def _sign_in(client, user):
    client.post("/logout")
    assert client.post("/login", data={"email": user.email, "password": factories.PASSWORD}).status_code == 302


@pytest.fixture
def team(app):
    return small_team(2)


def test_a_low_score_offers_both_and_nothing_changes_without_a_click(client, team):
    _team, _manager, (member, _other), violence, _bias = team
    checkin = make_checkin(member, LOW)
    db.session.commit()
    _sign_in(client, member)
    page = client.get(f"/checkins/{checkin.id}").get_data(as_text=True)
    assert "Make this week a reduced-load week" in page and "Pause them" in page and "Violent content" in page
    assert db.session.scalar(select(ReducedLoadWeek.id)) is None and db.session.scalar(select(CategoryPause.id)) is None
    good = make_checkin(member, [4] * 5, created_at=checkin.created_at - timedelta(days=3))
    db.session.commit()
    assert "Pause them" not in client.get(f"/checkins/{good.id}").get_data(as_text=True)


def test_the_member_pauses_a_category_and_the_solver_keeps_them_off_it(client, team):
    team_row, _manager, (member, other), violence, _bias = team
    checkin = make_checkin(member, LOW)
    db.session.commit()
    _sign_in(client, member)
    page = client.post(f"/checkins/{checkin.id}/pause", data={"category_id": [str(violence.id)], "weeks": "2"},
                       follow_redirects=True).get_data(as_text=True)
    until = week_start(date.today()) + timedelta(days=13)
    assert f"Paused Violent content until {until:%d %B %Y}" in page
    rotation = Rotation(team_id=team_row.id, week_start=NEXT_MONDAY)
    rotation.shifts.append(Shift(category=violence, day=NEXT_MONDAY, minutes=120, people=2))
    db.session.add(rotation)
    db.session.commit()
    instance = build_instance(rotation, 2)
    members = {m["id"]: m for m in instance["members"]}
    assert "violence" in members[member_key(member.id)]["opted_out"]
    solution = solution_to_dict(solve(load_instance(instance)))
    assert verify(instance, solution).ok
    assigned = {a["member"] for a in solution["assignments"]}
    assert member_key(member.id) not in assigned and member_key(other.id) in assigned
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "category.pause"))
    assert entry.actor_id == member.id and entry.detail == f"category={violence.id}, until={until.isoformat()}"


def test_the_manager_sees_reduced_load_and_the_pause_but_no_score_or_reason(client, team):
    team_row, manager, (member, _other), violence, _bias = team
    checkin = make_checkin(member, LOW, note="PRIVATE-REASON")
    db.session.commit()
    _sign_in(client, member)
    client.post(f"/checkins/{checkin.id}/reduced-load")
    client.post(f"/checkins/{checkin.id}/pause", data={"category_id": [str(violence.id)], "weeks": "1"})
    rotation = Rotation(team_id=team_row.id, week_start=week_start(date.today()))
    db.session.add(rotation)
    db.session.commit()
    _sign_in(client, manager)
    page = client.get(f"/manager/rotations/{rotation.id}").get_data(as_text=True)
    until = week_start(date.today()) + timedelta(days=6)
    assert "reduced load" in page and f"not available for Violent content until {until:%d %b %Y}" in page
    for private in ("PRIVATE-REASON", "WHO-5", "check-in", "score", "have been hard", "Score: "):
        assert private not in page
    details = [e.detail for e in db.session.scalars(select(AuditEntry).where(AuditEntry.actor_id == member.id))]
    assert f"week={week_start(date.today()).isoformat()}" in details
    assert all("score" not in d and "PRIVATE" not in d for d in details)


@pytest.mark.parametrize("data, message", [({"category_id": [], "weeks": "2"}, "Choose one or more categories"),
                                           ({"weeks": "9"}, "1 to 8 weeks"), ({"weeks": "x"}, "1 to 8 weeks"),
                                           ({"category_id": ["99999"], "weeks": "1"}, "Choose one or more")])
def test_a_bad_pause_names_the_problem_and_changes_nothing(client, team, data, message):
    _team, _manager, (member, _other), violence, _bias = team
    checkin = make_checkin(member, LOW)
    db.session.commit()
    _sign_in(client, member)
    data = {"category_id": [str(violence.id)], **data}
    page = client.post(f"/checkins/{checkin.id}/pause", data=data, follow_redirects=True).get_data(as_text=True)
    assert "Nothing was paused" in page and message in page
    assert db.session.scalar(select(CategoryPause.id)) is None


def test_nobody_pauses_through_another_members_checkin(client, team):
    _team, _manager, (member, other), violence, _bias = team
    theirs = make_checkin(other, LOW)
    db.session.commit()
    _sign_in(client, member)
    assert client.post(f"/checkins/{theirs.id}/pause", data={"category_id": [str(violence.id)],
                                                            "weeks": "1"}).status_code == 404
    assert client.post(f"/checkins/{theirs.id}/reduced-load").status_code == 404
    assert db.session.scalar(select(CategoryPause.id)) is None and db.session.scalar(select(ReducedLoadWeek.id)) is None
