"""Manager forms: pick a week, add demand, generate, reopen."""
from datetime import date, timedelta

from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, IntegerField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, ValidationError

from wellbeing.services.policy import week_start
from wellbeing.services.rotations import plannable_days


class PlanWeekForm(FlaskForm):
    """Any day of the week to plan; the rotation covers its Monday to Sunday."""

    day = DateField("Week containing", validators=[InputRequired("Choose a day in the week to plan.")],
                    default=lambda: week_start(date.today()) + timedelta(days=7))

    def validate_day(self, field):
        first, last = plannable_days(date.today())
        if field.data is not None and not first <= field.data <= last:
            raise ValidationError(f"Choose a week between {first.isoformat()} and {last.isoformat()} "
                                  "(8 weeks back to a year ahead).")


class ShiftForm(FlaskForm):
    """Demand: people needed for some hours of one category on one day."""

    category_id = SelectField("Category", coerce=int)
    day = SelectField("Day")
    hours = DecimalField("Hours", places=2, validators=[
        InputRequired("Enter the shift's length in hours."), NumberRange(0.25, 12, "Enter between 0.25 and 12 hours.")])
    people = IntegerField("People", default=1, validators=[
        InputRequired("Enter how many people the shift needs."), NumberRange(1, 50, "Enter between 1 and 50 people.")])

    def __init__(self, *args, categories=(), days=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category_id.choices = [SelectChoice(c.id, f"{c.name} (severity {c.severity})") for c in categories]
        self.day.choices = [SelectChoice(d.isoformat(), d.strftime("%a %d %b")) for d in days]

    def validate_hours(self, field):
        if field.data is not None and (field.data * 4) % 1:
            raise ValidationError("Use quarter hours (e.g. 1.25, 2.5).")


class GenerateForm(FlaskForm):
    """How long the solver may search."""

    time_limit_s = IntegerField("Time limit (seconds)", validators=[
        InputRequired("Enter a time limit in seconds."), NumberRange(1, 300, "Enter between 1 and 300 seconds.")])


class ReopenForm(FlaskForm):
    """A published rotation is reopened only with a reason, kept in the audit log."""

    reason = TextAreaField("Reason for reopening", validators=[
        InputRequired("Say why the published rotation needs to change."), Length(max=300)])
