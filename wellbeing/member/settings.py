"""The member's settings: test days, leave, reduced-load weeks, perspectives and category choices."""
from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from wellbeing.lookup import own_or_404
from wellbeing.member import bp
from wellbeing.member.settings_forms import (
    PERSPECTIVE_HINT,
    AvailabilityForm,
    LeaveForm,
    PerspectivesForm,
    category_choices_form,
)
from wellbeing.models import Leave
from wellbeing.services import member_settings as settings
from wellbeing.services.member_settings import SettingsRejected


def _fresh_forms() -> dict:
    """Every settings form filled from what is saved (formdata=None: not from the POST being handled)."""
    user = current_user
    return {
        "availability": AvailabilityForm(formdata=None, prefix="avail",
                                         weekdays=[d for d in range(7) if user.works_on(d)]),
        "leave": LeaveForm(formdata=None, prefix="leave"),
        "perspectives": PerspectivesForm(formdata=None, prefix="persp", **{
            dimension: ", ".join(values) for dimension, values in settings.user_perspectives(user).items()}),
        "categories": category_choices_form(settings.category_choices(user), formdata=None, prefix="cat"),
    }


def settings_page(**rejected):
    """Render the settings page; a rejected form is passed in and shown as typed, with its errors."""
    forms = {**_fresh_forms(), **rejected}
    today = date.today()
    return render_template("member/settings.html", **forms, today=today, perspective_hint=PERSPECTIVE_HINT,
                           leaves=settings.user_leaves(current_user),
                           weeks=settings.reduced_weeks(current_user, today),
                           choices=settings.category_choices(current_user), weekday_names=settings.WEEKDAYS,
                           long_date=settings.long_date)


@bp.route("/settings")
def settings_home():
    """All of a member's own settings on one page."""
    return settings_page()


@bp.route("/settings/availability", methods=["POST"])
def settings_availability():
    """Save the weekdays the member tests on."""
    form = AvailabilityForm(prefix="avail")
    if form.validate_on_submit():
        try:
            settings.set_workdays(current_user, form.weekdays.data)
        except SettingsRejected as rejected:
            form.add_errors(rejected.errors)
        else:
            flash("Your test days are saved. Rotations from now on plan only on these days.", "success")
            return redirect(url_for("member.settings_home", _anchor="availability"))
    return settings_page(availability=form)


@bp.route("/settings/leave", methods=["POST"])
def settings_leave_add():
    """Add leave; overlapping, reversed or far-off dates come back with a message next to the field."""
    form = LeaveForm(prefix="leave")
    if form.validate_on_submit():
        try:
            leave = settings.add_leave(current_user, form.start.data, form.end.data, date.today())
        except SettingsRejected as rejected:
            form.add_errors(rejected.errors)
        else:
            flash(f"Leave from {settings.long_date(leave.start_date)} to {settings.long_date(leave.end_date)} "
                  "added. Nothing will be planned for you on those days.", "success")
            return redirect(url_for("member.settings_home", _anchor="leave"))
    return settings_page(leave=form)


@bp.route("/settings/leave/<int:leave_id>/delete", methods=["POST"])
def settings_leave_delete(leave_id: int):
    """Delete one of your own leave entries; anyone else's is a 404 so its existence is not revealed."""
    leave = own_or_404(Leave, leave_id, noun="leave")
    settings.delete_leave(leave)
    flash("Leave deleted.", "success")
    return redirect(url_for("member.settings_home", _anchor="leave"))


@bp.route("/settings/reduced-load", methods=["POST"])
def settings_reduced_load():
    """Mark or unmark one week as reduced load; no reason is asked."""
    try:
        week = date.fromisoformat(request.form.get("week", ""))
    except ValueError:
        week = None
    reduced = request.form.get("reduced") == "1"
    try:
        settings.set_reduced_load(current_user, week, reduced, date.today())
    except SettingsRejected as rejected:
        flash(rejected.errors[0][1], "error")
    else:
        what = "marked as reduced load: your limits are lower" if reduced else "back to your usual limits"
        flash(f"The week of {settings.long_date(week)} is {what}.", "success")
    return redirect(url_for("member.settings_home", _anchor="reduced-load"))


@bp.route("/settings/perspectives", methods=["POST"])
def settings_perspectives():
    """Save volunteered perspectives; the solver uses them only in aggregate."""
    form = PerspectivesForm(prefix="persp")
    if form.validate_on_submit():
        try:
            settings.save_perspectives(current_user, form.values())
        except SettingsRejected as rejected:
            form.add_errors(rejected.errors)
        else:
            flash("Your perspectives are saved.", "success")
            return redirect(url_for("member.settings_home", _anchor="perspectives"))
    return settings_page(perspectives=form)


@bp.route("/settings/categories", methods=["POST"])
def settings_categories():
    """Save opt-ins, opt-outs and preferences per category."""
    form = category_choices_form(settings.category_choices(current_user), prefix="cat")
    if form.validate_on_submit():
        try:
            changed = settings.save_category_choices(current_user, form.wanted())
        except SettingsRejected as rejected:
            form.add_errors(rejected.errors)
        else:
            flash(f"Your category choices are saved ({changed} changed).", "success")
            return redirect(url_for("member.settings_home", _anchor="categories"))
    return settings_page(categories=form)
