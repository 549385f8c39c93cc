"""Each role boundary is enforced on the server, and the 403 page says which role is needed."""
import pytest

DENIED = [
    ("member", "/manager/", "managers"), ("member", "/hr/", "HR"), ("member", "/admin/", "administrators"),
    ("member", "/admin/users/new", "administrators"), ("member", "/admin/audit", "administrators"),
    ("manager", "/hr/", "HR"), ("manager", "/admin/", "administrators"), ("manager", "/", "team members"),
    ("hr", "/manager/", "managers"), ("hr", "/admin/", "administrators"), ("hr", "/", "team members"),
    ("admin", "/hr/", "HR"), ("admin", "/manager/", "managers"),
    ("admin", "/wellbeing/", "the wellbeing contact"), ("manager", "/wellbeing/", "the wellbeing contact"),
    ("hr", "/wellbeing/", "the wellbeing contact"), ("member", "/wellbeing/", "the wellbeing contact"),
    ("wellbeing", "/admin/", "administrators"), ("wellbeing", "/", "team members"),
]


@pytest.mark.parametrize("role, url, needed", DENIED)
def test_role_may_not_open_another_roles_page(client, auth, role, url, needed):
    auth.login(role)
    response = client.get(url)
    assert response.status_code == 403
    assert f"This page is for {needed}" in response.get_data(as_text=True)


@pytest.mark.parametrize("role, url", [("member", "/admin/teams"), ("manager", "/admin/categories/new"),
                                       ("hr", "/admin/users/new")])
def test_role_may_not_post_to_admin_forms(client, auth, role, url):
    auth.login(role)
    assert client.post(url, data={"name": "Sneaky"}).status_code == 403


def test_user_with_several_roles_reaches_each_home(client, auth):
    auth.login("member", "manager")
    assert client.get("/").status_code == 200
    assert client.get("/manager/").status_code == 200
    assert client.get("/hr/").status_code == 403


def test_navigation_shows_only_the_users_roles(client, auth):
    auth.login("member", "hr")
    page = client.get("/").get_data(as_text=True)
    assert "My wellbeing" in page and "Dashboards" in page
    assert "Administration" not in page and "My team" not in page


@pytest.mark.parametrize("url", ["/", "/manager/", "/hr/", "/admin/"])
def test_anonymous_users_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_support_resources_need_no_sign_in(client):
    assert client.get("/resources").status_code == 200
