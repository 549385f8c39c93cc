"""The member's exposure form. It only parses types; the rules live in services.exposure_rules."""
from datetime import date

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import Optional

from wellbeing.extensions import db
from wellbeing.input_guard import db_id
from wellbeing.models import Category
from wellbeing.services.exposure_log import ExposureEntry

def _int_or_none(value):
    """Coerce a submitted choice; an empty or impossible one becomes None so the service names what is missing."""
    return db_id(value)


INTENSITY_LABELS = {1: "1 — mild", 2: "2", 3: "3 — moderate", 4: "4", 5: "5 — very intense"}


class ExposureForm(FlaskForm):
    """Category, date, minutes, intensity and an optional note (never the content itself)."""

    category_id = SelectField("Category", coerce=_int_or_none, validate_choice=False)
    day = DateField("Date", validators=[Optional()], default=date.today)
    minutes = IntegerField("Minutes", validators=[Optional()])
    intensity = RadioField("How intense did it feel?", coerce=_int_or_none, validate_choice=False,
                           choices=[SelectChoice(k, v) for k, v in INTENSITY_LABELS.items()])
    note = TextAreaField("Note (optional)", validators=[Optional()])

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category_id.choices = [SelectChoice(0, "Choose a category")] + [
            SelectChoice(c.id, c.name + (" (opt-in)" if c.requires_opt_in else "")) for c in categories]

    def entry(self) -> ExposureEntry:
        """The typed values as an entry for the service to check and save."""
        return ExposureEntry(category=db.session.get(Category, self.category_id.data or 0), day=self.day.data,
                             minutes=self.minutes.data, intensity=self.intensity.data, note=self.note.data)

    def add_errors(self, errors) -> None:
        """Show the service's messages next to their fields."""
        fields = {"category": self.category_id, "day": self.day, "minutes": self.minutes,
                  "intensity": self.intensity, "note": self.note}
        for _index, field, problem in errors:
            fields[field].errors = [*fields[field].errors, problem.text]
