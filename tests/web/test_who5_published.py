"""WHO-5 as published: any single item at 0 or 1 calls for further assessment; raw score beside the
percentage; one check-in per instrument per day (a second the same day replaces the first, once confirmed)."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tests import factories
from tests.checkin_factories import days_ago, make_checkin
from wellbeing import instruments
from wellbeing.extensions import db
from wellbeing.models import CheckIn

WHO5 = instruments.load("who5")
ITEM_IDS = [item.id for item in WHO5.items]


def _form(answers, **extra):
    return {**dict(zip(ITEM_IDS, map(str, answers))), **extra}


@pytest.mark.parametrize("answers, flagged", [
    ([3, 3, 3, 3, 1], True),    # 52: above 50, but one item at 1
    ([5, 5, 5, 5, 0], True),    # 80: one item at 0
    ([2, 2, 2, 2, 2], True),    # 40: the total alone flags it
    ([3, 3, 3, 3, 2], False),   # 56: no item at 0 or 1
    ([5, 5, 5, 5, 5], False),
])
def test_any_single_item_at_0_or_1_calls_for_further_assessment(answers, flagged):
    assert (WHO5.assess(answers) is not None) == flagged


def test_a_low_single_item_is_not_called_usual_and_offers_support(client, auth):
    user = auth.login()
    checkin = make_checkin(user, [3, 3, 3, 3, 1])
    db.session.commit()
    page = client.get(f"/checkins/{checkin.id}").get_data(as_text=True)
    assert "within the usual range" not in page
    assert "Ask for a confidential follow-up" in page and 'class="support' in page
    history = client.get("/checkins").get_data(as_text=True)
    assert "Within the usual range" not in history


def test_the_raw_score_is_shown_beside_the_percentage(client, auth):
    user = auth.login()
    checkin = make_checkin(user, [3, 3, 3, 3, 1])
    db.session.commit()
    page = client.get(f"/checkins/{checkin.id}").get_data(as_text=True)
    assert "52</strong> out of 100" in page and "raw score 13 of 25" in page


def _count() -> int:
    return db.session.scalar(select(func.count(CheckIn.id)))


def test_a_second_checkin_the_same_day_asks_before_replacing(client, auth):
    user = auth.login()
    first = client.post("/checkin", data=_form([1, 1, 1, 1, 1]))
    assert first.status_code == 302
    second = client.post("/checkin", data=_form([4, 4, 4, 4, 4]))
    page = second.get_data(as_text=True)
    assert second.status_code == 409 and "You already checked in today" in page
    assert 'name="replace" value="yes"' in page and 'value="4" checked' in page  # the answers are kept
    assert _count() == 1 and db.session.scalar(select(CheckIn.score)) == 20
    confirmed = client.post("/checkin", data=_form([4, 4, 4, 4, 4], replace="yes"))
    assert confirmed.status_code == 302
    db.session.expire_all()
    assert _count() == 1 and db.session.scalar(select(CheckIn.score)) == 80
    assert db.session.scalar(select(CheckIn.user_id)) == user.id


def test_checkins_on_different_days_are_kept_apart(client, auth):
    user = auth.login()
    make_checkin(user, [1, 1, 1, 1, 1], created_at=datetime.now(timezone.utc) - timedelta(days=1))
    db.session.commit()
    assert client.post("/checkin", data=_form([4, 4, 4, 4, 4])).status_code == 302
    assert _count() == 2


def test_the_database_refuses_two_checkins_of_one_instrument_on_one_day(app):
    user = factories.make_user()
    make_checkin(user, [3] * 5, created_at=days_ago(0))
    with pytest.raises(IntegrityError):
        make_checkin(user, [4] * 5, created_at=days_ago(0))
    db.session.rollback()
