"""Forgotten passwords: a one-time, expiring link by e-mail; the answer never says whether an address exists."""
from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for

from wellbeing.auth import limits
from wellbeing.auth.forms import ForgotPasswordForm, NewPasswordForm
from wellbeing.auth.routes import bp
from wellbeing.models._base import utcnow
from wellbeing.services import credentials

SENT = ("If an account uses that address, a link to set a new password is on its way; it works once. "
        "If nothing arrives, ask your administrator.")


def link_base() -> str:
    """Where links in e-mails point: PUBLIC_URL when set, else this site as the request reached it."""
    return current_app.config.get("PUBLIC_URL") or request.host_url


def link_lifetime() -> timedelta:
    return timedelta(hours=current_app.config["RESET_LINK_HOURS"])


@bp.route("/forgot", methods=["GET", "POST"])
@limits.forgot_per_address
def forgot_password():
    """Ask for a reset link; every address gets the same answer."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = credentials.user_by_email(form.email.data)
        if user is not None and user.active:
            credentials.issue_reset_link(user, user, utcnow(), link_lifetime(), link_base())
        flash(SENT, "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Set a new password through a link; a used, expired or unknown link is a 404 that says what to do."""
    user = credentials.link_user(token, utcnow())
    if user is None or not user.active:
        abort(404, description="This link has been used or has expired. Ask for a new one on the sign-in page.")
    form = NewPasswordForm(user=user)
    if form.validate_on_submit():
        credentials.redeem_reset_link(token, form.new_password.data, utcnow())
        flash("Your new password is set, and every earlier session is ended. Sign in with it.", "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form), 422 if form.is_submitted() else 200
