"""A person's own account: where they are signed in, ending those sessions, their password."""
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from wellbeing.auth.guard import current_session, sign_out
from wellbeing.auth.routes import bp
from wellbeing.extensions import db
from wellbeing.models import SignInSession
from wellbeing.models._base import utcnow
from wellbeing.services import sessions


def account_page(**forms):
    """Render the account page with the person's live sessions."""
    from wellbeing.auth.forms import ChangePasswordForm
    forms.setdefault("password_form", ChangePasswordForm(formdata=None, user=current_user))
    return render_template("auth/account.html", sessions=sessions.active_sessions(current_user, utcnow()),
                           this_session=current_session(), **forms)


@bp.route("/account")
@login_required
def account():
    """Where this account is signed in, and its password."""
    return account_page()


@bp.route("/account/sessions/<int:session_id>/end", methods=["POST"])
@login_required
def end_session(session_id: int):
    """End one of the person's own sessions; another person's id is a 404."""
    row = db.session.get(SignInSession, session_id)
    if row is None or row.user_id != current_user.id:
        abort(404, description="There is no session with that id on your account.")
    sessions.end_session(current_user, row, utcnow())
    flash("That session is ended; the browser holding it is signed out.", "success")
    return redirect(url_for("auth.account"))


@bp.route("/account/sessions/end-all", methods=["POST"])
@login_required
def end_all_sessions():
    """Sign out everywhere, this browser included."""
    count = sessions.sign_out_everywhere(current_user, utcnow())
    sign_out()
    flash(f"You are signed out everywhere ({count} session{'s' if count != 1 else ''} ended).", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["POST"])
@login_required
def change_password():
    """Change one's own password (the current one is required); other sessions end."""
    from wellbeing.auth.forms import ChangePasswordForm
    from wellbeing.services.credentials import change_password as change
    form = ChangePasswordForm(user=current_user)
    if not form.validate_on_submit():
        return account_page(password_form=form), 422
    ended = change(current_user, form.new_password.data, utcnow(), keep=current_session())
    flash(f"Your password is changed. {ended} other session{'s' if ended != 1 else ''} ended.", "success")
    return redirect(url_for("auth.account"))
