"""Sign-in and password forms."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from wellbeing.services.passwords import password_problem


class LoginForm(FlaskForm):
    """E-mail and password; the same message for an unknown e-mail and a wrong password."""

    email = EmailField("E-mail", validators=[DataRequired("Enter your e-mail address."),
                                             Email("Enter an e-mail address like name@example.org."),
                                             Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired("Enter your password."), Length(max=200)])
    remember = BooleanField("Keep me signed in on this device (14 days)")


class NewPasswordForm(FlaskForm):
    """A new password, typed twice, checked against the password policy."""

    new_password = PasswordField("New password", validators=[DataRequired("Enter a new password.")])
    confirm = PasswordField("New password again", validators=[
        DataRequired("Type the new password again."), EqualTo("new_password", "The two passwords differ.")])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_new_password(self, field):
        inputs = (self.user.name, self.user.email) if self.user is not None else ()
        problem = password_problem(field.data, inputs)
        if problem:
            raise ValidationError(problem)


class ChangePasswordForm(NewPasswordForm):
    """Changing one's own password needs the current one, so an unattended browser cannot do it."""

    current_password = PasswordField("Current password", validators=[DataRequired("Enter your current password.")])

    def validate_current_password(self, field):
        if self.user is None or not self.user.check_password(field.data):
            raise ValidationError("That is not your current password.")


class ForgotPasswordForm(FlaskForm):
    """The e-mail address to send a reset link to."""

    email = EmailField("E-mail", validators=[DataRequired("Enter your e-mail address."),
                                             Email("Enter an e-mail address like name@example.org."),
                                             Length(max=254)])
