"""Admins manage the support directory; bad input names the field; placeholders stay labelled for everyone."""
import pytest
from sqlalchemy import func, select

from wellbeing.defaults import ensure_defaults
from wellbeing.extensions import db
from wellbeing.models import AuditEntry, Resource

GOOD = {"title": "Staff counselling line", "kind": "counselling", "description": "Six free sessions a year.",
        "contact": "+44 20 0000 0000", "hours": "Weekdays 8:00–20:00", "position": "2"}


def _count() -> int:
    return db.session.scalar(select(func.count(Resource.id)))


def test_admin_lists_resources_and_flags_placeholders(client, auth):
    auth.login("admin")
    ensure_defaults()
    page = client.get("/admin/resources").get_data(as_text=True)
    assert "Crisis line (placeholder)" in page and "Some resources are still placeholders" in page
    assert page.count("<td>Placeholder</td>") == 5
    assert 'href="/admin/resources"' in client.get("/admin/").get_data(as_text=True)


def test_admin_adds_a_resource_and_it_is_audited(client, auth):
    admin = auth.login("admin")
    response = client.post("/admin/resources/new", data=GOOD)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/resources"
    resource = db.session.scalar(select(Resource))
    assert (resource.title, resource.kind, resource.position, resource.is_placeholder) == (
        "Staff counselling line", "counselling", 2, False)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "resource.save"))
    assert entry.actor_id == admin.id and entry.target_id == resource.id
    assert "Staff counselling line" in client.get("/resources").get_data(as_text=True)


@pytest.mark.parametrize("change, message", [
    ({"title": "  "}, "Enter a title."),
    ({"title": "x" * 121}, "Keep the title under 120 characters."),
    ({"kind": "astrology"}, "Not a valid choice."),
    ({"contact": ""}, "Enter a phone number, an https:// link"),
    ({"position": "-1"}, "Enter a number from 0 to 999."),
    ({"position": "first"}, "Not a valid integer value."),
    ({"hours": "h" * 121}, "Keep the hours under 120 characters."),
])
def test_bad_resource_form_names_the_field_and_writes_nothing(client, auth, change, message):
    auth.login("admin")
    response = client.post("/admin/resources/new", data={**GOOD, **change})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page and 'role="alert"' in page
    assert _count() == 0
    assert 'value="+44 20 0000 0000"' in page or "contact" in change  # what was typed is kept


def test_admin_replaces_a_placeholder_and_the_label_goes(client, auth):
    auth.login("admin")
    ensure_defaults()
    crisis = db.session.scalar(select(Resource).where(Resource.kind == "crisis_line"))
    assert "Placeholder — replace with your organisation's own" in client.get("/resources").get_data(as_text=True)
    response = client.post(f"/admin/resources/{crisis.id}", data={
        **GOOD, "title": "Samaritans", "kind": "crisis_line", "contact": "116 123"})
    assert response.status_code == 302
    db.session.refresh(crisis)
    assert crisis.title == "Samaritans" and not crisis.is_placeholder
    page = client.get("/resources").get_data(as_text=True)
    article = page[page.index("<h2>Samaritans</h2>"):].split("</article>")[0]
    assert "Placeholder" not in article and "116 123" in article


def test_deleting_asks_first_then_removes_and_audits(client, auth):
    auth.login("admin")
    resource = Resource(title="Old line", kind="eap", contact="x")
    db.session.add(resource)
    db.session.commit()
    page = client.get(f"/admin/resources/{resource.id}/delete").get_data(as_text=True)
    assert "Delete “Old line”?" in page and _count() == 1
    response = client.post(f"/admin/resources/{resource.id}/delete")
    assert response.status_code == 302 and _count() == 0
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "resource.delete"))
    assert entry.target_id is not None and "Old line" in entry.detail


@pytest.mark.parametrize("url", ["/admin/resources/999999", "/admin/resources/999999/delete"])
def test_unknown_resource_is_404(client, auth, url):
    auth.login("admin")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["member", "manager", "hr"])
def test_only_admins_manage_resources(client, auth, role):
    auth.login(role)
    resource = Resource(title="Keep me", kind="eap", contact="x")
    db.session.add(resource)
    db.session.commit()
    assert client.get("/admin/resources").status_code == 403
    assert client.post("/admin/resources/new", data=GOOD).status_code == 403
    assert client.post(f"/admin/resources/{resource.id}/delete").status_code == 403
    assert _count() == 1


@pytest.mark.parametrize("contact", ["javascript:alert(document.cookie)", "JavaScript:alert(1)",
                                     "data:text/html,<script>x</script>", "http://insecure.example.org",
                                     "https://", "mailto:not-an-address", "www.example.org"])
def test_resource_contacts_must_be_https_tel_or_mailto(client, auth, contact):
    auth.login("admin")
    response = client.post("/admin/resources/new", data={**GOOD, "contact": contact})
    assert response.status_code == 200
    assert "https:// link, a phone number or an e-mail address" in response.get_data(as_text=True)
    assert _count() == 0


@pytest.mark.parametrize("contact, href, label", [
    ("https://eap.example.org/book", "https://eap.example.org/book", "https://eap.example.org/book"),
    ("+44 20 0000 0000", "tel:+442000000000", "+44 20 0000 0000"),
    ("tel:116 123", "tel:116123", "116 123"),
    ("help@example.org", "mailto:help@example.org", "help@example.org"),
])
def test_resource_contacts_are_shown_as_links_that_open_or_dial(client, auth, contact, href, label):
    auth.login("admin")
    assert client.post("/admin/resources/new", data={**GOOD, "contact": contact}).status_code == 302
    page = client.get("/resources").get_data(as_text=True)
    assert f'<a href="{href}">{label}</a>' in page
