"""Invariants hold in the database itself, not only in the forms."""
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from tests import factories
from wellbeing.extensions import db
from wellbeing.models import CheckIn, ExposureLog, Shift, UserRole


def _log(**overrides):
    user, category = factories.make_user(), factories.make_category()
    fields = {"user_id": user.id, "category_id": category.id, "day": date(2026, 11, 2), "minutes": 30,
              "intensity": 3, "source": "form"}
    return ExposureLog(**{**fields, **overrides})


@pytest.mark.parametrize("overrides", [{"minutes": 0}, {"minutes": -5}, {"intensity": 0}, {"intensity": 6},
                                       {"source": "email"}, {"day": None}])
def test_bad_exposure_rows_are_refused(app, overrides):
    db.session.add(_log(**overrides))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_a_good_exposure_row_is_accepted(app):
    log = _log()
    db.session.add(log)
    db.session.flush()
    assert log.id is not None


@pytest.mark.parametrize("severity", [0, 5])
def test_category_severity_is_1_to_4(app, severity):
    with pytest.raises(IntegrityError):
        factories.make_category(severity=severity)


def test_category_slug_is_unique(app):
    factories.make_category(slug="violence", name="A")
    with pytest.raises(IntegrityError):
        factories.make_category(slug="violence", name="B")


def test_unknown_role_is_refused(app):
    user = factories.make_user()
    db.session.add(UserRole(user_id=user.id, role="superuser"))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_checkin_score_is_0_to_100(app):
    user = factories.make_user()
    db.session.add(CheckIn(user_id=user.id, answers=[5] * 5, score=101))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_exposure_needs_an_existing_user(app):
    db.session.add(_log(user_id=999999))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_shift_minutes_are_quarter_hours(app):
    from wellbeing.models import Rotation
    team, category = factories.make_team(), factories.make_category()
    rotation = Rotation(team_id=team.id, week_start=date(2026, 11, 30))
    db.session.add(rotation)
    db.session.flush()
    db.session.add(Shift(rotation_id=rotation.id, category_id=category.id, day=date(2026, 11, 30),
                         minutes=50, people=1))
    with pytest.raises(IntegrityError):
        db.session.flush()
