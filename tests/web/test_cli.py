"""`flask users create-admin` and `flask demo seed`."""
import pytest
from sqlalchemy import func, select

from wellbeing.extensions import db
from wellbeing.models import Category, CheckIn, ExposureLog, Perspective, Resource, Team, User


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_create_admin_makes_an_admin_and_the_default_taxonomy(runner, client):
    result = runner.invoke(args=["users", "create-admin", "--email", "boss@example.org", "--name", "Boss",
                                 "--password", "steady lantern orbit"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "boss@example.org"))
    assert user.roles == {"admin"}
    assert _count(Category) == 12
    assert db.session.scalar(select(Category).where(Category.slug == "child_safety")).requires_opt_in
    response = client.post("/login", data={"email": "boss@example.org", "password": "steady lantern orbit"})
    assert response.headers["Location"] == "/admin/"


@pytest.mark.parametrize("password, why", [("short", "at least 12 characters"),
                                           ("password1234", "too easy to guess")])
def test_create_admin_refuses_a_weak_password(runner, password, why):
    result = runner.invoke(args=["users", "create-admin", "--email", "a@example.org", "--name", "A",
                                 "--password", password])
    assert result.exit_code != 0 and why in result.output
    assert _count(User) == 0


def test_create_admin_refuses_a_bad_or_taken_email(runner):
    args = ["users", "create-admin", "--name", "A", "--password", "steady lantern orbit", "--email"]
    assert "is not an e-mail address" in runner.invoke(args=args + ["nope"]).output
    runner.invoke(args=args + ["a@example.org"])
    result = runner.invoke(args=args + ["a@example.org"])
    assert result.exit_code != 0 and "already exists" in result.output
    assert _count(User) == 1


def test_demo_seed_builds_a_realistic_organisation(runner):
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    assert "member@demo.rotawell" in result.output and "rotawell-demo" in result.output
    assert _count(Team) == 5
    members = [u for u in db.session.scalars(select(User)) if u.has_role("member")]
    assert 55 <= len(members) <= 65  # enough for HR's charts to show cells of six or more
    assert _count(Perspective) > len(members)
    days = db.session.scalars(select(ExposureLog.day)).all()
    assert (max(days) - min(days)).days >= 100  # sixteen weeks: twelve closed weeks and three months for HR
    assert _count(CheckIn) >= 3 * len(members)
    assert _count(Resource) >= 5 and all(r.is_placeholder for r in db.session.scalars(select(Resource)))


def test_demo_seed_refuses_a_database_with_users_unless_if_empty(runner):
    runner.invoke(args=["demo", "seed"])
    users = _count(User)
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code != 0 and "already has users" in result.output
    result = runner.invoke(args=["demo", "seed", "--if-empty"])
    assert result.exit_code == 0 and "not seeding" in result.output
    assert _count(User) == users


def test_each_demo_account_reaches_its_home_page(runner, client):
    runner.invoke(args=["demo", "seed"])
    homes = {"member": ("/", "Your exposure dose"), "manager": ("/manager/", "Frontier Red Team"),
             "hr": ("/hr/", "Programme dashboards"), "admin": ("/admin/", "Categories and caps"),
             "wellbeing": ("/wellbeing/", "Maya Member")}
    for role, (url, text) in homes.items():
        response = client.post("/login", data={"email": f"{role}@demo.rotawell", "password": "rotawell-demo"})
        assert response.headers["Location"] == url
        assert text in client.get(url).get_data(as_text=True)
        client.post("/logout")


def test_demo_seed_has_timer_sessions_pcl5_answers_and_six_months_for_the_demo_member(runner):
    from wellbeing.models import TestingSession
    runner.invoke(args=["demo", "seed"])
    sessions = db.session.scalars(select(TestingSession)).all()
    assert len(sessions) >= 20 and all(s.exposure_log.source == "timer" and s.stopped_at for s in sessions)
    members = [u for u in db.session.scalars(select(User)) if u.has_role("member")]
    pcl5 = db.session.scalars(select(CheckIn).where(CheckIn.instrument == "pcl5")).all()
    assert len({c.user_id for c in pcl5}) == len(members) and all(0 <= c.score <= 80 for c in pcl5)
    maya = db.session.scalar(select(User).where(User.email == "member@demo.rotawell"))
    days = db.session.scalars(select(ExposureLog.day).where(ExposureLog.user_id == maya.id)).all()
    assert (max(days) - min(days)).days >= 150  # her six-month chart has something to show
