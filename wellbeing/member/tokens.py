"""Settings: personal API tokens for red-team tooling (created, listed, revoked)."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from wellbeing.lookup import own_or_404
from wellbeing.member import bp
from wellbeing.models import ApiToken
from wellbeing.services.tokens import create_token, revoke_token, user_tokens


class TokenForm(FlaskForm):
    """Name a new token after the tool that will use it."""

    name = StringField("Token name", validators=[DataRequired("Name the token after the tool that will use it."),
                                                 Length(max=80, message="Keep the name under 80 characters.")])


@bp.route("/settings/tokens", methods=["GET", "POST"])
def tokens():
    """List tokens and create one; the secret is shown once, on this response only."""
    form, secret = TokenForm(), None
    if form.validate_on_submit():
        _token, secret = create_token(current_user, form.name.data)
        form = TokenForm(formdata=None)
    return render_template("member/tokens.html", form=form, tokens=user_tokens(current_user), secret=secret)


@bp.route("/settings/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke(token_id: int):
    """Revoke one of your own tokens; anyone else's is a 404."""
    token = own_or_404(ApiToken, token_id, noun="API token", scope="api")
    revoke_token(current_user, token)
    flash(f"Token “{token.name}” revoked. Tools using it can no longer log sessions.", "success")
    return redirect(url_for("member.tokens"))
