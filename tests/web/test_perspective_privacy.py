"""The manager sees how diverse a shift is, never which member brings which volunteered perspective."""
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import Assignment, Perspective, Rotation, Shift


def test_a_one_person_shift_shows_a_count_of_perspectives_not_their_values(client):
    team, manager, people, violence, _bias = small_team(2)
    db.session.add_all([Perspective(user_id=people[0].id, dimension="language", value="quechua"),
                        Perspective(user_id=people[0].id, dimension="region", value="andes-highlands")])
    rotation = Rotation(team_id=team.id, week_start=NEXT_MONDAY)
    shift = Shift(rotation=rotation, category=violence, day=NEXT_MONDAY, minutes=120, people=1)
    shift.assignments.append(Assignment(user_id=people[0].id))
    db.session.add(rotation)
    db.session.commit()
    client.post("/login", data={"email": manager.email, "password": "correct horse battery"})
    page = client.get(f"/manager/rotations/{rotation.id}").get_data(as_text=True)
    assert "quechua" not in page and "andes-highlands" not in page
    assert "language:</span> 2 distinct" in page  # 'en' from the fixture and 'quechua'
    assert "region:</span> 1 distinct" in page
