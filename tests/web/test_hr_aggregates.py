"""HR sees team-week totals only, and never a cell about fewer than ANONYMITY_MIN people."""
from datetime import date

from tests import factories
from wellbeing.extensions import db
from wellbeing.models import ExposureLog


def _log_for(team, people: int, minutes: int = 60):
    category = factories.make_category()
    for _ in range(people):
        user = factories.make_user(team=team)
        db.session.add(ExposureLog(user_id=user.id, category=category, day=date.today(), minutes=minutes,
                                   intensity=3))
    db.session.commit()


def _row(page: str, team_name: str) -> str:
    return page.split(f'<th scope="row">{team_name}</th>')[1].split("</tr>")[0]


def test_a_team_week_of_four_people_is_hidden_and_five_is_shown(client, auth):
    small, large = factories.make_team(name="Small"), factories.make_team(name="Large")
    _log_for(small, 4, minutes=600)
    _log_for(large, 5)
    auth.login("hr")
    page = client.get("/hr/").get_data(as_text=True)
    assert "40.0" not in page  # 4 people x 10 h, suppressed
    assert "5.0" in _row(page, "Large")
    assert "Total" not in page  # no total from which a hidden cell could be recovered by subtraction


def test_the_threshold_is_configurable(app, client, auth):
    app.config["ANONYMITY_MIN"] = 3
    team = factories.make_team(name="Trio")
    _log_for(team, 3)
    auth.login("hr")
    assert "3.0" in _row(client.get("/hr/").get_data(as_text=True), "Trio")
