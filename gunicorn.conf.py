"""gunicorn settings for the production stack (`make prod`, Procfile); every value can be set by env.

Metrics: prometheus_client decides at import time whether samples go to files, so
PROMETHEUS_MULTIPROC_DIR is settled here, before gunicorn imports the app, and emptied when the
server starts (stale files would add old counts); `child_exit` retires a dead worker's live gauges.
"""
import os
import shutil
import tempfile

multiproc_dir = os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR",
                                      os.path.join(tempfile.gettempdir(), "rotawell-metrics"))
os.makedirs(multiproc_dir, exist_ok=True)

wsgi_app = "wellbeing:create_app()"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
accesslog = None  # the app logs one line per request itself, by route and without the query string

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "wellbeing.ops.request_log.RequestIdFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s [%(process)d] %(name)s rid=%(request_id)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]}},
    "root": {"level": "WARNING", "handlers": ["stderr"]},
    "loggers": {"wellbeing": {"level": os.environ.get("LOG_LEVEL", "INFO")},
                "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False}},
}


def on_starting(server):
    """Start from an empty samples directory: counts from an earlier run must not be added in."""
    for name in os.listdir(multiproc_dir):
        path = os.path.join(multiproc_dir, name)
        shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)


def child_exit(server, worker):
    """A worker died or was replaced: drop its live gauges so /metrics stops counting them."""
    from prometheus_flask_exporter.multiprocess import GunicornInternalPrometheusMetrics
    GunicornInternalPrometheusMetrics.mark_process_dead_on_child_exit(worker.pid)
