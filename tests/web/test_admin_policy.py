"""The admin dose-policy page: values reach the pages and the solver's instance; bad input writes nothing."""
import pytest
from sqlalchemy import func, select

from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import DosePolicy, Rotation, Shift
from wellbeing.scheduling import build_instance

GOOD = {"weight_sev1": "0.5", "weight_sev2": "1", "weight_sev3": "2", "weight_sev4": "4", "max_dose_7d": "20",
        "max_dose_28d": "70", "max_severe_hours_per_day": "3.5", "min_recovery_days": "2", "reduced_factor": "0.5",
        "warning_fraction": "0.8", "break_every_minutes": "50", "break_minutes": "10"}


def test_saved_policy_reaches_the_solver_instance(client, auth):
    auth.login("admin")
    assert client.post("/admin/policy", data=GOOD).status_code == 302
    team, _manager, _people, violence, _bias = small_team(1)
    rotation = Rotation(team_id=team.id, week_start=NEXT_MONDAY)
    rotation.shifts.append(Shift(category=violence, day=NEXT_MONDAY, minutes=60, people=1))
    db.session.add(rotation)
    db.session.commit()
    limits = build_instance(rotation, 1)["limits"]
    assert limits["dose_weights"]["4"] == 4 and limits["max_dose_7d"] == 20
    assert limits["max_severe_hours_per_day"] == 3.5


def test_saved_policy_changes_the_members_limits(client, auth):
    auth.login("admin")
    client.post("/admin/policy", data=GOOD)
    client.post("/logout")
    auth.login("member")
    assert "0.0 of 20.0" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("change, message", [
    ({"max_dose_28d": "10"}, "cannot be lower than the 7-day limit"),
    ({"weight_sev3": "-1"}, "between 0 and 10"),
    ({"reduced_factor": "0"}, "between 0.1 and 1"),
    ({"min_recovery_days": "9"}, "between 0 and 7"),
    ({"warning_fraction": ""}, "Enter a fraction."),
])
def test_bad_policy_is_refused_next_to_the_field(client, auth, change, message):
    auth.login("admin")
    page = client.post("/admin/policy", data={**GOOD, **change}).get_data(as_text=True)
    assert message in page
    assert db.session.scalar(select(func.count()).select_from(DosePolicy)) == 0


def test_only_admins_edit_the_policy(client, auth):
    auth.login("manager", "hr", "member")
    assert client.post("/admin/policy", data=GOOD).status_code == 403
