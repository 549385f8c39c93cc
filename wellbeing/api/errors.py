"""JSON errors: a status, a message a developer can act on, and the field when there is one.

HTTP errors raised outside a view (unknown URL, wrong method) are turned into this shape by
wellbeing.errors for every path under /api/.
"""
from flask import jsonify

from wellbeing.api import bp


class ApiError(Exception):
    """An error to send as JSON; `errors` lists {field, message} pairs when fields are at fault."""

    def __init__(self, status: int, message: str, errors: list[dict] | None = None):
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors or []


def error_response(status: int, message: str, errors: list[dict] | None = None):
    """The one JSON error shape of the API."""
    body = {"error": {"status": status, "message": message}}
    if errors:
        body["error"]["errors"] = errors
        body["error"]["field"] = errors[0]["field"]
    return jsonify(body), status


@bp.errorhandler(ApiError)
def api_error(error: ApiError):
    return error_response(error.status, error.message, error.errors)
