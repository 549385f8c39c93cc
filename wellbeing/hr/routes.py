"""HR: aggregates only, with small groups suppressed."""
from datetime import date

from flask import Blueprint, current_app, render_template

from wellbeing.access import role_required
from wellbeing.services.aggregates import team_hours_by_week

bp = Blueprint("hr", __name__, url_prefix="/hr")


@bp.route("/")
@role_required("hr")
def home():
    """Exposure hours per team and week; cells with fewer people than the threshold are hidden."""
    minimum = current_app.config["ANONYMITY_MIN"]
    table = team_hours_by_week(date.today(), weeks=4, minimum=minimum)
    return render_template("hr/home.html", table=table, minimum=minimum)
