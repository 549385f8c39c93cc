"""A member's own pages, and the support resources everyone can reach."""
from datetime import date

from flask import render_template
from flask_login import current_user
from sqlalchemy import select

from wellbeing.access import role_required
from wellbeing.member import bp
from wellbeing.extensions import db
from wellbeing.models import Resource
from wellbeing.services.exposure import dose_status, week_by_category

@bp.route("/")
@role_required("member")
def home():
    """This week's hours per category and the rolling dose, at a glance."""
    today = date.today()
    return render_template("member/home.html", week=week_by_category(current_user, today),
                           windows=dose_status(current_user, today), today=today)


@bp.route("/resources")
def resources():
    """Support resources; open to everyone, signed in or not, so help is never behind a login."""
    rows = db.session.scalars(select(Resource).order_by(Resource.position, Resource.title)).all()
    return render_template("member/resources.html", resources=rows)
