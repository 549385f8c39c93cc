"""The JSON API for red-team tooling: token-authenticated, CSRF-exempt, JSON errors only."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from wellbeing.api import errors, routes, sessions  # noqa: E402,F401  (registers handlers and views on bp)
