"""The calendar feed of a member's published shifts, behind a secret URL, and the page that manages its links."""
from datetime import date

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from wellbeing.lookup import own_or_404
from wellbeing.member import bp
from wellbeing.member.settings_forms import CalendarForm
from wellbeing.models import ApiToken
from wellbeing.services.calendar_feed import member_calendar
from wellbeing.services.tokens import (
    authenticate,
    create_token,
    revoke_token,
    user_tokens,
)

SCOPE = "calendar"


@bp.route("/settings/calendar", methods=["GET", "POST"])
def settings_calendar():
    """List calendar links and create one; its URL is shown once, on this response only."""
    form, feed_url = CalendarForm(), None
    if form.validate_on_submit():
        _token, secret = create_token(current_user, form.name.data, scope=SCOPE)
        feed_url = url_for("member.calendar_feed", secret=secret, _external=True)
        form = CalendarForm(formdata=None)
    return render_template("member/settings_calendar.html", form=form, feed_url=feed_url,
                           links=user_tokens(current_user, scope=SCOPE))


@bp.route("/settings/calendar/<int:token_id>/revoke", methods=["POST"])
def settings_calendar_revoke(token_id: int):
    """Revoke one of your calendar links; anyone else's (or an API token) is a 404."""
    token = own_or_404(ApiToken, token_id, noun="calendar link", scope=SCOPE)
    revoke_token(current_user, token)
    flash(f"Calendar link “{token.name}” revoked. Calendar apps using it will stop updating.", "success")
    return redirect(url_for("member.settings_calendar"))


@bp.route("/calendar/<secret>.ics")
def calendar_feed(secret: str):
    """The feed itself: no sign-in, the secret in the URL is the credential; unknown or revoked is a 404."""
    user = authenticate(secret, scope=SCOPE)
    if user is None or not user.has_role("member"):
        abort(404, description="This calendar link does not exist or was revoked.")
    response = Response(member_calendar(user, date.today()), mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="rotawell.ics"'
    response.headers["Cache-Control"] = "private, no-cache"  # the URL is a secret: no shared caches
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
