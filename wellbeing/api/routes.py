"""API endpoints: log exposure (one or a batch, all-or-nothing), read own logs, read own dose."""
import json
from datetime import date
from functools import wraps
from pathlib import Path

from flask import g, jsonify, request
from sqlalchemy import select

from wellbeing.api import bp
from wellbeing.api.errors import ApiError
from wellbeing.api.parsing import entries_from_body, since_param
from wellbeing.extensions import csrf, db
from wellbeing.models import ExposureLog
from wellbeing.services.exposure import dose_status
from wellbeing.services.exposure_log import ExposureRejected, log_exposures
from wellbeing.services.exposure_rules import DAY_FULL
from wellbeing.services.tokens import authenticate

OPENAPI = Path(__file__).with_name("openapi.json")
API_FIELD = {"day": "date"}  # the rules' field names that the API spells differently
csrf.exempt(bp)  # bearer tokens, not cookies: a forged cross-site request carries no token


def token_required(view):
    """Authenticate the bearer token (401) and require the member role (403)."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secret:
            raise ApiError(401, "Send an API token as 'Authorization: Bearer <token>'.")
        user = authenticate(secret.strip())
        if user is None:
            raise ApiError(401, "This API token is unknown or revoked.")
        if not user.has_role("member"):
            raise ApiError(403, "Only team members log exposure; this token's account has no member role.")
        g.api_user = user
        return view(*args, **kwargs)
    return wrapped


def exposure_json(log: ExposureLog) -> dict:
    return {"id": log.id, "category": log.category.slug, "date": log.day.isoformat(), "minutes": log.minutes,
            "intensity": log.intensity, "note": log.note, "source": log.source}


@bp.route("/exposures", methods=["POST"])
@token_required
def post_exposures():
    """Log one session or a batch; every session is checked first and nothing is saved unless all pass."""
    body = request.get_json(silent=True)
    if body is None:
        raise ApiError(400, "The body must be JSON (Content-Type: application/json).")
    entries, batch = entries_from_body(body)
    try:
        logs = log_exposures(g.api_user, entries, "api", date.today())
    except ExposureRejected as rejected:
        errors = [{"field": (f"[{i}]." if batch else "") + API_FIELD.get(field, field), "message": problem.text}
                  for i, field, problem in rejected.errors]
        only_day_full = all(problem.code == DAY_FULL for _i, _f, problem in rejected.errors)
        raise ApiError(409 if only_day_full else 422, "Nothing was saved: " + errors[0]["message"], errors) from None
    return jsonify({"exposures": [exposure_json(log) for log in logs]}), 201


@bp.route("/exposures", methods=["GET"])
@token_required
def get_exposures():
    """The caller's own sessions since a date (default: the last 28 days)."""
    since = since_param(request.args.get("since"), date.today())
    logs = db.session.scalars(select(ExposureLog).where(ExposureLog.user_id == g.api_user.id,
                                                        ExposureLog.day >= since)
                              .order_by(ExposureLog.day, ExposureLog.id))
    return jsonify({"since": since.isoformat(), "exposures": [exposure_json(log) for log in logs]})


@bp.route("/me/dose")
@token_required
def get_dose():
    """The caller's rolling 7- and 28-day dose against their limits, as on their home page."""
    today = date.today()
    windows = [{"window_days": w.window, "dose": round(w.dose, 3), "limit": round(w.limit, 3),
                "fraction": round(w.fraction, 4), "level": w.level} for w in dose_status(g.api_user, today)]
    return jsonify({"date": today.isoformat(), "windows": windows})


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API (tested against the real responses)."""
    return jsonify(json.loads(OPENAPI.read_text()))
