"""The adapter: rows -> a valid version-1 instance -> solution -> rows, with the history window exact."""
import json
from datetime import timedelta

from scheduler.check import verify
from scheduler.io import validate_instance_dict
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import Assignment, CategoryChoice, ExposureLog, Leave, ReducedLoadWeek, Rotation, Shift
from wellbeing.scheduling import apply_solution, build_instance, member_key, shift_key


def _rotation(team, shifts):
    rotation = Rotation(team_id=team.id, week_start=NEXT_MONDAY)
    db.session.add(rotation)
    for category, offset, minutes, people in shifts:
        rotation.shifts.append(Shift(category=category, day=NEXT_MONDAY + timedelta(days=offset),
                                     minutes=minutes, people=people))
    db.session.commit()
    return rotation


def test_instance_is_valid_and_carries_each_members_facts(app):
    team, _manager, (a, b, c, d), violence, bias = small_team()
    db.session.add_all([
        Leave(user_id=a.id, start_date=NEXT_MONDAY + timedelta(days=1), end_date=NEXT_MONDAY + timedelta(days=2)),
        CategoryChoice(user_id=b.id, category_id=violence.id, consent="opted_out", liking=None),
        CategoryChoice(user_id=c.id, category_id=bias.id, consent=None, liking="prefer"),
        ReducedLoadWeek(user_id=d.id, week_start=NEXT_MONDAY)])
    rotation = _rotation(team, [(violence, 0, 120, 2), (bias, 1, 90, 1)])
    instance = build_instance(rotation, time_limit_s=2)
    validate_instance_dict(instance)
    members = {m["id"]: m for m in instance["members"]}
    assert set(members) == {member_key(u.id) for u in (a, b, c, d)}  # the manager is not planned
    weekend = [(NEXT_MONDAY + timedelta(days=i)).isoformat() for i in (5, 6)]
    assert members[member_key(a.id)]["unavailable"] == [(NEXT_MONDAY + timedelta(days=1)).isoformat(),
                                                         (NEXT_MONDAY + timedelta(days=2)).isoformat(), *weekend]
    assert members[member_key(b.id)]["opted_out"] == ["violence"]
    assert members[member_key(c.id)]["prefer"] == ["bias"]
    assert members[member_key(d.id)]["reduced_load"] is True
    assert instance["shifts"][1] == {"id": shift_key(rotation.shifts[1].id), "category": "bias",
                                     "day": (NEXT_MONDAY + timedelta(days=1)).isoformat(), "hours": 1.5, "people": 1}
    assert instance["diversity"]["dimensions"] == ["language"]


def test_history_is_the_27_days_before_the_week(app):
    team, _manager, (a, *_rest), violence, _bias = small_team(1)
    for offset, minutes in ((-28, 60), (-27, 45), (-1, 30), (0, 15)):
        db.session.add(ExposureLog(user_id=a.id, category=violence, day=NEXT_MONDAY + timedelta(days=offset),
                                   minutes=minutes, intensity=2))
    db.session.add(ExposureLog(user_id=a.id, category=violence, day=NEXT_MONDAY - timedelta(days=1),
                               minutes=20, intensity=2))
    rotation = _rotation(team, [(violence, 0, 60, 1)])
    history = build_instance(rotation, 2)["members"][0]["history"]
    assert history == [
        {"date": (NEXT_MONDAY - timedelta(days=27)).isoformat(), "category": "violence", "hours": 0.75},
        {"date": (NEXT_MONDAY - timedelta(days=1)).isoformat(), "category": "violence", "hours": round(50 / 60, 4)},
    ]


def test_round_trip_keeps_pins_and_passes_the_verifier(app):
    team, _manager, people, violence, bias = small_team()
    rotation = _rotation(team, [(violence, 0, 120, 2), (bias, 0, 120, 2), (violence, 2, 60, 1)])
    pinned = Assignment(user_id=people[3].id, pinned=True)
    rotation.shifts[1].assignments.append(pinned)
    db.session.commit()
    instance = build_instance(rotation, 2)
    assert instance["pins"] == [{"member": member_key(people[3].id), "shift": shift_key(rotation.shifts[1].id)}]
    from scheduler.io import load_instance, solution_to_dict
    from scheduler.solve import solve
    solution = solution_to_dict(solve(load_instance(instance)))
    assert verify(instance, solution).ok
    apply_solution(rotation, solution)
    db.session.commit()
    rows = {(member_key(a.user_id), shift_key(s.id)) for s in rotation.shifts for a in s.assignments}
    assert rows == {(a["member"], a["shift"]) for a in solution["assignments"]}
    assert any(a.pinned and a.user_id == people[3].id for a in rotation.shifts[1].assignments)
    assert rotation.solver_status in ("optimal", "feasible")
    assert json.loads(json.dumps(rotation.objective)) == solution["objective"]


def test_instance_codes_perspective_values_so_downloads_reveal_none(app):
    team, _manager, people, violence, _bias = small_team(3)
    rotation = _rotation(team, [(violence, 0, 60, 1)])
    instance = build_instance(rotation, 2)
    text = json.dumps(instance)
    assert '"en"' not in text and '"es"' not in text
    values = [m["perspectives"]["language"][0] for m in instance["members"]]
    assert len(set(values)) == 3 and all(v.startswith("language-") for v in values)  # distinct stay distinct
