"""After a hard check-in, the member may lighten their planning: a reduced-load week or a category pause.

Nothing changes without the member's click; the check-in's score is never passed on, only the choice.
"""
from datetime import date

from flask import flash, redirect, request, url_for
from flask_login import current_user

from wellbeing.member import bp
from wellbeing.member.checkins import _own_checkin_or_404
from wellbeing.services.consented_load import PauseRejected, pause_categories
from wellbeing.services.member_settings import set_reduced_load
from wellbeing.services.policy import week_start


@bp.route("/checkins/<int:checkin_id>/reduced-load", methods=["POST"])
def checkin_reduced_load(checkin_id: int):
    """Mark this week as reduced load (the settings page's switch, offered where it helps)."""
    checkin, today = _own_checkin_or_404(checkin_id), date.today()
    set_reduced_load(current_user, week_start(today), True, today)
    flash("This week is marked as reduced load. Your planner sees only 'reduced load', never why.", "success")
    return redirect(url_for("member.checkin_result", checkin_id=checkin.id))


@bp.route("/checkins/<int:checkin_id>/pause", methods=["POST"])
def checkin_pause(checkin_id: int):
    """Pause the chosen categories for the chosen number of weeks; a bad choice changes nothing."""
    checkin = _own_checkin_or_404(checkin_id)
    ids = [int(v) for v in request.form.getlist("category_id") if v.isdigit()]
    weeks = request.form.get("weeks", "")
    try:
        pauses = pause_categories(current_user, ids, int(weeks) if weeks.isdigit() else None, date.today())
    except PauseRejected as rejected:
        flash(f"Nothing was paused: {rejected}", "error")
    else:
        names = ", ".join(p.category.name for p in pauses)
        flash(f"Paused {names} until {pauses[0].end_date:%d %B %Y}. Your planner sees only that you are not "
              "available for it until then, never why.", "success")
    return redirect(url_for("member.checkin_result", checkin_id=checkin.id))
