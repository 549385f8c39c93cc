"""A manager's manual edits go through the scheduler's rules: an unsafe pin is refused, named, and not written."""
import html

import pytest
from sqlalchemy import select

from tests import factories
from tests.web.edit_fixtures import UNSAFE_PINS, EditWeek
from wellbeing.extensions import db
from wellbeing.models import Assignment


@pytest.fixture
def edit_week(app, client):
    week = EditWeek()
    db.session.commit()
    client.post("/login", data={"email": week.manager.email, "password": factories.PASSWORD})
    return week


def _pin(client, shift, user, **extra):
    response = client.post(f"/manager/shifts/{shift.id}/assignments",
                           data={"user_id": user.id, "action": "pin", **extra}, follow_redirects=True)
    return html.unescape(response.get_data(as_text=True))


def _on(shift, user) -> bool:
    return db.session.scalar(select(Assignment).where(Assignment.shift_id == shift.id,
                                                      Assignment.user_id == user.id)) is not None


@pytest.mark.parametrize("rule", sorted(UNSAFE_PINS))
def test_a_pin_that_breaks_a_rule_is_refused_with_the_rule_named(client, edit_week, rule):
    build, words = UNSAFE_PINS[rule]
    target = build(edit_week)
    db.session.commit()
    page = _pin(client, target, edit_week.gus)
    assert words in page
    assert "Gus Berg" in page
    assert not _on(target, edit_week.gus)


def test_a_safe_pin_is_kept(client, edit_week):
    target = edit_week.shift("bias", 0, 2)
    db.session.commit()
    _pin(client, target, edit_week.gus)
    assert _on(target, edit_week.gus)


def test_the_same_member_elsewhere_that_day_still_counts(client, edit_week):
    """The check reads the rota as it stands: Ada's Monday hours do not count for Gus, but they do for her."""
    edit_week.shift("violence", 0, 3, 2, edit_week.ada)
    hate = edit_week.shift("hate", 0, 2)
    db.session.commit()
    _pin(client, hate, edit_week.gus)
    assert _on(hate, edit_week.gus)
    page = _pin(client, hate, edit_week.ada)
    assert "over their daily severe-content ceiling: 5 h of 4 h" in page and not _on(hate, edit_week.ada)
