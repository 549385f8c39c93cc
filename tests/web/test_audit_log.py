"""Security events are audited (who, when, what; never content) and the admin can filter the log."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from tests import factories
from tests.checkin_factories import make_checkin
from wellbeing.extensions import db
from wellbeing.models import AuditEntry
from wellbeing.services.audit import record


def _actions():
    return [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_role_and_team_changes_are_audited_with_what_changed(client, auth):
    admin = auth.login("admin")
    user, team = factories.make_user(roles=["member"]), factories.make_team(name="Green")
    db.session.commit()
    client.post(f"/admin/users/{user.id}", data={"name": user.name, "roles": ["member", "manager"],
                                                 "team_id": str(team.id), "hours_per_day": "6",
                                                 "hours_per_week": "20", "active": "y"})
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.update"))
    assert entry.actor_id == admin.id and entry.target_id == user.id
    assert "roles member -> manager,member" in entry.detail and "team none -> Green" in entry.detail


def test_exports_and_session_revocations_are_audited_without_content(client, auth):
    member = auth.login("member")
    make_checkin(member, note="words only I may read")
    db.session.commit()
    client.get("/my-data/export.json")
    client.post("/account/sessions/end-all")
    assert {"export.my_data", "session.end_all"} <= set(_actions())
    assert not any("words only I may read" in e.detail for e in db.session.scalars(select(AuditEntry)))


@pytest.fixture
def log(app):
    alice, bob = factories.make_user(name="Alice"), factories.make_user(name="Bob")
    record(alice, "token.create", alice)
    record(bob, "session.end_all", bob)
    old = AuditEntry(actor_id=bob.id, action="password.change", target_type="user", target_id=bob.id,
                     created_at=datetime.now(timezone.utc) - timedelta(days=40))
    db.session.add(old)
    db.session.commit()
    return alice, bob


def _rows(client, **query):
    page = client.get("/admin/audit", query_string=query).get_data(as_text=True)
    return page.split("<tbody>")[1].split("</tbody>")[0]


def test_audit_log_filters_by_person(client, auth, log):
    alice, _bob = log
    auth.login("admin")
    rows = _rows(client, person=alice.id)
    assert "token.create" in rows and "session.end_all" not in rows


def test_audit_log_filters_by_action(client, auth, log):
    auth.login("admin")
    rows = _rows(client, action="session.end_all")
    assert "session.end_all" in rows and "token.create" not in rows


def test_audit_log_filters_by_date(client, auth, log):
    auth.login("admin")
    today = datetime.now(timezone.utc).date()
    recent = _rows(client, since=(today - timedelta(days=7)).isoformat())
    assert "token.create" in recent and "password.change" not in recent
    older = _rows(client, until=(today - timedelta(days=30)).isoformat())
    assert "password.change" in older and "token.create" not in older


def test_audit_log_names_a_bad_filter(client, auth, log):
    auth.login("admin")
    response = client.get("/admin/audit", query_string={"since": "2026-12-10", "until": "2026-12-01"})
    assert response.status_code == 400 and "The end date is before the start date." in response.get_data(as_text=True)
    assert client.get("/admin/audit", query_string={"since": "yesterday"}).status_code == 400
