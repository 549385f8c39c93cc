"""A manager's view of their own team: logged hours against caps (never check-ins)."""
from datetime import date

from flask import Blueprint, render_template
from flask_login import current_user

from wellbeing.access import role_required
from wellbeing.services.team import team_week_hours

bp = Blueprint("manager", __name__, url_prefix="/manager")


@bp.route("/")
@role_required("manager")
def home():
    """The manager's team and each member's hours logged this week."""
    team = current_user.team
    rows = team_week_hours(team, date.today()) if team is not None else []
    return render_template("manager/home.html", team=team, rows=rows)
