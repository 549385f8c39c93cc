"""The admin's warning level colours the member's week and the manager's grid (no hard-coded 0.75)."""
from datetime import date

import pytest

from tests import factories
from tests.checkin_factories import make_log
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import DosePolicy


def _warning_at(fraction: float) -> None:
    db.session.add(DosePolicy(warning_fraction=fraction))
    db.session.commit()


@pytest.mark.parametrize("fraction, warned", [(0.1, True), (0.75, False)])
def test_the_members_week_warns_at_the_admins_level(client, auth, fraction, warned):
    user = auth.login("member")
    category = factories.make_category(name="Bias", max_hours_per_week=10)
    make_log(user, category, day=date.today(), minutes=120)  # 20% of the weekly cap
    _warning_at(fraction)
    page = client.get("/").get_data(as_text=True)
    assert ('<tr class="level-warning">' in page) is warned and ("(20%)" in page) is warned


@pytest.mark.parametrize("fraction, warned", [(0.1, True), (0.75, False)])
def test_the_managers_grid_warns_at_the_admins_level(client, fraction, warned):
    _team, manager, people, violence, _bias = small_team()
    make_log(people[0], violence, day=date.today(), minutes=300)  # severity 3: dose 10 of 80 in 28 days
    _warning_at(fraction)
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    location = client.post("/manager/rotations", data={"day": NEXT_MONDAY.isoformat()}).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    assert ('class="level-warning">10.0 / 80' in page) is warned
