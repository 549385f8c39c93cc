"""Error pages: every failure ends in a page that says what happened, never a bare 500."""
from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from wellbeing.extensions import db


def register_error_handlers(app: Flask) -> None:
    """Render friendly pages for HTTP errors, CSRF failures and unexpected exceptions."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template("errors/error.html", code=400, title="This form has expired",
                               message="The form was missing its security token or it was out of date. "
                                       "Go back, reload the page and submit it again."), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return render_template("errors/error.html", code=error.code, title=error.name,
                               message=error.description), error.code

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error")
        return render_template("errors/error.html", code=500, title="Something went wrong",
                               message="Nothing you entered was saved by this request. Please try again; "
                                       "if it keeps happening, tell an administrator."), 500
