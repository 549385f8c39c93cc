"""The check-in page: one accessible radio group per item, validation next to each item, own history."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.checkin_factories import days_ago, make_checkin, make_prompt
from wellbeing.extensions import db
from wellbeing.models import CheckIn, Prompt
from wellbeing.services.checkins import score_history

GOOD = {"cheerful": "3", "calm": "3", "active": "2", "rested": "4", "interest": "1", "note": "slept badly"}


def _count() -> int:
    return db.session.scalar(select(func.count(CheckIn.id)))


def test_checkin_page_shows_each_item_as_a_labelled_radio_group(client, auth):
    auth.login()
    page = client.get("/checkin").get_data(as_text=True)
    assert page.count("<fieldset") == 5 and page.count("<legend>") == 5
    assert "1. I have felt cheerful and in good spirits</legend>" in page
    assert "Over the last two weeks" in page
    assert len(re.findall(r'<input type="radio" id="calm-\d" name="calm"', page)) == 6
    assert '<label class="inline" for="calm-5">' in page and "5 — All of the time" in page and "0 — At no time" in page


def test_checkin_page_says_the_note_is_private_and_purged(client, auth, app):
    auth.login()
    app.config["RETENTION_DAYS"] = 30
    page = client.get("/checkin").get_data(as_text=True)
    assert "only you can ever see this note" in page and "deleted automatically after 30 days" in page
    assert "Topp CW" in page and "Psychiatric Centre North Zealand" in page and "Free to use" in page


def test_a_complete_checkin_is_scored_saved_and_answers_prompts(client, auth):
    user = auth.login()
    make_prompt(user, "scheduled")
    make_prompt(user, "severe_session", state="snoozed", snoozed_until=days_ago(-1))
    db.session.commit()
    response = client.post("/checkin", data=GOOD)
    checkin = db.session.scalar(select(CheckIn))
    assert response.status_code == 302 and response.headers["Location"] == f"/checkins/{checkin.id}"
    assert (checkin.user_id, checkin.answers, checkin.score, checkin.note) == (user.id, [3, 3, 2, 4, 1], 52,
                                                                               "slept badly")
    assert {p.state for p in db.session.scalars(select(Prompt))} == {"answered"}
    assert all(p.answered_at is not None for p in db.session.scalars(select(Prompt)))


@pytest.mark.parametrize("change, item, message", [
    ({"calm": None}, "calm", "Choose an answer for “I have felt calm and relaxed”."),
    ({"cheerful": ""}, "cheerful", "Choose an answer for “I have felt cheerful and in good spirits”."),
    ({"active": "7"}, "active", "must be between 0 and 5, not 7"),
    ({"rested": "lots"}, "rested", "must be a whole number from 0 to 5"),
    ({"note": "x" * 2001}, "note", "Keep the note under 2,000 characters."),
])
def test_a_rejected_checkin_names_the_item_writes_nothing_and_keeps_the_rest(client, auth, change, item, message):
    auth.login()
    data = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    response = client.post("/checkin", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and _count() == 0
    error = re.search(rf'<p class="error" id="{item}-error"[^>]*>([^<]*)</p>', page)
    assert error and message in error.group(1)
    if item != "interest":
        assert 'id="interest-1" name="interest" value="1" checked' in page
    if item != "note":
        assert "slept badly</textarea>" in page
        assert f'aria-describedby="{item}-error"' in page


def test_an_empty_form_marks_every_item(client, auth):
    auth.login()
    page = client.post("/checkin", data={}).get_data(as_text=True)
    assert "5 of 5 statements still need an answer" in page and page.count('class="error"') == 5
    assert _count() == 0


def test_checkin_list_shows_own_scores_newest_first_with_change(client, auth):
    user = auth.login()
    make_checkin(user, [3, 3, 3, 3, 3], created_at=days_ago(20))
    make_checkin(user, [2, 2, 2, 2, 2], created_at=days_ago(5))
    db.session.commit()
    page = client.get("/checkins").get_data(as_text=True)
    assert page.index("<td>40</td>") < page.index("<td>60</td>")
    assert "<td>-20</td>" in page and "Your wellbeing has been lower lately" in page


def test_checkin_list_invites_a_first_checkin(client, auth):
    auth.login()
    assert "You have not checked in yet" in client.get("/checkins").get_data(as_text=True)


def test_score_history_gives_own_days_and_scores_since_a_date(app):
    from tests import factories
    user, other = factories.make_user(), factories.make_user()
    make_checkin(user, [1, 1, 1, 1, 1], created_at=days_ago(30))
    make_checkin(user, [5, 5, 5, 5, 5], created_at=days_ago(3))
    make_checkin(user, [4, 4, 4, 4, 4], created_at=days_ago(10))
    make_checkin(other, [0, 0, 0, 0, 0], created_at=days_ago(3))
    db.session.commit()
    since = days_ago(14).date()
    assert score_history(user, since) == [(days_ago(10).date(), 80), (days_ago(3).date(), 100)]
    assert score_history(user, since + timedelta(days=30)) == []


def test_a_good_score_thanks_without_offering_a_follow_up(client, auth):
    user = auth.login()
    checkin = make_checkin(user, [4, 4, 4, 4, 4])
    db.session.commit()
    page = client.get(f"/checkins/{checkin.id}").get_data(as_text=True)
    assert "within the usual range" in page and "Ask for a confidential follow-up" not in page
    assert "4 — Most of the time" in page


@pytest.mark.parametrize("role", ["manager", "hr", "admin"])
def test_people_without_the_member_role_cannot_check_in(client, auth, role):
    auth.login(role)
    assert client.get("/checkin").status_code == 403
    assert client.post("/checkin", data=GOOD).status_code == 403
    assert _count() == 0


def test_subnav_links_to_checkin_history_and_my_data(client, auth):
    auth.login()
    page = client.get("/checkins").get_data(as_text=True)
    for href in ('href="/checkin"', 'href="/checkins"', 'href="/my-data"', 'href="/resources"'):
        assert href in page
