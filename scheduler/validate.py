"""Validation of rotawell-instance/1 and rotawell-solution/1 documents (used by scheduler.io).

Validation runs in two passes: the JSON Schemas in scheduler/schema/ (types, ranges, required
keys), then semantic checks the schema cannot express (consecutive days, unique and known ids,
quarter hours, pins). Every error is a FormatError whose message starts with the JSON path of
the bad field, e.g. ``members[3].hours_per_day: must be > 0``.

The schema pass asks jsonschema_rs first (microseconds: the app judges every logged session through an
instance) and only a document it refuses goes through jsonschema, whose errors name the bad field.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs

from scheduler.model import FormatError

__all__ = ["json_path", "validate_instance_dict", "validate_solution_dict"]

_SCHEMA_DIR = Path(__file__).parent / "schema"


def _schema(name: str) -> dict:
    return json.loads((_SCHEMA_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema(name))


@lru_cache(maxsize=None)
def _fast_validator(name: str):
    """The same schema compiled by jsonschema_rs (formats unchecked, as jsonschema leaves them)."""
    return jsonschema_rs.Draft202012Validator(_schema(name), validate_formats=False)


def json_path(parts) -> str:
    """Render a path such as ('members', 3, 'hours_per_day') as members[3].hours_per_day."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "$"


def _friendly(error: jsonschema.ValidationError) -> str:
    """Turn a jsonschema error into '<path>: <plain message>'."""
    path = list(error.absolute_path)
    kind, value = error.validator, error.validator_value
    messages = {
        "exclusiveMinimum": lambda: f"must be > {value}",
        "minimum": lambda: f"must be >= {value}",
        "maximum": lambda: f"must be <= {value}",
        "type": lambda: f"must be of type {value if isinstance(value, str) else ' or '.join(value)}",
        "minItems": lambda: f"must have at least {value} item(s)",
        "minLength": lambda: "must not be empty",
        "pattern": lambda: "must be a date written YYYY-MM-DD",
        "const": lambda: f"must be {value!r}",
        "enum": lambda: f"must be one of {', '.join(map(str, value))}",
        "uniqueItems": lambda: "must not contain duplicates",
    }
    if kind == "required":
        missing = [key for key in value if key not in (error.instance or {})]
        return f"{json_path(path + missing[:1])}: is required"
    if kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"{json_path(path + extra[:1])}: unknown field"
    return f"{json_path(path)}: {messages.get(kind, lambda: error.message)()}"


def _schema_check(data: Any, schema_name: str) -> None:
    if _fast_validator(schema_name).is_valid(data):
        return
    errors = sorted(_validator(schema_name).iter_errors(data),
                    key=lambda e: (len(e.absolute_path), [str(p) for p in e.absolute_path]))
    if errors:
        raise FormatError(_friendly(errors[0]))


def _parse_date(text: str, path: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FormatError(f"{path}: {text!r} is not a valid calendar date") from None


def _unique_ids(items: list, path: str) -> set:
    seen: set = set()
    for i, item in enumerate(items):
        if item["id"] in seen:
            raise FormatError(f"{path}[{i}].id: duplicate id {item['id']!r}")
        seen.add(item["id"])
    return seen


def _check_quarter(value: float, path: str) -> None:
    if abs(value * 4 - round(value * 4)) > 1e-9:
        raise FormatError(f"{path}: must be a multiple of 0.25 hours (got {value})")


def _check_days(days: list) -> dt.date:
    parsed = [_parse_date(d, f"days[{i}]") for i, d in enumerate(days)]
    for i in range(1, len(parsed)):
        if parsed[i] != parsed[i - 1] + dt.timedelta(days=1):
            raise FormatError(f"days[{i}]: days must be consecutive calendar days "
                              f"({days[i - 1]} is followed by {days[i]})")
    return parsed[0]


def _check_member(i: int, m: dict, cats: set, first_day: dt.date) -> None:
    base = f"members[{i}]"
    for j, day in enumerate(m.get("unavailable", [])):
        _parse_date(day, f"{base}.unavailable[{j}]")
    for key in ("opted_in", "opted_out", "prefer", "avoid"):
        for j, cat in enumerate(m.get(key, [])):
            if cat not in cats:
                raise FormatError(f"{base}.{key}[{j}]: unknown category {cat!r}")
    for j, entry in enumerate(m.get("history", [])):
        path = f"{base}.history[{j}]"
        if _parse_date(entry["date"], f"{path}.date") >= first_day:
            raise FormatError(f"{path}.date: history must be before the first planned day")
        if entry["category"] not in cats:
            raise FormatError(f"{path}.category: unknown category {entry['category']!r}")


def _check_shifts(shifts: list, cats: set, days: set) -> dict:
    _unique_ids(shifts, "shifts")
    for i, s in enumerate(shifts):
        if s["category"] not in cats:
            raise FormatError(f"shifts[{i}].category: unknown category {s['category']!r}")
        if s["day"] not in days:
            raise FormatError(f"shifts[{i}].day: {s['day']} is not one of the planned days")
        _check_quarter(s["hours"], f"shifts[{i}].hours")
    return {s["id"]: s for s in shifts}


def _check_pins(pins: list, members: set, shifts: dict) -> None:
    seen, per_shift = set(), {}
    for i, pin in enumerate(pins):
        if pin["member"] not in members:
            raise FormatError(f"pins[{i}].member: unknown member {pin['member']!r}")
        if pin["shift"] not in shifts:
            raise FormatError(f"pins[{i}].shift: unknown shift {pin['shift']!r}")
        key = (pin["member"], pin["shift"])
        if key in seen:
            raise FormatError(f"pins[{i}]: {pin['member']} is pinned to {pin['shift']} twice")
        seen.add(key)
        per_shift[pin["shift"]] = per_shift.get(pin["shift"], 0) + 1
        if per_shift[pin["shift"]] > shifts[pin["shift"]]["people"]:
            raise FormatError(f"pins[{i}].shift: more pins on {pin['shift']} than its "
                              f"{shifts[pin['shift']]['people']} place(s)")


def validate_instance_dict(d: Any) -> None:
    """Check an instance dict against the schema and the format's semantic rules.

    Args:
        d: Parsed JSON of a rotawell-instance/1 document.

    Raises:
        FormatError: message starts with the JSON path of the first bad field.
    """
    _schema_check(d, "instance.schema.json")
    first_day = _check_days(d["days"])
    cats = _unique_ids(d["categories"], "categories")
    _unique_ids(d["members"], "members")
    for i, m in enumerate(d["members"]):
        _check_member(i, m, cats, first_day)
    shifts = _check_shifts(d["shifts"], cats, set(d["days"]))
    _check_pins(d.get("pins", []), {m["id"] for m in d["members"]}, shifts)


def validate_solution_dict(d: Any) -> None:
    """Check a solution dict against the rotawell-solution/1 schema.

    Args:
        d: Parsed JSON of a solution document.

    Raises:
        FormatError: message starts with the JSON path of the first bad field.
    """
    _schema_check(d, "solution.schema.json")
