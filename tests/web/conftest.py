"""Fixtures shared by several web test modules."""
from tests.web.week_fixtures import solved  # noqa: F401  (a generated draft week and its manager)
from tests.web.fake_clock import clock  # noqa: F401  (the timer's clock, moved by the test)
