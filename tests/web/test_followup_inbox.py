"""A member who asks for a follow-up reaches a person: the wellbeing contact's inbox, and only theirs."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from tests import factories
from tests.checkin_factories import make_checkin
from wellbeing.defaults import ensure_defaults
from wellbeing.extensions import db
from wellbeing.models import FollowUpRequest
from wellbeing.services.retention import purge_notes

POOR = [2, 2, 2, 2, 1]  # 36


def _sign_in(client, user):
    client.post("/logout")
    response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302


@pytest.fixture
def people(app):
    ensure_defaults()
    member = factories.make_user(name="Mira Member")
    contact = factories.make_user(roles=["wellbeing"], name="Wes Wellbeing")
    db.session.commit()
    return member, contact


def _ask(client, member, **form):
    checkin = make_checkin(member, POOR, note="my private words")
    db.session.commit()
    _sign_in(client, member)
    data = {"route": "phone", "message": "Mornings are best", **form}
    response = client.post(f"/checkins/{checkin.id}/follow-up", data=data, follow_redirects=True)
    assert response.status_code == (422 if form.get("route") == "carrier-pigeon" else 200)
    return checkin, response.get_data(as_text=True)


def test_a_request_without_a_mail_server_reaches_the_wellbeing_inbox(client, people):
    member, contact = people
    _checkin, page = _ask(client, member)
    assert "received" in page
    _sign_in(client, contact)
    inbox = client.get("/wellbeing/").get_data(as_text=True)
    assert "Mira Member" in inbox and "Phone" in inbox
    request = db.session.scalar(select(FollowUpRequest))
    detail = client.get(f"/wellbeing/requests/{request.id}").get_data(as_text=True)
    assert "Mira Member" in detail and member.email in detail and "Mornings are best" in detail
    without_email = detail.replace(member.email, "")
    # no score unless shared (a bare "36" would also match the request's time, "01:36 UTC")
    assert "score" not in without_email and "Answers they chose to share" not in without_email
    assert "They did not share their answers." in without_email
    assert "my private words" not in detail


def test_answers_are_shown_only_when_the_member_shares_them(client, people):
    member, contact = people
    _ask(client, member, share_answers="y")
    _sign_in(client, contact)
    request = db.session.scalar(select(FollowUpRequest))
    detail = client.get(f"/wellbeing/requests/{request.id}").get_data(as_text=True)
    assert "score 36 of" in detail and "WHO-5" in detail
    assert "my private words" not in detail  # the private note is never shared


def test_the_contact_marks_contacted_then_closes_and_the_member_sees_it(client, people):
    member, contact = people
    checkin, _page = _ask(client, member)
    request = db.session.scalar(select(FollowUpRequest))
    _sign_in(client, contact)
    client.post(f"/wellbeing/requests/{request.id}/contacted")
    db.session.expire_all()
    assert db.session.get(FollowUpRequest, request.id).state == "contacted"
    _sign_in(client, member)
    assert "contacted" in client.get(f"/checkins/{checkin.id}").get_data(as_text=True)
    _sign_in(client, contact)
    client.post(f"/wellbeing/requests/{request.id}/close")
    db.session.expire_all()
    assert db.session.get(FollowUpRequest, request.id).state == "closed"
    assert "Mira Member" not in client.get("/wellbeing/").get_data(as_text=True)  # closed ones leave the inbox


@pytest.mark.parametrize("role", ["member", "manager", "hr", "admin"])
def test_no_other_role_sees_the_inbox_or_a_request(client, people, role):
    member, _contact = people
    _ask(client, member)
    request = db.session.scalar(select(FollowUpRequest))
    other = factories.make_user(roles=[role])
    db.session.commit()
    _sign_in(client, other)
    for url in ("/wellbeing/", f"/wellbeing/requests/{request.id}"):
        response = client.get(url)
        assert response.status_code == 403 and "Mira Member" not in response.get_data(as_text=True)
    assert client.post(f"/wellbeing/requests/{request.id}/contacted").status_code == 403
    db.session.expire_all()
    assert db.session.get(FollowUpRequest, request.id).state == "received"


def test_an_unknown_request_id_is_a_404(client, people):
    _member, contact = people
    _sign_in(client, contact)
    assert client.get("/wellbeing/requests/999").status_code == 404
    assert client.post("/wellbeing/requests/999/close").status_code == 404


def test_a_bad_contact_route_writes_nothing(client, people):
    member, _contact = people
    _checkin, page = _ask(client, member, route="carrier-pigeon")
    assert "Choose how you would like to be contacted" in page
    assert db.session.scalar(select(FollowUpRequest)) is None


def test_the_announcement_mail_names_nobody(client, people, app, smtp_server):
    member, contact = people
    _ask(client, member)
    (recipients, message), = smtp_server.messages()
    assert recipients == [contact.email]
    body = message.get_payload()
    assert "waiting" in body and member.email not in body and "Mira" not in body and "Mornings" not in body


def test_closed_requests_are_purged_after_the_retention_period(app, people):
    member, _contact = people
    now = datetime.now(timezone.utc)
    checkin = make_checkin(member, POOR)
    old = FollowUpRequest(user_id=member.id, checkin_id=checkin.id, sent_to="x@example.org", route="email",
                          message="old words", state="closed", created_at=now - timedelta(days=120))
    waiting = FollowUpRequest(user_id=member.id, checkin_id=None, sent_to="x@example.org", route="email",
                              message="still waiting", created_at=now - timedelta(days=120))
    recent = FollowUpRequest(user_id=member.id, checkin_id=None, sent_to="x@example.org", route="email",
                             state="closed", created_at=now - timedelta(days=10))
    db.session.add_all([old, waiting, recent])
    db.session.commit()
    old_id, waiting_id, recent_id = old.id, waiting.id, recent.id
    result = purge_notes(now, 90)
    db.session.expunge_all()
    remaining = {r.id: r for r in db.session.scalars(select(FollowUpRequest))}
    assert old_id not in remaining and {waiting_id, recent_id} <= set(remaining)
    assert remaining[waiting_id].message is None  # an open request stays, its words do not
    assert result.follow_ups == 1
