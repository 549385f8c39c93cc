"""Turn posted JSON into exposure entries, naming the exact field of anything malformed."""
import re
from datetime import date, timedelta

from sqlalchemy import select

from wellbeing.api.errors import ApiError
from wellbeing.extensions import db
from wellbeing.models import Category
from wellbeing.services.exposure_log import ExposureEntry

MAX_BATCH = 500
FIELDS = {"category", "date", "minutes", "intensity", "note"}
REQUIRED = ("category", "date", "minutes", "intensity")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # what the document's format: date means, nothing looser


def entries_from_body(body) -> tuple[list[ExposureEntry], bool]:
    """(entries, was_batch) from one entry object or a list of them; ApiError names the bad field."""
    if isinstance(body, dict):
        items, batch = [body], False
    elif isinstance(body, list):
        items, batch = body, True
    else:
        raise ApiError(400, "The body must be a JSON object (one session) or an array of them.")
    if not items:
        raise ApiError(422, "The batch is empty.", [{"field": "", "message": "Send at least one session."}])
    if len(items) > MAX_BATCH:
        raise ApiError(422, f"A batch holds at most {MAX_BATCH} sessions.",
                       [{"field": "", "message": f"{len(items)} sessions sent"}])
    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    errors, entries = [], []
    for index, item in enumerate(items):
        path = f"[{index}]." if batch else ""
        entry, item_errors = _entry(item, categories, path)
        errors.extend(item_errors)
        entries.append(entry)
    if errors:
        raise ApiError(422, "Some fields are missing or malformed; nothing was saved.", errors)
    return entries, batch


def _entry(item, categories: dict[str, Category], path: str) -> tuple[ExposureEntry | None, list[dict]]:
    if not isinstance(item, dict):
        return None, [{"field": path.rstrip(".") or "body", "message": "must be an object"}]
    errors = [{"field": path + name, "message": "unknown field"} for name in sorted(set(item) - FIELDS)]
    errors += [{"field": path + name, "message": "is required"} for name in REQUIRED if name not in item]
    category = categories.get(item.get("category")) if isinstance(item.get("category"), str) else None
    if "category" in item and category is None:
        errors.append({"field": path + "category", "message": f"unknown category; use one of {', '.join(sorted(categories))}"})
    day = _date(item.get("date"), path + "date", errors) if "date" in item else None
    minutes = _integer(item, "minutes", path, errors)
    intensity = _integer(item, "intensity", path, errors)
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        errors.append({"field": path + "note", "message": "must be a string or null"})
    return ExposureEntry(category, day, minutes, intensity, note), errors


def _integer(item: dict, name: str, path: str, errors: list) -> int | None:
    value = item.get(name)
    if isinstance(value, float) and value.is_integer():  # JSON Schema counts 3.0 as an integer
        value = int(value)
    if name in item and (not isinstance(value, int) or isinstance(value, bool)):
        errors.append({"field": path + name, "message": "must be a whole number"})
        return None
    return value


def iso_date(value) -> date | None:
    """A YYYY-MM-DD string as a date; None for anything else (Python's looser ISO forms included)."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _date(value, field: str, errors: list) -> date | None:
    day = iso_date(value)
    if day is None:
        errors.append({"field": field, "message": "must be a date as YYYY-MM-DD"})
    return day


def since_param(raw: str | None, today: date) -> date:
    """The `since` query parameter (YYYY-MM-DD), 28 days ago when absent."""
    if raw is None:
        return today - timedelta(days=27)
    since = iso_date(raw)
    if since is None:
        raise ApiError(400, "since must be a date as YYYY-MM-DD.",
                       [{"field": "since", "message": "must be a date as YYYY-MM-DD"}])
    return since
