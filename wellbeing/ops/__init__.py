"""Running the app in production: health check, metrics, request logs and the Redis connection."""
from flask import Flask


def register_operations(app: Flask) -> None:
    """Attach /healthz, /metrics and the request log to the app."""
    from wellbeing.ops.health import bp
    from wellbeing.ops.metrics import register_metrics
    from wellbeing.ops.request_log import register_request_log
    app.register_blueprint(bp)
    register_metrics(app)
    register_request_log(app)
