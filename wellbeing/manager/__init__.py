"""A manager's pages for their own team; each module below attaches its views to `bp`."""
from flask import Blueprint

from wellbeing.access import role_required

bp = Blueprint("manager", __name__, url_prefix="/manager")


@bp.before_request
@role_required("manager")
def require_manager():
    """Every page here is for managers only; object checks keep them to their own team."""


from wellbeing.manager import demand, demand_grid, home, rotations  # noqa: E402,F401  (registers the views on bp)
