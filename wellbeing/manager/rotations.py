"""Generating, reviewing, pinning, publishing and exporting a team's weekly rotation."""
from datetime import datetime, timezone

from flask import Response, abort, current_app, flash, jsonify, redirect, request, url_for
from flask_login import current_user

from wellbeing.extensions import db
from wellbeing.input_guard import db_id
from wellbeing.manager import bp
from wellbeing.manager.access import own_job_or_404, own_rotation_or_404, own_shift_or_404
from wellbeing.manager.forms import GenerateForm, ReopenForm
from wellbeing.manager.review import review_page
from wellbeing.models import Rotation, User
from wellbeing.services import rotations
from wellbeing.services.audit import record_view
from wellbeing.services.rotation_export import rotation_csv
from wellbeing.services.solving import RotationLocked, active_job, queue_position, queue_solve, queue_what_if


@bp.route("/rotations/<int:rotation_id>")
def rotation(rotation_id: int):
    """The week: demand, the solver's plan, doses against limits and any shortfall explained."""
    rotation_row = own_rotation_or_404(rotation_id)
    record_view(current_user, "rotation", rotation_row)
    return review_page(rotation_row)


@bp.route("/rotations/<int:rotation_id>/generate", methods=["POST"])
def generate(rotation_id: int):
    """Queue a solve of the week as it stands (pins kept); the page then polls the job."""
    rotation_row = own_rotation_or_404(rotation_id)
    form = GenerateForm()
    if not form.validate_on_submit():
        return review_page(rotation_row, generate=form)
    try:
        queue_solve(current_user, rotation_row, form.time_limit_s.data)
    except RotationLocked as error:
        flash(str(error), "error")
    return redirect(url_for("manager.rotation", rotation_id=rotation_row.id))


@bp.route("/rotations/<int:rotation_id>/what-if", methods=["POST"])
def what_if(rotation_id: int):
    """Search, by re-solving the stored instance, for the smallest change that covers the shortfall."""
    rotation_row = own_rotation_or_404(rotation_id)
    try:
        queue_what_if(current_user, rotation_row, current_app.config["WHAT_IF_BUDGET_S"])
    except RotationLocked as error:
        flash(str(error), "error")
    return redirect(url_for("manager.rotation", rotation_id=rotation_row.id) + "#unmet")


@bp.route("/jobs/<int:job_id>")
def job_status(job_id: int):
    """The solve job's state as JSON, for the page's progress indicator."""
    job = own_job_or_404(job_id)
    if job.state in ("queued", "running"):
        active_job(db.session.get(Rotation, job.rotation_id))  # settles a job lost with its process
        db.session.refresh(job)
    started = job.started_at or job.created_at
    if started.tzinfo is None:
        started = started.replace(tzinfo=timezone.utc)
    elapsed = (datetime.now(timezone.utc) - started).total_seconds() if job.finished_at is None else None
    return jsonify({"id": job.id, "state": job.state, "message": job.message, "time_limit_s": job.time_limit_s,
                    "elapsed_s": None if elapsed is None else round(elapsed, 1), "ahead": queue_position(job)})


@bp.route("/shifts/<int:shift_id>/assignments", methods=["POST"])
def assignment(shift_id: int):
    """Pin, unpin, remove or swap a member on a shift; a pin or swap is checked by the scheduler's rules first."""
    shift = own_shift_or_404(shift_id)
    user = db.session.get(User, request.form.get("user_id", type=db_id) or 0)
    action = request.form.get("action")
    joining = db.session.get(User, request.form.get("with_user_id", type=int) or 0) if action == "swap" else None
    if user is None or action not in ("pin", "unpin", "remove", "swap") or (action == "swap" and joining is None):
        abort(400, description="Choose a member of this team and pin, unpin, remove or swap.")
    try:
        if action == "swap":
            rotations.swap(current_user, shift, user, joining)
        else:
            rotations.set_assignment(current_user, shift, user, action)
    except rotations.RotationError as error:
        flash(str(error), "error")
    return redirect(url_for("manager.rotation", rotation_id=shift.rotation_id) + "#grid")


@bp.route("/rotations/<int:rotation_id>/publish", methods=["POST"])
def publish(rotation_id: int):
    """Publish the week to its members; it is read-only until reopened."""
    rotation_row = own_rotation_or_404(rotation_id)
    try:
        notified = rotations.publish(current_user, rotation_row)
    except rotations.RotationError as error:
        flash(str(error), "error")
    else:
        flash(f"Published. {notified} members were notified.", "success")
    return redirect(url_for("manager.rotation", rotation_id=rotation_row.id))


@bp.route("/rotations/<int:rotation_id>/delete", methods=["POST"])
def delete_rotation(rotation_id: int):
    """Delete a draft week that was never published (a week planned by mistake)."""
    rotation_row = own_rotation_or_404(rotation_id)
    week = rotation_row.week_start.isoformat()
    try:
        rotations.delete_draft(current_user, rotation_row)
    except rotations.RotationError as error:
        flash(str(error), "error")
        return redirect(url_for("manager.rotation", rotation_id=rotation_id))
    flash(f"The draft week of {week} was deleted.", "success")
    return redirect(url_for("manager.home"))


@bp.route("/rotations/<int:rotation_id>/reopen", methods=["POST"])
def reopen(rotation_id: int):
    """Reopen a published week, with a reason kept in the audit log."""
    rotation_row = own_rotation_or_404(rotation_id)
    form = ReopenForm()
    if not form.validate_on_submit():
        return review_page(rotation_row, reopen=form)
    try:
        told = rotations.reopen(current_user, rotation_row, form.reason.data)
    except rotations.RotationError as error:
        flash(str(error), "error")
    else:
        flash(f"Reopened. {told} members were told the week is being revised.", "success")
    return redirect(url_for("manager.rotation", rotation_id=rotation_row.id))


@bp.route("/rotations/<int:rotation_id>/<any(instance, solution):kind>.json")
def download_json(rotation_id: int, kind: str):
    """The exact instance (or solution) of the last solve: `python -m scheduler solve` reproduces it."""
    rotation_row = own_rotation_or_404(rotation_id)
    text = rotation_row.instance_json if kind == "instance" else rotation_row.solution_json
    if text is None:
        abort(404, description="This rotation has not been generated yet.")
    record_view(current_user, f"rotation_{kind}", rotation_row)
    name = f"rotation-{rotation_row.team_id}-{rotation_row.week_start.isoformat()}-{kind}.json"
    return Response(text, mimetype="application/json",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/rotations/<int:rotation_id>/rotation.csv")
def download_csv(rotation_id: int):
    """The week's assignments as CSV, one row per member and shift."""
    rotation_row = own_rotation_or_404(rotation_id)
    record_view(current_user, "rotation_csv", rotation_row)
    name = f"rotation-{rotation_row.team_id}-{rotation_row.week_start.isoformat()}.csv"
    return Response(rotation_csv(rotation_row), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})
