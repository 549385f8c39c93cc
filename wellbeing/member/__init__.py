"""The member's own pages; each module below attaches its views to `bp`."""
from flask import Blueprint

bp = Blueprint("member", __name__)

from wellbeing.member import calendar, checkins, exposures, home, mydata, notifications, routes, settings, tokens  # noqa: E402,F401  (registers the views on bp)
