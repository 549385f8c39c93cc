"""API endpoints for the testing-session timer: tooling starts a session and stops it into a log."""
from flask import g, jsonify, request
from sqlalchemy import select

from wellbeing.api import bp
from wellbeing.api.errors import ApiError
from wellbeing.api.routes import exposure_json
from wellbeing.extensions import db
from wellbeing.models import Category, TestingSession
from wellbeing.services import timer
from wellbeing.services.exposure_log import ExposureRejected
from wellbeing.services.prompts import as_utc


def session_json(status: timer.SessionStatus) -> dict:
    session = status.session
    return {"id": session.id, "category": session.category.slug, "started_at": as_utc(session.started_at).isoformat(),
            "stopped_at": as_utc(session.stopped_at).isoformat() if session.stopped_at else None,
            "worked_minutes": round(status.worked_seconds / 60, 2), "on_break": status.on_break,
            "break_due": status.break_due, "breaks": session.breaks,
            "caps": [{**data, "level": cap.level} for data, cap in zip(status.caps_data(), status.caps)]}


def _json_object(allowed: set[str]) -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "The body must be a JSON object (Content-Type: application/json).")
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise ApiError(422, f"Unknown field {unknown[0]!r}.", [{"field": unknown[0], "message": "Unknown field."}])
    return body


@bp.route("/sessions", methods=["POST"])
def start_session():
    """Start the caller's testing session in a category (by short id)."""
    slug = _json_object({"category"}).get("category")
    category = db.session.scalar(select(Category).where(Category.slug == slug)) if isinstance(slug, str) else None
    try:
        session = timer.start(g.api_user, category, "api")
    except timer.SessionRejected as rejected:
        status = 409 if rejected.code == "already_running" else 422
        raise ApiError(status, str(rejected), [{"field": "category", "message": str(rejected)}]) from None
    return jsonify(session_json(timer.status(g.api_user, session))), 201


@bp.route("/sessions/<int:session_id>/stop", methods=["POST"])
def stop_session(session_id: int):
    """Stop the caller's running session and log it; 409 without logging when it would pass a cap unconfirmed."""
    body = _json_object({"intensity", "confirm_over_cap"})
    session = timer.own_session(g.api_user, session_id)
    if session is None:
        raise ApiError(404, f"There is no session with id {session_id} of yours.")
    if session.stopped_at is not None:
        raise ApiError(409, "This session has already been stopped.")
    intensity, confirm = body.get("intensity"), body.get("confirm_over_cap", False)
    if not isinstance(intensity, int) or isinstance(intensity, bool) or not isinstance(confirm, bool):
        raise ApiError(422, "Send intensity as a whole number from 1 to 5 (and confirm_over_cap as true or false).",
                       [{"field": "intensity", "message": "A whole number from 1 to 5."}])
    try:
        log = timer.stop(g.api_user, session, intensity, confirm)
    except timer.OverCap as over:
        caps = [c.label for c in over.status.caps if c.used_minutes > c.limit_minutes]
        raise ApiError(409, f"Nothing was logged: this would pass the {', '.join(caps)}. Send confirm_over_cap: "
                            "true to log it marked as over the cap.",
                       [{"field": "confirm_over_cap", "message": "Needed to log past a cap."}]) from None
    except ExposureRejected as rejected:
        raise ApiError(422, "Nothing was logged: " + rejected.errors[0][2].text,
                       [{"field": field, "message": problem.text} for _i, field, problem in rejected.errors]) from None
    stopped = db.session.get(TestingSession, session.id)
    return jsonify({"session": session_json(timer.status(g.api_user, stopped, stopped.stopped_at)),
                    "exposure": exposure_json(log), "over_cap": log.over_cap}), 201
