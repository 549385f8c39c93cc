"""Administration of the dose policy: weights per severity tier and the rolling-window limits."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DecimalField, IntegerField
from wtforms.validators import InputRequired, NumberRange, ValidationError

from wellbeing.admin import bp
from wellbeing.services.policy import current_policy, save_policy


INTEGERS = {"min_recovery_days", "break_every_minutes", "break_minutes"}


def _weight(tier: int) -> DecimalField:
    return DecimalField(f"Dose per hour, severity {tier}", places=2, validators=[
        InputRequired("Enter a weight."), NumberRange(0, 10, "Enter a weight between 0 and 10.")])


class PolicyForm(FlaskForm):
    """The organisation's dose weights and limits; the solver and every page use these."""

    weight_sev1, weight_sev2, weight_sev3, weight_sev4 = (_weight(t) for t in range(1, 5))
    max_dose_7d = DecimalField("7-day dose limit", places=1, validators=[
        InputRequired("Enter the 7-day limit."), NumberRange(1, 500, "Enter between 1 and 500.")])
    max_dose_28d = DecimalField("28-day dose limit", places=1, validators=[
        InputRequired("Enter the 28-day limit."), NumberRange(1, 2000, "Enter between 1 and 2000.")])
    max_severe_hours_per_day = DecimalField("Severe-content ceiling (hours per day, tiers 3–4 together)",
                                            places=2, validators=[InputRequired("Enter the daily ceiling."),
                                                                  NumberRange(0.25, 24, "Enter between 0.25 and 24.")])
    min_recovery_days = IntegerField("Recovery days per week (no tier 3–4 work)", validators=[
        InputRequired("Enter a number of days."), NumberRange(0, 7, "Enter between 0 and 7.")])
    reduced_factor = DecimalField("Reduced-load factor", places=2, validators=[
        InputRequired("Enter a factor."), NumberRange(0.1, 1, "Enter between 0.1 and 1.")])
    warning_fraction = DecimalField("Warning level (fraction of a limit)", places=2, validators=[
        InputRequired("Enter a fraction."), NumberRange(0.1, 0.99, "Enter between 0.1 and 0.99.")])

    break_every_minutes = IntegerField("Break rhythm: a break after every ... minutes of severity 3–4 work",
                                       validators=[InputRequired("Enter a number of minutes."),
                                                   NumberRange(15, 240, "Enter between 15 and 240 minutes.")])
    break_minutes = IntegerField("Break length (minutes)", validators=[
        InputRequired("Enter a number of minutes."), NumberRange(1, 60, "Enter between 1 and 60 minutes.")])

    def validate_max_dose_28d(self, field):
        if self.max_dose_7d.data is not None and field.data is not None and field.data < self.max_dose_7d.data:
            raise ValidationError("The 28-day limit cannot be lower than the 7-day limit.")

    def values(self) -> dict:
        """The validated values, typed for the model."""
        return {name: (int(f.data) if name in INTEGERS else float(f.data))
                for name, f in self._fields.items() if name != "csrf_token"}


@bp.route("/policy", methods=["GET", "POST"])
def policy():
    """Edit the dose weights and limits; a rejected form keeps what was typed."""
    form = PolicyForm(obj=current_policy())
    if form.validate_on_submit():
        save_policy(current_user, form.values())
        flash("Dose policy saved. New rotations and every page use it from now on.", "success")
        return redirect(url_for("admin.home"))
    return render_template("admin/policy.html", form=form)
