"""The follow-up request form: how the member wants to be reached, a message, and whether to share answers."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from wellbeing.models import CONTACT_ROUTES


class FollowUpForm(FlaskForm):
    """What the wellbeing contact will see; the score only if `share_answers` is ticked."""

    route = RadioField("How would you like to be contacted?", default="email", validate_choice=False,
                       choices=[SelectChoice(value, label) for value, label in CONTACT_ROUTES.items()],
                       validators=[InputRequired("Choose how you would like to be contacted.")])
    message = TextAreaField("Message for the wellbeing contact (optional)", validators=[
        Optional(), Length(max=1000, message="Keep the message under 1,000 characters.")])
    share_answers = BooleanField("Share my answers with the wellbeing contact")

    def validate_route(self, field):
        if field.data not in CONTACT_ROUTES:
            routes = ", ".join(CONTACT_ROUTES.values()).lower()
            raise ValidationError(f"Choose how you would like to be contacted: {routes}.")
