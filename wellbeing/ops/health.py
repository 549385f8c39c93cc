"""`/healthz`: is the database answering, and Redis when configured? Says nothing else."""
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from wellbeing.extensions import db
from wellbeing.ops.redis_client import redis_for

bp = Blueprint("ops", __name__)


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001  any failure to answer is "down", and is logged
        current_app.logger.warning("health check: the database did not answer", exc_info=True)
        db.session.rollback()
        return False
    db.session.rollback()
    return True


def _redis_ok() -> bool:
    try:
        return bool(redis_for(current_app).ping())
    except Exception:  # noqa: BLE001
        current_app.logger.warning("health check: Redis did not answer", exc_info=True)
        return False


@bp.route("/healthz")
def healthz():
    """200 when every configured dependency answers, 503 naming the ones that do not."""
    checks = {"database": "ok" if _database_ok() else "down"}
    if current_app.config.get("REDIS_URL"):
        checks["redis"] = "ok" if _redis_ok() else "down"
    healthy = all(state == "ok" for state in checks.values())
    response = jsonify({"status": "ok" if healthy else "down", "checks": checks})
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if healthy else 503
