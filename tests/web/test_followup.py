"""After a low score: calm words, resources (crisis lines first for the lowest), follow-up only on request."""
import re

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.checkin_factories import make_checkin
from wellbeing.defaults import ensure_defaults
from wellbeing.extensions import db
from wellbeing.models import AuditEntry, FollowUpRequest

POOR = [2, 2, 2, 2, 2]    # 40: at or below 50
LOWEST = [1, 1, 1, 1, 1]  # 20: at or below 28
ROUTE = {"route": "email"}


@pytest.fixture
def member(auth, app):
    ensure_defaults()
    return auth.login()


def _requests() -> int:
    return db.session.scalar(select(func.count(FollowUpRequest.id)))


def _titles(page: str) -> list[str]:
    return re.findall(r'<article class="resource kind-[a-z_]+">\s*<h4>([^<]+)</h4>', page)


def test_a_low_score_shows_a_calm_message_resources_and_the_offer(client, member):
    checkin = make_checkin(member, POOR)
    db.session.commit()
    page = client.get(f"/checkins/{checkin.id}").get_data(as_text=True)
    assert "Your wellbeing has been lower lately" in page and 'class="support"' in page
    assert "Ask for a confidential follow-up" in page and "your manager is not told" in page
    titles = _titles(page)
    assert len(titles) == 5 and titles[0].startswith("Employee assistance")
    assert "Placeholder — replace with your organisation's own" in page
    assert _requests() == 0  # nothing is sent just because the score was low


def test_the_lowest_scores_show_crisis_lines_first_and_prominently(client, member):
    checkin = make_checkin(member, LOWEST)
    db.session.commit()
    page = client.get(f"/checkins/{checkin.id}").get_data(as_text=True)
    assert 'class="support prominent"' in page and "the last two weeks have been hard" in page
    assert _titles(page)[0] == "Crisis line (placeholder)"


def test_follow_up_is_sent_to_the_wellbeing_contact_only_when_asked(client, member, app):
    app.config["WELLBEING_CONTACT"] = "care-team@example.org"
    checkin = make_checkin(member, POOR, note="private words")
    db.session.commit()
    response = client.post(f"/checkins/{checkin.id}/follow-up", data=ROUTE, follow_redirects=True)
    page = response.get_data(as_text=True)
    request = db.session.scalar(select(FollowUpRequest))
    assert (request.user_id, request.checkin_id, request.sent_to) == (member.id, checkin.id, "care-team@example.org")
    assert "Your request was received" in page
    assert "You asked for a confidential follow-up on" in page and "<strong>received</strong>" in page
    assert "Ask for a confidential follow-up</button>" not in page
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "followup.request"))
    assert (entry.actor_id, entry.target_id, entry.detail) == (None, request.id, "")  # admins read the audit log


def test_a_second_press_sends_nothing_more(client, member):
    checkin = make_checkin(member, POOR)
    db.session.commit()
    client.post(f"/checkins/{checkin.id}/follow-up", data=ROUTE)
    page = client.post(f"/checkins/{checkin.id}/follow-up", data=ROUTE, follow_redirects=True).get_data(as_text=True)
    assert _requests() == 1 and "You already asked for a follow-up after this check-in" in page


def test_follow_up_never_goes_to_the_manager(client, auth, app):
    team = factories.make_team()
    manager = factories.make_user(roles=["manager"], team=team, email="boss@example.org")
    member = auth.login(team=team)
    checkin = make_checkin(member, LOWEST)
    db.session.commit()
    client.post(f"/checkins/{checkin.id}/follow-up", data=ROUTE, follow_redirects=True)
    assert db.session.scalar(select(FollowUpRequest.sent_to)) == app.config["WELLBEING_CONTACT"] != manager.email
    auth.logout()
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    page = client.get("/manager/").get_data(as_text=True)
    assert "follow-up" not in page.lower() and "wellbeing@example.org" not in page


def test_follow_up_must_be_a_post(client, member):
    checkin = make_checkin(member, POOR)
    db.session.commit()
    assert client.get(f"/checkins/{checkin.id}/follow-up").status_code == 405
    assert _requests() == 0


def test_follow_up_button_needs_its_csrf_token(csrf_app):
    client = csrf_app.test_client()
    user = factories.make_user()
    checkin = make_checkin(user, POOR)
    db.session.commit()
    login_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    client.post("/login", data={"email": user.email, "password": factories.PASSWORD, "csrf_token": token})
    assert client.post(f"/checkins/{checkin.id}/follow-up", data=ROUTE).status_code == 400
    page = client.get(f"/checkins/{checkin.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post(f"/checkins/{checkin.id}/follow-up", data={**ROUTE, "csrf_token": token}).status_code == 302
    assert _requests() == 1


def test_with_no_wellbeing_contact_account_the_configured_address_is_told_a_request_waits(
        client, member, app, smtp_server):
    app.config["WELLBEING_CONTACT"] = "care-team@example.org"
    checkin = make_checkin(member, POOR, note="private words")
    db.session.commit()
    client.post(f"/checkins/{checkin.id}/follow-up", data=ROUTE)
    (recipients, message), = smtp_server.messages()
    assert recipients == ["care-team@example.org"]
    body = message.get_payload()
    assert "waiting" in body and member.email not in body and member.name not in body
    assert "private words" not in body and str(checkin.score) not in body
