"""One log line per request: its id, method, endpoint, status and time; never its body or query.

Forms carry check-in answers and notes, so nothing from the request beyond its route is logged.
The id (a caller's X-Request-ID if it is a plain token, else a new one) is sent back in the
response and added to every log record made while the request runs.
"""
import logging
import re
import time
import uuid

from flask import Flask, g, has_request_context, request
from flask.logging import default_handler

log = logging.getLogger("wellbeing.requests")
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_DETAIL = re.compile(r"\s*DETAIL:")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record, so a failure's traceback names the request it ended, and
    drops the database's DETAIL lines from tracebacks (PostgreSQL quotes the failing row there)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        if record.exc_info and not record.exc_text:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = "\n".join(line for line in text.splitlines() if not _DETAIL.match(line))
        return True


def install_log_filter(handler: logging.Handler) -> None:
    """Put the filter on a handler once (the app factory runs many times in tests)."""
    if not any(isinstance(existing, RequestIdFilter) for existing in handler.filters):
        handler.addFilter(RequestIdFilter())


def _incoming_id() -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if _SAFE_ID.fullmatch(given) else uuid.uuid4().hex


def register_request_log(app: Flask) -> None:
    """Time every request and log it by route, with the signed-in user's id (never their data)."""
    install_log_filter(default_handler)

    @app.before_request
    def start_request():
        g.request_id, g.request_started = _incoming_id(), time.perf_counter()

    @app.after_request
    def log_request(response):
        if "request_id" not in g:  # a request that failed before before_request ran
            return response
        elapsed_ms = (time.perf_counter() - g.request_started) * 1000
        loaded = g.get("_login_user")  # only if the view loaded it: logging never costs a query
        user = loaded.get_id() if loaded is not None and loaded.is_authenticated else "-"
        log.info("request %s %s %s endpoint=%s status=%s %.1fms user=%s", g.request_id, request.method,
                 request.path, request.endpoint, response.status_code, elapsed_ms, user)
        response.headers["X-Request-ID"] = g.request_id
        return response
