"""Administration pages; each module below attaches its views to `bp`."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
# Who may open each page here: wellbeing/policy_table.py (checked before every request).


from wellbeing.admin import instruments, policy, resources, routes  # noqa: E402,F401  (registers the views on bp)
