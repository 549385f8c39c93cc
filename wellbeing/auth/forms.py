"""Sign-in form."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, Email, Length


class LoginForm(FlaskForm):
    """E-mail and password; the same message for an unknown e-mail and a wrong password."""

    email = EmailField("E-mail", validators=[DataRequired("Enter your e-mail address."),
                                             Email("Enter an e-mail address like name@example.org."),
                                             Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired("Enter your password."), Length(max=200)])
    remember = BooleanField("Keep me signed in on this device")
