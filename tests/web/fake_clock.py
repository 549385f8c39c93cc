"""The timer's clock, moved by the test instead of waited for (web, API and browser timer tests)."""
from datetime import datetime, timedelta, timezone

import pytest

from wellbeing.services import timer

START = datetime.now(timezone.utc).replace(hour=8, minute=0, second=0, microsecond=0)


class FakeClock:
    """Stands in for timer.clock: returns `moment`, which the test advances."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    """The timer's clock replaced by a FakeClock starting at START."""
    fake = FakeClock(START)
    monkeypatch.setattr(timer, "clock", fake)
    return fake
