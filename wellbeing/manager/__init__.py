"""A manager's pages for their own team; each module below attaches its views to `bp`."""
from flask import Blueprint

bp = Blueprint("manager", __name__, url_prefix="/manager")
# Who may open each page here: wellbeing/policy_table.py (checked before every request).


from wellbeing.manager import demand, demand_grid, home, rotations  # noqa: E402,F401  (registers the views on bp)
