"""Editing a week's demand: add and delete shifts, copy last week, the team's weekly template."""
from datetime import date

from flask import flash, redirect, url_for
from flask_login import current_user
from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.manager import bp
from wellbeing.manager.access import own_rotation_or_404, own_shift_or_404
from wellbeing.manager.forms import ShiftForm
from wellbeing.manager.review import review_page
from wellbeing.models import Category
from wellbeing.scheduling import week_days
from wellbeing.services import rotations


def shift_form(rotation, formdata=True) -> ShiftForm:
    categories = db.session.scalars(select(Category).order_by(Category.severity.desc(), Category.name)).all()
    kwargs = {} if formdata else {"formdata": None}
    return ShiftForm(categories=categories, days=week_days(rotation.week_start), **kwargs)


@bp.route("/rotations/<int:rotation_id>/shifts", methods=["POST"])
def add_shift(rotation_id: int):
    """Add a shift; a rejected form comes back on the review page with what was typed."""
    rotation = own_rotation_or_404(rotation_id)
    form = shift_form(rotation)
    if form.validate_on_submit():
        try:
            rotations.add_shift(current_user, rotation, db.session.get(Category, form.category_id.data),
                                date.fromisoformat(form.day.data), int(form.hours.data * 60), form.people.data)
        except rotations.RotationError as error:
            flash(str(error), "error")
        return redirect(url_for("manager.rotation", rotation_id=rotation.id) + "#demand")
    return review_page(rotation, shift=form)


@bp.route("/shifts/<int:shift_id>/delete", methods=["POST"])
def delete_shift(shift_id: int):
    """Remove a shift from a draft rotation."""
    shift = own_shift_or_404(shift_id)
    rotation_id = shift.rotation_id
    _attempt(lambda: rotations.delete_shift(current_user, shift), "Shift removed.")
    return redirect(url_for("manager.rotation", rotation_id=rotation_id) + "#demand")


@bp.route("/rotations/<int:rotation_id>/demand/<source>", methods=["POST"])
def copy_demand(rotation_id: int, source: str):
    """Fill the week from last week's demand or from the team's template."""
    rotation = own_rotation_or_404(rotation_id)
    loaders = {"last-week": (rotations.last_week_demand, "last week"),
               "template": (lambda r: rotations.template_demand(r.team), "the weekly template")}
    if source not in loaders:
        return redirect(url_for("manager.rotation", rotation_id=rotation.id))
    load, label = loaders[source]
    _attempt(lambda: f"{rotations.copy_demand(current_user, rotation, load(rotation), label)} shifts added from {label}.")
    return redirect(url_for("manager.rotation", rotation_id=rotation.id) + "#demand")


@bp.route("/rotations/<int:rotation_id>/template", methods=["POST"])
def save_template(rotation_id: int):
    """Make this week's demand the team's weekly template."""
    rotation = own_rotation_or_404(rotation_id)
    _attempt(lambda: f"Saved {rotations.save_template(current_user, rotation)} lines as the weekly template.")
    return redirect(url_for("manager.rotation", rotation_id=rotation.id) + "#demand")


def _attempt(action, success: str | None = None) -> None:
    """Run a use case and flash its outcome, or the reason it was refused."""
    try:
        message = action()
    except rotations.RotationError as error:
        flash(str(error), "error")
    else:
        flash(success or message, "success")
