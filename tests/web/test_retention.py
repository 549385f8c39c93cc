"""`flask retention purge`: notes older than RETENTION_DAYS go, hours and scores stay."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from tests import factories
from tests.checkin_factories import make_checkin, make_log
from wellbeing.extensions import db
from wellbeing.models import AuditEntry, CheckIn, ExposureLog
from wellbeing.services.retention import purge_notes


def _rows(days_old: list[float], now: datetime):
    """A log and a check-in with a note for each age, plus one of each without a note."""
    user, category = factories.make_user(), factories.make_category()
    for age in days_old:
        moment = now - timedelta(days=age)
        make_log(user, category, minutes=90, note=f"log {age}", created_at=moment)
        # one member per age: 90.01 and 89.99 days ago may be one day, which holds one check-in per member
        make_checkin(factories.make_user(), [2, 2, 2, 2, 2], note=f"checkin {age}", created_at=moment)
    make_log(user, category, created_at=now - timedelta(days=400))
    db.session.commit()


def _notes(model) -> set[str]:
    return set(db.session.scalars(select(model.note).where(model.note.is_not(None))))


def test_purge_command_removes_old_notes_and_keeps_hours_and_scores(runner):
    now = datetime.now(timezone.utc)
    _rows([91, 90.01, 89.99, 10], now)
    result = runner.invoke(args=["retention", "purge"])
    assert result.exit_code == 0, result.output
    assert "Purged 2 exposure-log notes, 2 check-in notes" in result.output and "older than 90 days" in result.output
    assert _notes(ExposureLog) == {"log 89.99", "log 10"}
    assert _notes(CheckIn) == {"checkin 89.99", "checkin 10"}
    assert set(db.session.scalars(select(ExposureLog.minutes))) == {90, 60}
    assert set(db.session.scalars(select(CheckIn.score))) == {40}
    assert db.session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "retention.purge")) == (
        "days=90, exposure_notes=2, checkin_notes=2, follow_ups=0")


def test_purge_follows_the_configured_retention(runner, app):
    app.config["RETENTION_DAYS"] = 30
    _rows([31, 29], datetime.now(timezone.utc))
    result = runner.invoke(args=["retention", "purge"])
    assert "Purged 1 exposure-log notes, 1 check-in notes" in result.output
    assert _notes(CheckIn) == {"checkin 29"}


@pytest.mark.parametrize("offset, purged", [(timedelta(seconds=1), True), (timedelta(0), False),
                                            (-timedelta(seconds=1), False)])
def test_purge_boundary_is_exactly_retention_days(app, offset, purged):
    now = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
    user = factories.make_user()
    make_checkin(user, note="edge", created_at=now - timedelta(days=90) - offset)
    db.session.commit()
    result = purge_notes(now, 90)
    assert result.checkin_notes == int(purged)
    assert _notes(CheckIn) == (set() if purged else {"edge"})


def test_a_second_purge_finds_nothing(runner):
    _rows([100], datetime.now(timezone.utc))
    runner.invoke(args=["retention", "purge"])
    assert "Purged 0 exposure-log notes, 0 check-in notes" in runner.invoke(args=["retention", "purge"]).output
