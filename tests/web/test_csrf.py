"""Every form needs its CSRF token; a POST without one is refused and writes nothing."""
import re

from sqlalchemy import func, select

from tests import factories
from wellbeing.extensions import db
from wellbeing.models import Team, User


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_login_without_token_is_refused(csrf_app):
    client = csrf_app.test_client()
    user = factories.make_user()
    db.session.commit()
    response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_login_with_token_works(csrf_app):
    client = csrf_app.test_client()
    user = factories.make_user()
    db.session.commit()
    token = _token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302


def test_admin_post_without_token_writes_nothing(csrf_app):
    client = csrf_app.test_client()
    admin = factories.make_user(roles=["admin"])
    db.session.commit()
    token = _token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": admin.email, "password": factories.PASSWORD, "csrf_token": token})
    response = client.post("/admin/teams", data={"name": "Forged team"})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(Team.id))) == 0
    response = client.post("/logout")
    assert response.status_code == 400  # signing out is a form too
    assert db.session.scalar(select(func.count(User.id))) == 1
