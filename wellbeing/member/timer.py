"""The member's testing-session timer: start from home, breaks, caps, stop with intensity, then decompress."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from wellbeing.dose import daily_doses, log_hours
from wellbeing.extensions import db
from wellbeing.member import bp
from wellbeing.models import Category
from wellbeing.services import resources, timer
from wellbeing.services.exposure_log import ExposureRejected
from wellbeing.services.policy import member_limits
from scheduler.dose import is_severe


def _running_or_redirect():
    session = timer.running(current_user)
    if session is None:
        flash("No session is running. Start one from your home page.", "info")
    return session


def _int(name: str) -> int | None:
    raw = request.form.get(name, "")
    return int(raw) if raw.strip().isdigit() else None


@bp.route("/sessions/start", methods=["POST"])
def start_session():
    """Start the timer for a category; the running session lives on the server."""
    category_id = _int("category_id")
    try:
        timer.start(current_user, db.session.get(Category, category_id) if category_id else None, "web")
    except timer.SessionRejected as rejected:
        flash(str(rejected), "error")
        return redirect(url_for("member.home"))
    return redirect(url_for("member.current_session"))


@bp.route("/sessions/current")
def current_session():
    """The running timer: worked time, breaks by the policy's rhythm, caps, and the stop form."""
    timer.close_if_stale(current_user)
    session = _running_or_redirect()
    if session is None:
        return redirect(url_for("member.home"))
    return render_template("member/timer.html", status=timer.status(current_user, session), over_cap=None)


@bp.route("/sessions/current/<any(break, resume):action>", methods=["POST"])
def session_break(action: str):
    """Start or end a break; break time is counted, not logged as exposure."""
    session = _running_or_redirect()
    if session is not None:
        (timer.begin_break if action == "break" else timer.end_break)(session)
    return redirect(url_for("member.current_session"))


@bp.route("/sessions/current/stop", methods=["POST"])
def stop_session():
    """Stop and log the session; past a cap only after the member confirms (409 until then)."""
    session = _running_or_redirect()
    if session is None:
        return redirect(url_for("member.home"))
    try:
        timer.stop(current_user, session, _int("intensity"), request.form.get("confirm_over_cap") == "yes")
    except timer.OverCap as over:
        return render_template("member/timer.html", status=over.status, over_cap=over.status), 409
    except ExposureRejected as rejected:
        flash(str(rejected), "error")
        return render_template("member/timer.html", status=timer.status(current_user, session), over_cap=None), 422
    return redirect(url_for("member.session_done", session_id=session.id))


@bp.route("/sessions/<int:session_id>/done")
def session_done(session_id: int):
    """What was logged, and after severe work a short decompression suggestion with support (one click away)."""
    session = timer.own_session(current_user, session_id)
    if session is None or session.exposure_log is None:
        abort(404, description=f"There is no finished session with id {session_id}.")
    log = session.exposure_log
    weights = member_limits(current_user, log.day).weights
    dose = daily_doses([(log.day, log_hours(log.minutes), log.category.severity)], weights)[log.day]
    severe = is_severe(log.category.severity)
    return render_template("member/timer_done.html", log=log, dose=dose, severe=severe,
                           resources=resources.ordered() if severe else [])
