"""Administration of the check-in instruments: which the organisation uses and how often each is asked."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from wellbeing.admin import bp
from wellbeing.services import instrument_settings


def _choices(uses) -> tuple[dict[str, tuple[bool, int]], dict[str, str]]:
    """The submitted choice per instrument, and a message per instrument whose cadence is not a number."""
    choices, errors = {}, {}
    for use in uses:
        key = use.instrument.id
        raw = request.form.get(f"cadence_{key}", "").strip()
        if not raw.isdigit():
            errors[key] = f"Enter how often to ask {use.instrument.name}, in whole days (1 to 365)."
            continue
        choices[key] = (request.form.get(f"enabled_{key}") == "y", int(raw))
    return choices, errors


@bp.route("/instruments", methods=["GET", "POST"])
def instruments():
    """Turn instruments on or off and set their cadence; a rejected form saves nothing."""
    form, uses, errors = FlaskForm(), instrument_settings.settings(), {}
    if form.validate_on_submit():
        choices, errors = _choices(uses)
        if not errors:
            try:
                instrument_settings.save(current_user, choices)
                flash("Check-in instruments saved.", "success")
                return redirect(url_for("admin.instruments"))
            except instrument_settings.SettingsRejected as rejected:
                errors = {"_form": str(rejected)}
    return render_template("admin/instruments.html", form=form, uses=uses, errors=errors,
                           submitted=request.form if form.is_submitted() else None), 422 if errors else 200
