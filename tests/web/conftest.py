"""Fixtures shared by several web test modules."""
from tests.web.week_fixtures import solved  # noqa: F401  (a generated draft week and its manager)
