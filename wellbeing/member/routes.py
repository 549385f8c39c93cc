"""Pages every visitor can reach from the footer."""
from flask import render_template
from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.member import bp
from wellbeing.models import Resource


@bp.route("/resources")
def resources():
    """Support resources; open to everyone, signed in or not, so help is never behind a login."""
    rows = db.session.scalars(select(Resource).order_by(Resource.position, Resource.title)).all()
    return render_template("member/resources.html", resources=rows)
