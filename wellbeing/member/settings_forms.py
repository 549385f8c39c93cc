"""Forms for the member's settings. They parse types only; the rules live in services.member_settings."""
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectChoice, StringField
from wtforms.validators import DataRequired, Length, Optional

from wellbeing.form_fields import MultiCheckboxField
from wellbeing.services.member_settings import DIMENSIONS, MAX_VALUES, WEEKDAYS


class RejectionMixin:
    """Show a service's (field, message) pairs next to the fields they name."""

    def add_errors(self, errors) -> None:
        """Attach each message to its field, keeping what the member typed."""
        for name, message in errors:
            field = self[name]
            field.errors = [*field.errors, message]


class AvailabilityForm(RejectionMixin, FlaskForm):
    """The weekdays the member tests on."""

    weekdays = MultiCheckboxField("Days you test on", coerce=int,
                                  choices=[SelectChoice(i, name) for i, name in enumerate(WEEKDAYS)])


class LeaveForm(RejectionMixin, FlaskForm):
    """First and last day away, inclusive."""

    start = DateField("First day away", validators=[Optional()])
    end = DateField("Last day away", validators=[Optional()])


class PerspectivesForm(RejectionMixin, FlaskForm):
    """Volunteered values per dimension, separated by commas; all optional."""

    discipline = StringField(DIMENSIONS["discipline"], validators=[Length(max=2000)])
    language = StringField(DIMENSIONS["language"], validators=[Length(max=2000)])
    region = StringField(DIMENSIONS["region"], validators=[Length(max=2000)])

    def values(self) -> dict[str, str]:
        """The raw text per dimension, for the service to split and check."""
        return {dimension: self[dimension].data for dimension in DIMENSIONS}


PERSPECTIVE_HINT = f"Separate values with commas, up to {MAX_VALUES}. Leave empty to share nothing."
CONSENT_NONE, LIKING_NONE = "", ""


def _blank_to_none(value):
    return value or None


def category_choices_form(choices, **kwargs) -> FlaskForm:
    """A form with a consent and a liking radio group per category (the categories are data, not code)."""

    class CategoryChoicesForm(RejectionMixin, FlaskForm):
        def wanted(self) -> dict[int, tuple[str | None, str | None]]:
            """The choices as the service takes them: category id -> (consent, liking)."""
            return {category.id: (self[f"consent_{category.id}"].data, self[f"liking_{category.id}"].data)
                    for category, _row in choices}

    for category, row in choices:
        consent = [SelectChoice(CONSENT_NONE, "No preference")]
        if category.requires_opt_in:
            consent.append(SelectChoice("opted_in", "Opt in"))
        consent.append(SelectChoice("opted_out", "Opt out"))
        setattr(CategoryChoicesForm, f"consent_{category.id}", RadioField(
            f"{category.name}: taking part", choices=consent, coerce=_blank_to_none, validate_choice=False,
            default=(row.consent if row else None) or CONSENT_NONE))
        setattr(CategoryChoicesForm, f"liking_{category.id}", RadioField(
            f"{category.name}: preference", coerce=_blank_to_none, validate_choice=False,
            choices=[SelectChoice(LIKING_NONE, "Neutral"), SelectChoice("prefer", "Prefer"),
                     SelectChoice("avoid", "Avoid")], default=(row.liking if row else None) or LIKING_NONE))
    return CategoryChoicesForm(**kwargs)


class CalendarForm(FlaskForm):
    """Name a calendar link after the app that will subscribe to it."""

    name = StringField("Name", default="Calendar feed", validators=[
        DataRequired("Name the link after the calendar app that will use it."),
        Length(max=80, message="Keep the name under 80 characters.")])
