"""The edge of every request: what the database cannot hold is refused before any view runs.

One mechanism for every route, present and future: integer ids past the database's range do not
match a route (404); text with control characters, bad JSON and bodies over the size cap are refused
with a message that names the field, so no view ever hands them to the database.
"""
import json
import unicodedata

from flask import Flask, abort, current_app, request
from werkzeug.routing import IntegerConverter

from wellbeing.api.errors import error_response

DB_ID_MAX = 2**31 - 1  # PostgreSQL's integer; SQLite holds more, but the same ids must work on both
MAX_JSON_DEPTH = 20
ALLOWED_CONTROLS = {"\t", "\n", "\r"}


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` in every route: only ids a row could have (1 to 2^31 - 1); anything else is a 404."""

    def __init__(self, map, fixed_digits=0, min=1, max=DB_ID_MAX, signed=False):  # noqa: A002  (werkzeug's names)
        super().__init__(map, fixed_digits, min, max, signed)


def db_id(value) -> int | None:
    """A submitted id as an int when a row could have it, else None (a form's 'no such choice')."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= DB_ID_MAX else None


def register(app: Flask) -> None:
    """Bound `<int:>` in URLs and check every request's text and JSON before its view (call before routes)."""
    app.url_map.converters["int"] = DatabaseIdConverter
    app.before_request(_refuse_bad_input)


def _refuse_bad_input():
    cap = current_app.config.get("MAX_CONTENT_LENGTH")
    if cap and (request.content_length or 0) > cap:
        abort(413, description=f"The request is too large: at most {cap // 1024} KB is accepted "
                               "(an API batch holds at most 500 sessions). Nothing was saved.")
    fields = [pair for source in (request.args, request.form) for name, value in source.items(multi=True)
              for pair in (("a field name", name), (name, value))]
    if request.is_json:
        try:
            fields += _json_strings(json.loads(request.get_data(cache=True)))
        except (ValueError, RecursionError) as error:
            return _refuse("", f"The body must be JSON, and this is not valid JSON ({_reason(error)}). "
                               "Nothing was saved.")
    for name, value in fields:
        bad = next((c for c in value if _unstorable(c)), None)
        if bad is not None:
            return _refuse(name, f"The field “{name}” contains a control character (U+{ord(bad):04X}) "
                                 "that cannot be saved; remove it and send again. Nothing was saved.")
    return None


def _unstorable(char: str) -> bool:
    category = unicodedata.category(char)
    return (category == "Cc" and char not in ALLOWED_CONTROLS) or category == "Cs"


def _reason(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return f"nested deeper than {MAX_JSON_DEPTH} levels"
    return str(error).split(":")[0] if isinstance(error, json.JSONDecodeError) else type(error).__name__


def _json_strings(document) -> list[tuple[str, str]]:
    """Every string (keys too) in a JSON document with its path ('[1].note'), walked without recursion."""
    found, stack = [], [("", document, 0)]
    while stack:
        path, value, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise RecursionError
        if isinstance(value, str):
            found.append((path or "body", value))
        elif isinstance(value, list):
            stack += [(f"{path}[{i}]", item, depth + 1) for i, item in enumerate(value)]
        elif isinstance(value, dict):
            for key, item in value.items():
                found.append((path or "body", key))
                stack.append((f"{path}.{key}" if path else key, item, depth + 1))
    return found


def _refuse(field: str, message: str):
    if request.path.startswith("/api/"):
        return error_response(400, message, [{"field": field, "message": message}] if field else None)
    abort(400, description=message)
