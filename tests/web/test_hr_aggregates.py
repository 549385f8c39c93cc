"""HR's figures: closed weeks only, people counted per cell, sessions counted for the team of their day."""
from datetime import date, timedelta

from tests import factories
from tests.web import hr_adversary as adv
from wellbeing.extensions import db
from wellbeing.models import AuditEntry, TeamMembership, User


def _log_for(team, people: int, minutes: int = 60, day: date | None = None):
    category = factories.make_category()
    day = day or adv.last_week_monday(date.today()) + timedelta(days=1)
    for _ in range(people):
        adv.log(factories.make_user(team=team), category, day, minutes)


def _row(page: str, team_name: str) -> str:
    return page.split(f'<th scope="row">{team_name}</th>')[1].split("</tr>")[0]


def test_a_cell_of_four_people_is_hidden_five_are_hidden_against_four_colluders_and_six_shown(client, auth):
    teams = {n: factories.make_team(name=f"T{n}") for n in (4, 5, 6)}
    for n, team in teams.items():
        _log_for(team, n, minutes=600)
    auth.login("hr")
    page = client.get("/hr/").get_data(as_text=True)
    assert "40.0" not in _row(page, "T4") and "50.0" not in _row(page, "T5")
    assert "hidden" in _row(page, "T4") and "hidden" in _row(page, "T5")
    assert "60.0" in _row(page, "T6")


def test_the_threshold_is_configurable(app, client, auth):
    app.config["ANONYMITY_MIN"] = 3
    _log_for(factories.make_team(name="Quartet"), 4)
    auth.login("hr")
    assert "4.0" in _row(client.get("/hr/").get_data(as_text=True), "Quartet")


def test_the_current_week_is_never_shown(client, auth):
    _log_for(factories.make_team(name="Now"), 8, day=date.today())
    auth.login("hr")
    assert set(_cells_of(client.get("/hr/").get_data(as_text=True), "Now")) == {"0.0"}


def test_a_moved_member_past_sessions_stay_with_the_team_of_their_day(client, auth):
    old, new = factories.make_team(name="Old"), factories.make_team(name="New")
    category = factories.make_category()
    day = adv.last_week_monday(date.today()) + timedelta(days=1)
    olds = [factories.make_user(team=old) for _ in range(7)]
    for member in olds:
        adv.log(member, category, day, 60)
    admin = factories.make_user(roles=["admin"])
    adv.move(admin, olds[0], new)  # before HR has ever looked: attribution, not freezing, keeps the past
    auth.login("hr")
    page = client.get("/hr/?weeks=4").get_data(as_text=True)
    assert "7.0" in _row(page, "Old")
    history = db.session.scalars(db.select(TeamMembership).where(TeamMembership.user_id == olds[0].id)
                                 .order_by(TeamMembership.valid_from)).all()
    assert [(m.team_id, m.valid_to) for m in history] == [(old.id, date.today()), (new.id, None)]


def test_a_session_back_dated_into_a_released_week_changes_nothing_shown(client, auth):
    team = factories.make_team(name="Late")
    _log_for(team, 7)
    auth.login("hr")
    before = _row(client.get("/hr/").get_data(as_text=True), "Late")
    late = db.session.scalars(db.select(TeamMembership.user_id).where(TeamMembership.team_id == team.id)).first()
    adv.log(db.session.get(User, late), factories.make_category(),
            adv.last_week_monday(date.today()) + timedelta(days=3), 300)
    assert _row(client.get("/hr/").get_data(as_text=True), "Late") == before


def test_every_export_is_audited_with_what_was_exported(client, auth):
    _log_for(factories.make_team(name="Csv"), 6)
    auth.login("hr")
    page = client.get("/hr/").get_data(as_text=True)
    csv = client.get("/hr/export/teams.csv?weeks=12&group=all").get_data(as_text=True)
    assert "Csv,hidden" in csv or "Csv," in csv
    for line in csv.splitlines()[1:]:
        name, *values = line.split(",")
        assert values == [v.strip() for v in _cells_of(page, name)]
    entry = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "hr.export")).one()
    assert entry.detail.startswith("teams ")


def _cells_of(page: str, name: str) -> list[str]:
    teams_section = page.split('id="teams-h"')[1].split("</section>")[0]
    return [c for c in adv.cell_texts(_row(teams_section, name))]
