"""The calendar feed: valid iCalendar of the member's own published shifts behind a secret, revocable URL."""
import re
from datetime import date, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from tests import factories
from tests.rotation_helpers import make_rotation
from wellbeing.extensions import db
from wellbeing.models import ApiToken
from wellbeing.services.tokens import create_token, revoke_token

TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday())


@pytest.fixture
def team_and_categories(app):
    team = factories.make_team()
    return team, factories.make_category(name="Violent content", severity=3), factories.make_category(name="Spam")


def _feed_url(user) -> str:
    _token, secret = create_token(user, "phone", scope="calendar")
    return f"/calendar/{secret}.ics"


def _events(response) -> list:
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    assert calendar.name == "VCALENDAR"
    return list(calendar.walk("VEVENT"))


def test_the_feed_is_valid_icalendar_with_one_event_per_shift(client, team_and_categories):
    team, violence, spam = team_and_categories
    member = factories.make_user(team_id=team.id)
    make_rotation(team, MONDAY, shifts=[(violence, MONDAY + timedelta(days=1), 90, [member]),
                                        (spam, MONDAY + timedelta(days=2), 120, [member])])
    db.session.commit()
    url = _feed_url(member)
    response = client.get(url)
    calendar = Calendar.from_ical(response.data)
    assert str(calendar["PRODID"]) == "-//Rotawell//Shift calendar//EN" and str(calendar["VERSION"]) == "2.0"
    first, second = _events(response)
    assert str(first["SUMMARY"]) == "Rotawell: Violent content (1.5 h)"
    assert str(second["SUMMARY"]) == "Rotawell: Spam (2 h)"
    assert first.decoded("DTSTART") == MONDAY + timedelta(days=1)
    assert first.decoded("DTEND") == MONDAY + timedelta(days=2)  # all-day: the end date is exclusive
    assert first.decoded("DTSTAMP").tzinfo is not None
    assert "no-cache" in response.headers["Cache-Control"]
    again = _events(client.get(url))
    assert [str(e["UID"]) for e in again] == [str(first["UID"]), str(second["UID"])]  # stable across fetches
    assert str(first["UID"]) != str(second["UID"])


def test_the_feed_holds_shift_facts_only(client, team_and_categories):
    team, violence, _spam = team_and_categories
    member = factories.make_user(team_id=team.id)
    make_rotation(team, MONDAY, shifts=[(violence, MONDAY, 60, [member])])
    db.session.commit()
    (event,) = _events(client.get(_feed_url(member)))
    assert set(event) == {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "TRANSP", "SEQUENCE", "STATUS"}


def test_draft_rotations_are_not_in_the_feed(client, team_and_categories):
    team, violence, spam = team_and_categories
    member = factories.make_user(team_id=team.id)
    make_rotation(team, MONDAY, shifts=[(violence, MONDAY, 60, [member])])
    make_rotation(team, MONDAY + timedelta(weeks=1), state="draft",
                  shifts=[(spam, MONDAY + timedelta(weeks=1), 60, [member])])
    db.session.commit()
    events = _events(client.get(_feed_url(member)))
    assert [str(e["SUMMARY"]) for e in events] == ["Rotawell: Violent content (1 h)"]


def test_another_members_shifts_are_not_in_the_feed(client, team_and_categories):
    team, violence, spam = team_and_categories
    member, colleague = factories.make_user(team_id=team.id), factories.make_user(team_id=team.id)
    make_rotation(team, MONDAY, shifts=[(violence, MONDAY, 60, [member, colleague]),
                                        (spam, MONDAY + timedelta(days=1), 60, [colleague])])
    db.session.commit()
    mine = _events(client.get(_feed_url(member)))
    theirs = _events(client.get(_feed_url(colleague)))
    assert [str(e["SUMMARY"]) for e in mine] == ["Rotawell: Violent content (1 h)"]
    assert len(theirs) == 2
    assert not {str(e["UID"]) for e in mine} & {str(e["UID"]) for e in theirs}


def test_an_empty_feed_is_still_a_calendar(client):
    member = factories.make_user()
    db.session.commit()
    assert _events(client.get(_feed_url(member))) == []


def test_revoking_makes_the_url_404(client):
    member = factories.make_user()
    db.session.commit()
    token, secret = create_token(member, "phone", scope="calendar")
    assert client.get(f"/calendar/{secret}.ics").status_code == 200
    revoke_token(member, token)
    assert client.get(f"/calendar/{secret}.ics").status_code == 404


@pytest.mark.parametrize("secret", ["rw_unknown", "nonsense", ""])
def test_unknown_secrets_are_404(client, secret):
    assert client.get(f"/calendar/{secret}.ics").status_code == 404


def test_api_and_calendar_secrets_do_not_stand_in_for_each_other(client):
    member = factories.make_user()
    db.session.commit()
    _token, api_secret = create_token(member, "harness")
    assert client.get(f"/calendar/{api_secret}.ics").status_code == 404
    _token, calendar_secret = create_token(member, "phone", scope="calendar")
    response = client.get("/api/v1/exposures", headers={"Authorization": f"Bearer {calendar_secret}"})
    assert response.status_code == 401


def test_a_deactivated_members_feed_is_404(client):
    member = factories.make_user()
    db.session.commit()
    url = _feed_url(member)
    member.active = False
    db.session.commit()
    assert client.get(url).status_code == 404


def test_creating_a_link_shows_the_url_once(client, auth, team_and_categories):
    team, violence, _spam = team_and_categories
    member = auth.login("member", team_id=team.id)
    make_rotation(team, MONDAY, shifts=[(violence, MONDAY, 60, [member])])
    db.session.commit()
    page = client.post("/settings/calendar", data={"name": "Phone"}).get_data(as_text=True)
    url = re.search(r'id="feed-url" type="text" readonly value="http://localhost(/calendar/[^"]+\.ics)"', page).group(1)
    assert "shown only once" in page and "copy it" in page
    assert len(_events(client.get(url))) == 1
    later = client.get("/settings/calendar").get_data(as_text=True)
    assert url not in later and "Phone" in later
    token = db.session.scalar(select(ApiToken))
    assert (token.scope, token.user_id) == ("calendar", member.id) and token.last_used_at is not None


def test_a_link_needs_a_name(client, auth):
    auth.login("member")
    page = client.post("/settings/calendar", data={"name": ""}).get_data(as_text=True)
    assert "Name the link after the calendar app that will use it." in page
    assert db.session.scalar(select(ApiToken)) is None


def test_calendar_links_and_api_tokens_are_listed_apart(client, auth):
    member = auth.login("member")
    create_token(member, "harness")
    create_token(member, "phone", scope="calendar")
    calendar_page = client.get("/settings/calendar").get_data(as_text=True)
    tokens_page = client.get("/settings/tokens").get_data(as_text=True)
    assert "phone" in calendar_page and "harness" not in calendar_page
    assert "harness" in tokens_page and "phone" not in tokens_page


def test_revoking_a_link_from_the_page(client, auth):
    member = auth.login("member")
    token, secret = create_token(member, "phone", scope="calendar")
    response = client.post(f"/settings/calendar/{token.id}/revoke", follow_redirects=True)
    assert "Calendar link “phone” revoked" in response.get_data(as_text=True)
    assert client.get(f"/calendar/{secret}.ics").status_code == 404


def test_someone_elses_link_or_an_api_token_cannot_be_revoked_here(client, auth):
    member = auth.login("member")
    other = factories.make_user()
    db.session.commit()
    theirs, their_secret = create_token(other, "phone", scope="calendar")
    api_token, _api_secret = create_token(member, "harness")
    assert client.post(f"/settings/calendar/{theirs.id}/revoke").status_code == 404
    assert client.post(f"/settings/calendar/{api_token.id}/revoke").status_code == 404
    assert client.post(f"/settings/calendar/{theirs.id + 100}/revoke").status_code == 404
    assert client.get(f"/calendar/{their_secret}.ics").status_code == 200
    assert db.session.get(ApiToken, api_token.id).revoked_at is None
