"""Admin forms: accounts, teams and categories. Each validator names what is wrong."""
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DecimalField, EmailField, IntegerField, SelectChoice, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from wellbeing.form_fields import MultiCheckboxField
from wellbeing.models import ROLES
from wellbeing.services.accounts import category_value_taken, email_taken, team_name_taken

ROLE_LABELS = {"member": "Member", "manager": "Manager", "hr": "HR", "admin": "Administrator",
               "wellbeing": "Wellbeing contact (reads follow-up requests)"}


class UserForm(FlaskForm):
    """Create or edit an account. No password: the person sets their own through a one-time link.

    The e-mail is set once, at creation: an administrator who could change it could send the person's
    reset link to an address of their own.
    """

    name = StringField("Full name", validators=[DataRequired("Enter the person's name."), Length(max=120)])
    email = EmailField("E-mail", validators=[DataRequired("Enter an e-mail address."),
                                             Email("Enter an e-mail address like name@example.org."),
                                             Length(max=254)])
    roles = MultiCheckboxField("Roles", choices=[SelectChoice(r, ROLE_LABELS[r]) for r in ROLES])
    team_id = SelectField("Team", coerce=int)
    hours_per_day = IntegerField("Testing hours per day", default=6, validators=[
        InputRequired("Enter a whole number of hours."), NumberRange(1, 24, "Enter between 1 and 24 hours.")])
    hours_per_week = IntegerField("Testing hours per week", default=20, validators=[
        InputRequired("Enter a whole number of hours."), NumberRange(1, 80, "Enter between 1 and 80 hours.")])
    active = BooleanField("Account active", default=True)

    def __init__(self, *args, user_id: int | None = None, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user_id = user_id
        if user_id is not None:
            del self.email
        self.team_id.choices = [SelectChoice(0, "No team")] + [SelectChoice(t.id, t.name) for t in teams]

    def validate_email(self, field):
        if email_taken(field.data, except_id=self.user_id):
            raise ValidationError("Another account already uses this e-mail address.")

    def validate_roles(self, field):
        if not field.data:
            raise ValidationError("Choose at least one role.")


    def validate_hours_per_week(self, field):
        if self.hours_per_day.data and field.data and field.data < self.hours_per_day.data:
            raise ValidationError("Weekly hours cannot be less than daily hours.")


class TeamForm(FlaskForm):
    """Name a new team."""

    name = StringField("Team name", validators=[DataRequired("Enter a team name."), Length(max=80)])

    def validate_name(self, field):
        if team_name_taken(field.data):
            raise ValidationError("A team with this name already exists.")


class CategoryForm(FlaskForm):
    """A test category's name, severity tier and caps."""

    slug = StringField("Short id", validators=[
        DataRequired("Enter a short id."), Length(max=40),
        Regexp(r"^[a-z][a-z0-9_]*$", message="Use lower-case letters, digits and underscores, starting with a letter.")])
    name = StringField("Name", validators=[DataRequired("Enter a name."), Length(max=80)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=1000)])
    severity = SelectField("Severity tier", coerce=int, choices=[
        SelectChoice(1, "1 — low"), SelectChoice(2, "2 — moderate"), SelectChoice(3, "3 — high"),
        SelectChoice(4, "4 — most severe")])
    max_hours_per_day = DecimalField("Cap: hours per day", places=2, validators=[
        InputRequired("Enter the daily cap in hours."), NumberRange(0.25, 24, "Enter between 0.25 and 24 hours.")])
    max_hours_per_week = DecimalField("Cap: hours per week", places=2, validators=[
        InputRequired("Enter the weekly cap in hours."), NumberRange(0.25, 80, "Enter between 0.25 and 80 hours.")])
    max_consecutive_days = IntegerField("Cap: consecutive days", validators=[
        InputRequired("Enter a number of days."), NumberRange(1, 7, "Enter between 1 and 7 days.")])
    requires_opt_in = BooleanField("Opt-in only (members must choose to take part)")

    def __init__(self, *args, category_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.category_id = category_id

    def validate_slug(self, field):
        if category_value_taken("slug", field.data, self.category_id):
            raise ValidationError("Another category already uses this short id.")

    def validate_name(self, field):
        if category_value_taken("name", field.data, self.category_id):
            raise ValidationError("Another category already has this name.")

    def validate_max_hours_per_week(self, field):
        if self.max_hours_per_day.data and field.data is not None and field.data < self.max_hours_per_day.data:
            raise ValidationError("The weekly cap cannot be lower than the daily cap.")

    def category_fields(self) -> dict:
        """The validated values, typed for the model."""
        return {"slug": self.slug.data.strip(), "name": self.name.data.strip(),
                "description": (self.description.data or "").strip(), "severity": self.severity.data,
                "max_hours_per_day": float(self.max_hours_per_day.data),
                "max_hours_per_week": float(self.max_hours_per_week.data),
                "max_consecutive_days": self.max_consecutive_days.data,
                "requires_opt_in": self.requires_opt_in.data}
