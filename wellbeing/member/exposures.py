"""A member's own exposure log: add, list, edit and delete sessions."""
from datetime import date, timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from wellbeing.extensions import db
from wellbeing.lookup import own_or_404
from wellbeing.member import bp
from wellbeing.member.forms import ExposureForm
from wellbeing.member.home import home_page
from wellbeing.models import ExposureLog
from wellbeing.services.exposure_log import (
    ExposureRejected,
    delete_exposure,
    log_exposure,
    update_exposure,
)
from wellbeing.services.exposure_rules import MAX_AGE_DAYS, allowed_categories


def own_log_or_404(log_id: int) -> ExposureLog:
    """The signed-in member's log with this id; someone else's is a 404 so its existence is not revealed."""
    return own_or_404(ExposureLog, log_id, noun="logged session")


@bp.route("/exposures", methods=["POST"])
def add_exposure():
    """Save a session from the home page form; a rejected form comes back with what was typed."""
    form = ExposureForm(categories=allowed_categories(current_user))
    if form.validate_on_submit():
        try:
            log_exposure(current_user, form.entry(), "form", date.today())
        except ExposureRejected as rejected:
            form.add_errors(rejected.errors)
        else:
            flash("Session logged. Thank you — take a break if you need one.", "success")
            return redirect(url_for("member.home"))
    return home_page(form)


@bp.route("/exposures")
def exposures():
    """The member's sessions of the last weeks, newest first."""
    since = date.today() - timedelta(days=MAX_AGE_DAYS)
    logs = db.session.scalars(select(ExposureLog).options(joinedload(ExposureLog.category))  # a name per row
                              .where(ExposureLog.user_id == current_user.id, ExposureLog.day >= since)
                              .order_by(ExposureLog.day.desc(), ExposureLog.id.desc())).all()
    return render_template("member/exposures.html", logs=logs, since=since)


@bp.route("/exposures/<int:log_id>/edit", methods=["GET", "POST"])
def edit_exposure(log_id: int):
    """Correct one of your sessions, under the same rules as a new one."""
    log = own_log_or_404(log_id)
    form = ExposureForm(obj=log, categories=allowed_categories(current_user))
    if form.validate_on_submit():
        try:
            update_exposure(current_user, log, form.entry(), date.today())
        except ExposureRejected as rejected:
            form.add_errors(rejected.errors)
        else:
            flash("Session updated.", "success")
            return redirect(url_for("member.exposures"))
    return render_template("member/exposure_form.html", form=form, log=log)


@bp.route("/exposures/<int:log_id>/delete", methods=["GET", "POST"])
def remove_exposure(log_id: int):
    """Ask for confirmation, then delete one of your sessions."""
    log = own_log_or_404(log_id)
    if request.method == "POST":
        delete_exposure(log)
        flash("Session deleted.", "success")
        return redirect(url_for("member.exposures"))
    return render_template("member/exposure_delete.html", log=log)
