"""The manager's team overview: this week's logged hours and the team's rotations."""
from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.manager import bp
from wellbeing.manager.forms import PlanWeekForm
from wellbeing.models import Rotation
from wellbeing.services.audit import record_view
from wellbeing.services.rotations import open_week
from wellbeing.services.team import team_week_hours


def _home(form: PlanWeekForm):
    team = current_user.team
    if team is not None:  # audited first: its commit would expire the rows below, one reload per member
        record_view(current_user, "team_hours", team)
    rows = team_week_hours(team, date.today()) if team is not None else []
    rotations = db.session.scalars(select(Rotation).where(Rotation.team_id == team.id)
                                   .order_by(Rotation.week_start.desc())).all() if team else []
    return render_template("manager/home.html", team=team, rows=rows, rotations=rotations, form=form)


@bp.route("/")
def home():
    """The manager's team and each member's hours logged this week, and the weeks planned."""
    return _home(PlanWeekForm())


@bp.route("/rotations", methods=["POST"])
def plan_week():
    """Open (or create) the rotation of the chosen week."""
    form = PlanWeekForm()
    if current_user.team is None:
        flash("You are not in a team yet; ask an administrator to add you to the team you manage.", "error")
        return redirect(url_for("manager.home"))
    if form.validate_on_submit():
        rotation = open_week(current_user, current_user.team, form.day.data)
        return redirect(url_for("manager.rotation", rotation_id=rotation.id))
    return _home(form)
