"""Sign in and out."""
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from wellbeing.auth import limits
from wellbeing.auth.forms import LoginForm
from wellbeing.auth.guard import sign_in, sign_out
from wellbeing.services.credentials import authenticate, take_security_notice
from wellbeing.views import home_endpoint

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str | None:
    """Only follow `next` to a path on this site, never to another host."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@limits.per_address
@limits.per_account
def login():
    """Sign in with e-mail and password, then go to the page asked for or the role's home."""
    if current_user.is_authenticated:
        return redirect(url_for(home_endpoint(current_user)))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            sign_in(user, remember=form.remember.data)
            notice = take_security_notice(user)
            if notice:
                flash(notice, "warning")
            return redirect(_safe_next(request.args.get("next")) or url_for(home_endpoint(user)))
        form.password.errors.append("That e-mail and password do not match an active account.")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out (a POST, so another site cannot sign you out with a link)."""
    sign_out()  # ends the session on the server, removes both cookies and everything in the session
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


from wellbeing.auth import account, password_reset  # noqa: E402,F401  (registers their views on bp)
