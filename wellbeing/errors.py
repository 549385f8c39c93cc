"""Error pages: every failure ends in a page that says what happened, never a bare 500."""
from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from wellbeing.api.errors import error_response
from wellbeing.extensions import db


def _is_api() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app: Flask) -> None:
    """Render friendly pages for HTTP errors, CSRF failures and unexpected exceptions."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        if _is_api():
            return error_response(400, "The API takes a bearer token, not a session cookie.")
        return render_template("errors/error.html", code=400, title="This form has expired",
                               message="The form was missing its security token or it was out of date. "
                                       "Go back, reload the page and submit it again."), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        allowed = getattr(error, "valid_methods", None)  # a 405 says which methods would work (RFC 9110)
        headers = {"Allow": ", ".join(sorted(allowed))} if allowed else {}
        if _is_api():
            return *error_response(error.code, error.description), headers
        return render_template("errors/error.html", code=error.code, title=error.name,
                               message=error.description), error.code, headers

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error")
        if _is_api():
            return error_response(500, "Unexpected server error; nothing was saved. Please try again.")
        return render_template("errors/error.html", code=500, title="Something went wrong",
                               message="Nothing you entered was saved by this request. Please try again; "
                                       "if it keeps happening, tell an administrator."), 500
