"""Administration pages; each module below attaches its views to `bp`."""
from flask import Blueprint

from wellbeing.access import role_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@role_required("admin")
def require_admin():
    """Every page here is for administrators only."""


from wellbeing.admin import instruments, policy, resources, routes  # noqa: E402,F401  (registers the views on bp)
