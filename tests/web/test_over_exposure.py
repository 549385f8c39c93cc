"""Managers see over-exposure (hours and doses, never check-ins): red on their home and the week's grid, one
notification per crossing, and the planner treats the member as at their limit."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.web.rotation_fixtures import small_team
from wellbeing.extensions import db
from wellbeing.models import Notification
from wellbeing.services.exposure_log import ExposureEntry, log_exposure
from wellbeing.services.policy import week_start

TODAY = date.today()


@pytest.fixture
def team(app, client):
    team, manager, people, violence, bias = small_team()
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    return manager, people, violence, bias


def _log(user, category, minutes, day=TODAY):
    log_exposure(user, ExposureEntry(category, day, minutes, 3), "form", TODAY)


def _alerts(manager) -> list[str]:
    return list(db.session.scalars(select(Notification.message).where(Notification.user_id == manager.id)
                                   .order_by(Notification.id)))


def test_a_member_over_a_cap_is_red_on_the_managers_home_and_the_manager_is_told_once(client, team):
    manager, people, violence, bias = team
    over, fine = people[0], people[1]
    _log(over, violence, 480)  # 8 h of a severity-3 category with a 3 h daily cap, against a 4 h severe ceiling
    _log(fine, violence, 60)
    home = client.get("/manager/").get_data(as_text=True)
    assert home.count('class="over-limit"') == 1
    assert "Over their Violent content daily cap: 8 h of 3 h" in home
    assert "Over their daily severe-content ceiling: 8 h of 4 h" in home
    told = _alerts(manager)
    assert len(told) == 2 and all(over.name in m for m in told) and not any(fine.name in m for m in told)

    _log(over, bias, 15)  # still over the same two: no news
    assert len(_alerts(manager)) == 2
    _log(over, violence, 15)  # 8.25 h this week: past the 8 h weekly cap, a new crossing
    assert len(_alerts(manager)) == 3 and "Violent content weekly cap: 8.25 h of 8 h" in _alerts(manager)[-1]


def test_a_dose_over_its_limit_is_red_and_the_planner_keeps_the_member_off(app, client, team):
    manager, people, _violence, bias = team
    app.config["SOLVE_INLINE"] = True
    heavy = people[0]
    for offset in range(4):  # 4 days x 12 h of severity 3 (weight 2) = 96: over 24 (7 days) and 80 (28 days)
        _log(heavy, _violence, 720, TODAY - timedelta(days=offset))
    assert any("28-day dose limit: 96 of 80" in m for m in _alerts(manager)), "\n".join(_alerts(manager))
    monday = week_start(TODAY) + timedelta(days=7)
    page = client.post("/manager/rotations", data={"day": monday.isoformat()}, follow_redirects=True)
    rotation_id = int(page.request.path.rsplit("/", 1)[1])
    client.post(f"/manager/rotations/{rotation_id}/shifts", data={
        "category_id": bias.id, "day": monday.isoformat(), "hours": "1", "people": "4"})
    client.post(f"/manager/rotations/{rotation_id}/generate", data={"time_limit_s": "2"})
    grid = client.get(f"/manager/rotations/{rotation_id}").get_data(as_text=True)
    assert grid.count('class="level-over"') >= 1
    solution = client.get(f"/manager/rotations/{rotation_id}/solution.json").get_json()
    assert len(solution["assignments"]) == 3 and all(a["member"] != f"u{heavy.id}" for a in solution["assignments"])
    assert solution["unmet"][0]["codes"][f"u{heavy.id}"] in ("dose_7", "dose_28")
