"""The member's own pages; each module below attaches its views to `bp`."""
from flask import Blueprint

bp = Blueprint("member", __name__)

# Each import registers its views on bp.
from wellbeing.member import (calendar, checkins, consent, exposures, home, mydata,  # noqa: E402,F401
                              notifications, routes, settings, timer, tokens)
