"""Admin pages: accounts, roles, teams and category caps; bad input names the field and writes nothing."""
import pytest
from sqlalchemy import func, select

from tests import factories
from wellbeing.extensions import db
from wellbeing.models import AuditEntry, Category, Team, User

GOOD_USER = {"name": "Rin Tester", "email": "rin@example.org", "roles": ["member"],
             "team_id": "0", "hours_per_day": "6", "hours_per_week": "20", "active": "y"}


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_admin_creates_a_user_with_roles_and_team(client, auth):
    admin = auth.login("admin")
    team = factories.make_team(name="Blue")
    db.session.commit()
    response = client.post("/admin/users/new", data={**GOOD_USER, "roles": ["member", "manager"],
                                                     "team_id": str(team.id)})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "rin@example.org"))
    assert user.roles == {"member", "manager"} and user.team.name == "Blue"
    assert not user.check_password("")  # no working password until the person sets one through their link
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.create"))
    assert entry.actor_id == admin.id
    assert "flask users reset-link rin@example.org" in client.get("/admin/").get_data(as_text=True)


@pytest.mark.parametrize("change, message", [
    ({"email": "not an email"}, "Enter an e-mail address like"),
    ({"roles": []}, "Choose at least one role."),
    ({"name": ""}, "Enter the person&#39;s name."),
    ({"hours_per_day": "30"}, "Enter between 1 and 24 hours."),
    ({"hours_per_week": "abc"}, "Not a valid integer value."),
    ({"hours_per_day": "8", "hours_per_week": "5"}, "Weekly hours cannot be less than daily hours."),
])
def test_bad_user_form_names_the_field_and_writes_nothing(client, auth, change, message):
    auth.login("admin")
    before = _count(User)
    response = client.post("/admin/users/new", data={**GOOD_USER, **change})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert _count(User) == before
    if "name" not in change:
        assert 'value="Rin Tester"' in page  # what was typed is kept


def test_duplicate_email_is_refused(client, auth):
    auth.login("admin")
    factories.make_user(email="taken@example.org")
    db.session.commit()
    page = client.post("/admin/users/new", data={**GOOD_USER, "email": "TAKEN@example.org"}).get_data(as_text=True)
    assert "Another account already uses this e-mail address." in page


def test_admin_changes_roles_and_team(client, auth):
    auth.login("admin")
    user, team = factories.make_user(roles=["member"]), factories.make_team(name="Green")
    db.session.commit()
    response = client.post(f"/admin/users/{user.id}", data={
        "name": user.name, "roles": ["hr"], "team_id": str(team.id),
        "hours_per_day": "5", "hours_per_week": "15", "active": "y"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.roles == {"hr"} and user.team_id == team.id and user.hours_per_week == 15
    assert user.check_password(factories.PASSWORD)  # editing an account never touches its password


def test_unknown_user_is_404(client, auth):
    auth.login("admin")
    response = client.get("/admin/users/999999")
    assert response.status_code == 404 and "no user with id 999999" in response.get_data(as_text=True)


def test_admin_creates_a_team_and_refuses_a_duplicate(client, auth):
    auth.login("admin")
    assert client.post("/admin/teams", data={"name": "Red"}).status_code == 302
    page = client.post("/admin/teams", data={"name": "red"}).get_data(as_text=True)
    assert "A team with this name already exists." in page
    assert _count(Team) == 1


GOOD_CATEGORY = {"slug": "violence", "name": "Violent content", "description": "", "severity": "3",
                 "max_hours_per_day": "3", "max_hours_per_week": "8", "max_consecutive_days": "2"}


def test_admin_edits_category_caps(client, auth):
    auth.login("admin")
    category = factories.make_category(**{"slug": "violence", "name": "Violent content", "severity": 3})
    db.session.commit()
    response = client.post(f"/admin/categories/{category.id}",
                           data={**GOOD_CATEGORY, "max_hours_per_day": "2.5", "requires_opt_in": "y"})
    assert response.status_code == 302
    db.session.refresh(category)
    assert category.max_hours_per_day == 2.5 and category.requires_opt_in


@pytest.mark.parametrize("change, message", [
    ({"severity": "7"}, "Not a valid choice"),
    ({"max_hours_per_day": "0"}, "Enter between 0.25 and 24 hours."),
    ({"max_hours_per_day": "6", "max_hours_per_week": "4"}, "The weekly cap cannot be lower than the daily cap."),
    ({"max_consecutive_days": "9"}, "Enter between 1 and 7 days."),
    ({"slug": "Bad Slug"}, "Use lower-case letters"),
    ({"max_hours_per_week": "lots"}, "Not a valid decimal value"),
])
def test_bad_category_form_names_the_field_and_writes_nothing(client, auth, change, message):
    auth.login("admin")
    response = client.post("/admin/categories/new", data={**GOOD_CATEGORY, **change})
    assert message in response.get_data(as_text=True)
    assert _count(Category) == 0


def test_category_name_must_be_unique(client, auth):
    auth.login("admin")
    factories.make_category(slug="other", name="Violent content")
    db.session.commit()
    page = client.post("/admin/categories/new", data=GOOD_CATEGORY).get_data(as_text=True)
    assert "Another category already has this name." in page


def test_audit_log_lists_admin_actions(client, auth):
    auth.login("admin")
    client.post("/admin/teams", data={"name": "Audited"})
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "team.create" in page


def test_admin_grants_the_wellbeing_contact_role(client, auth):
    auth.login("admin")
    response = client.post("/admin/users/new", data={**GOOD_USER, "roles": ["wellbeing"], "team_id": "0"})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == GOOD_USER["email"]))
    assert user.roles == {"wellbeing"}
