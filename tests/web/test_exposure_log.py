"""Logging exposure from the home page: each rule rejects with a message, keeps what was typed, writes nothing."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from wellbeing.extensions import db
from wellbeing.models import CategoryChoice, ExposureLog

TODAY = date.today()


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(ExposureLog))


def _form(category, **overrides) -> dict:
    data = {"category_id": str(category.id), "day": TODAY.isoformat(), "minutes": "90", "intensity": "3",
            "note": ""}
    return {**data, **overrides}


@pytest.fixture
def violence(app):
    category = factories.make_category(slug="violence", name="Violent content", severity=3,
                                       max_hours_per_day=3, max_hours_per_week=8)
    db.session.commit()
    return category


def test_a_logged_session_is_saved_and_shown_this_week(client, auth, violence):
    user = auth.login("member")
    response = client.post("/exposures", data=_form(violence, note="long queue, took a walk after"))
    assert response.status_code == 302
    log = db.session.scalar(select(ExposureLog))
    assert (log.user_id, log.minutes, log.intensity, log.source) == (user.id, 90, 3, "form")
    assert log.note == "long queue, took a walk after"
    page = client.get("/").get_data(as_text=True)
    assert "Violent content" in page and "1.50" in page  # this week's hours


@pytest.mark.parametrize("overrides, field, message", [
    ({"day": (TODAY + timedelta(days=1)).isoformat()}, "day", "cannot be in the future"),
    ({"day": (TODAY - timedelta(days=61)).isoformat()}, "day", "more than 60 days ago"),
    ({"day": "yesterday"}, "day", "Not a valid date value"),
    ({"minutes": "0"}, "minutes", "Enter between 1 and 720 minutes."),
    ({"minutes": "721"}, "minutes", "Enter between 1 and 720 minutes."),
    ({"minutes": "ninety"}, "minutes", "Not a valid integer value"),
    ({"intensity": "6"}, "intensity", "Choose an intensity from 1"),
    ({"intensity": ""}, "intensity", "Choose an intensity from 1"),
    ({"category_id": "999999"}, "category_id", "Choose a category from the list."),
    ({"note": "x" * 281}, "note", "Keep the note under 280 characters"),
])
def test_bad_sessions_are_refused_next_to_the_field(client, auth, violence, overrides, field, message):
    auth.login("member")
    response = client.post("/exposures", data=_form(violence, **overrides))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in page and message in page
    assert _count() == 0
    if "minutes" not in overrides:
        assert 'value="90"' in page  # what was typed is kept


def test_a_day_holds_at_most_24_hours(client, auth, violence):
    user = auth.login("member")
    db.session.add(ExposureLog(user_id=user.id, category=violence, day=TODAY, minutes=720, intensity=2))
    db.session.add(ExposureLog(user_id=user.id, category=violence, day=TODAY, minutes=700, intensity=2))
    db.session.commit()
    page = client.post("/exposures", data=_form(violence, minutes="30")).get_data(as_text=True)
    assert "a day holds at most 24 hours" in page
    assert _count() == 2
    assert client.post("/exposures", data=_form(violence, minutes="20")).status_code == 302  # exactly 24 h


def test_another_members_time_does_not_count_toward_my_day(client, auth, violence):
    other = factories.make_user()
    db.session.add(ExposureLog(user_id=other.id, category=violence, day=TODAY, minutes=720, intensity=2))
    db.session.add(ExposureLog(user_id=other.id, category=violence, day=TODAY, minutes=720, intensity=2))
    auth.login("member")
    assert client.post("/exposures", data=_form(violence)).status_code == 302


def test_opt_in_category_needs_an_opt_in(client, auth):
    child = factories.make_category(slug="child_safety", name="Child safety", severity=4, requires_opt_in=True)
    db.session.commit()
    user = auth.login("member")
    page = client.post("/exposures", data=_form(child)).get_data(as_text=True)
    assert "opt-in only and you have not opted in" in page and _count() == 0
    db.session.add(CategoryChoice(user_id=user.id, category_id=child.id, consent="opted_in"))
    db.session.commit()
    assert client.post("/exposures", data=_form(child)).status_code == 302


def _own_log(user, category, **overrides) -> ExposureLog:
    log = ExposureLog(**{"user_id": user.id, "category": category, "day": TODAY, "minutes": 60, "intensity": 2,
                         **overrides})
    db.session.add(log)
    db.session.commit()
    return log


def test_member_edits_own_session(client, auth, violence):
    log = _own_log(auth.login("member"), violence)
    response = client.post(f"/exposures/{log.id}/edit", data=_form(violence, minutes="45", intensity="4"))
    assert response.status_code == 302
    db.session.refresh(log)
    assert (log.minutes, log.intensity) == (45, 4)


def test_an_edit_is_checked_like_a_new_session(client, auth, violence):
    user = auth.login("member")
    log = _own_log(user, violence, minutes=700)
    _own_log(user, violence, minutes=720)
    _own_log(user, violence, minutes=20)
    page = client.post(f"/exposures/{log.id}/edit", data=_form(violence, minutes="721")).get_data(as_text=True)
    assert "Enter between 1 and 720 minutes." in page
    page = client.post(f"/exposures/{log.id}/edit", data=_form(violence, minutes="701")).get_data(as_text=True)
    assert "a day holds at most 24 hours" in page
    db.session.refresh(log)
    assert log.minutes == 700
    # the entry being edited does not count against itself: 700 + 720 + 20 is exactly 24 h
    assert client.post(f"/exposures/{log.id}/edit", data=_form(violence, minutes="700")).status_code == 302


def test_member_deletes_own_session_after_confirming(client, auth, violence):
    log = _own_log(auth.login("member"), violence)
    assert "This cannot be undone" in client.get(f"/exposures/{log.id}/delete").get_data(as_text=True)
    assert _count() == 1
    assert client.post(f"/exposures/{log.id}/delete").status_code == 302
    assert _count() == 0


@pytest.mark.parametrize("method, suffix", [("get", "/edit"), ("post", "/edit"), ("get", "/delete"),
                                            ("post", "/delete")])
def test_another_members_session_is_not_found(client, auth, violence, method, suffix):
    other_log = _own_log(factories.make_user(), violence)
    auth.login("member")
    response = getattr(client, method)(f"/exposures/{other_log.id}{suffix}", data=_form(violence, minutes="5"))
    assert response.status_code == 404
    db.session.refresh(other_log)
    assert other_log.minutes == 60


def test_dose_warning_shows_at_75_percent(client, auth):
    moderate = factories.make_category(severity=2, max_hours_per_day=8, max_hours_per_week=40)
    user = auth.login("member")
    for offset in range(3):  # 3 days x 6 h x weight 1 = 18 = 75% of the default 7-day limit of 24
        _own_log(user, moderate, day=TODAY - timedelta(days=offset), minutes=360)
    page = client.get("/").get_data(as_text=True)
    assert "18.0 of 24.0 (75%) — getting close to your limit" in page
    _own_log(user, moderate, day=TODAY - timedelta(days=3), minutes=420)
    assert "over your limit" in client.get("/").get_data(as_text=True)


def test_plotly_is_served_locally(client, auth):
    auth.login("member")
    page = client.get("/").get_data(as_text=True)
    assert '<script src="/vendor/plotly.min.js"></script>' in page
    assert "cdn" not in page.lower()
    script = client.get("/vendor/plotly.min.js")
    assert script.status_code == 200 and b"plotly" in script.data[:2000].lower()
