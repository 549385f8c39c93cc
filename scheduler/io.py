"""JSON <-> dataclasses for the rotawell-instance/1 and rotawell-solution/1 formats.

Validation runs in two passes: the JSON Schemas in scheduler/schema/ (types, ranges, required
keys), then semantic checks the schema cannot express (consecutive days, unique and known ids,
quarter hours, pins). Every error is a FormatError whose message starts with the JSON path of
the bad field, e.g. ``members[3].hours_per_day: must be > 0``.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from scheduler.model import (
    Assignment, Category, Conflict, FormatError, HistoryEntry, Instance, Limits, Member,
    Objective, Options, Pin, Shift, Solution, Status, Unmet,
)

__all__ = [
    "FormatError", "load_instance", "instance_from_dict", "instance_to_dict", "solution_to_dict",
    "solution_from_dict", "validate_instance_dict", "validate_solution_dict", "load_json",
]

_SCHEMA_DIR = Path(__file__).parent / "schema"
INSTANCE_FORMAT = "rotawell-instance/1"
SOLUTION_FORMAT = "rotawell-solution/1"


@lru_cache(maxsize=None)
def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((_SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


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


def load_json(path) -> Any:
    """Read a JSON file, turning missing files and syntax errors into FormatError."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise FormatError(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                          f"{exc.msg})") from None
    except OSError as exc:
        raise FormatError(f"{path}: cannot read ({exc.strerror})") from None


def _limits_from(d: dict, base: Limits | None = None) -> Limits:
    base = base or Limits()
    weights = dict(base.dose_weights)
    weights.update({int(k): float(v) for k, v in d.get("dose_weights", {}).items()})
    keys = ("max_dose_7d", "max_dose_28d", "max_severe_hours_per_day", "reduced_factor")
    values = {k: float(d.get(k, getattr(base, k))) for k in keys}
    return Limits(dose_weights=weights,
                  min_recovery_days=int(d.get("min_recovery_days", base.min_recovery_days)),
                  **values)


def _member_from(m: dict) -> Member:
    return Member(
        id=m["id"], hours_per_day=float(m["hours_per_day"]),
        hours_per_week=float(m["hours_per_week"]),
        unavailable=tuple(m.get("unavailable", [])), opted_in=tuple(m.get("opted_in", [])),
        opted_out=tuple(m.get("opted_out", [])),
        perspectives={k: tuple(v) for k, v in m.get("perspectives", {}).items()},
        prefer=tuple(m.get("prefer", [])), avoid=tuple(m.get("avoid", [])),
        reduced_load=bool(m.get("reduced_load", False)), limits=dict(m.get("limits", {})),
        history=tuple(HistoryEntry(h["date"], h["category"], float(h["hours"]))
                      for h in m.get("history", [])))


def instance_from_dict(d: dict) -> Instance:
    """Validate an instance dict and convert it to an Instance (defaults filled in)."""
    validate_instance_dict(d)
    opts = d.get("options", {})
    return Instance(
        days=tuple(d["days"]),
        categories=tuple(Category(c["id"], c["name"], c["severity"], float(c["max_hours_per_day"]),
                                  float(c["max_hours_per_week"]), c["max_consecutive_days"],
                                  bool(c.get("requires_opt_in", False)))
                         for c in d["categories"]),
        members=tuple(_member_from(m) for m in d["members"]),
        shifts=tuple(Shift(s["id"], s["category"], s["day"], float(s["hours"]), s["people"])
                     for s in d["shifts"]),
        limits=_limits_from(d.get("limits", {})),
        pins=tuple(Pin(p["member"], p["shift"]) for p in d.get("pins", [])),
        diversity_dimensions=tuple(d.get("diversity", {}).get("dimensions", [])),
        options=Options(float(opts.get("time_limit_s", 10.0)), int(opts.get("workers", 2)),
                        int(opts.get("seed", 0))))


def load_instance(path_or_dict) -> Instance:
    """Load and validate an instance from a JSON file path or an already-parsed dict.

    Args:
        path_or_dict: A path (str or Path) to a JSON file, or the parsed dict.

    Returns:
        The validated Instance.

    Raises:
        FormatError: missing file, bad JSON, or a field that breaks the format.
    """
    data = path_or_dict if isinstance(path_or_dict, dict) else load_json(path_or_dict)
    return instance_from_dict(data)


def _num(x: float):
    """Write whole numbers as ints so JSON stays tidy."""
    return int(x) if float(x).is_integer() else x


def _limits_to_dict(lim: Limits) -> dict:
    return {"dose_weights": {str(k): _num(v) for k, v in sorted(lim.dose_weights.items())},
            "max_dose_7d": _num(lim.max_dose_7d), "max_dose_28d": _num(lim.max_dose_28d),
            "max_severe_hours_per_day": _num(lim.max_severe_hours_per_day),
            "min_recovery_days": lim.min_recovery_days,
            "reduced_factor": _num(lim.reduced_factor)}


def _member_to_dict(m: Member) -> dict:
    return {"id": m.id, "hours_per_day": _num(m.hours_per_day),
            "hours_per_week": _num(m.hours_per_week), "unavailable": list(m.unavailable),
            "opted_in": list(m.opted_in), "opted_out": list(m.opted_out),
            "perspectives": {k: list(v) for k, v in m.perspectives.items()},
            "prefer": list(m.prefer), "avoid": list(m.avoid), "reduced_load": m.reduced_load,
            "limits": dict(m.limits),
            "history": [{"date": h.date, "category": h.category, "hours": _num(h.hours)}
                        for h in m.history]}


def instance_to_dict(inst: Instance) -> dict:
    """Convert an Instance to a rotawell-instance/1 dict (all optional keys written out)."""
    return {
        "format": INSTANCE_FORMAT, "days": list(inst.days),
        "categories": [{"id": c.id, "name": c.name, "severity": c.severity,
                        "max_hours_per_day": _num(c.max_hours_per_day),
                        "max_hours_per_week": _num(c.max_hours_per_week),
                        "max_consecutive_days": c.max_consecutive_days,
                        "requires_opt_in": c.requires_opt_in} for c in inst.categories],
        "limits": _limits_to_dict(inst.limits),
        "members": [_member_to_dict(m) for m in inst.members],
        "shifts": [{"id": s.id, "category": s.category, "day": s.day, "hours": _num(s.hours),
                    "people": s.people} for s in inst.shifts],
        "pins": [{"member": p.member, "shift": p.shift} for p in inst.pins],
        "diversity": {"dimensions": list(inst.diversity_dimensions)},
        "options": {"time_limit_s": _num(inst.options.time_limit_s),
                    "workers": inst.options.workers, "seed": inst.options.seed},
    }


def solution_to_dict(sol: Solution) -> dict:
    """Convert a Solution to a rotawell-solution/1 dict."""
    out = {"format": SOLUTION_FORMAT, "status": sol.status.value,
           "assignments": [{"member": a.member, "shift": a.shift} for a in sol.assignments],
           "unmet": [{"shift": u.shift, "missing": u.missing, "summary": u.summary,
                      "excluded": dict(u.excluded)} for u in sol.unmet],
           "objective": None, "bound": sol.bound, "wall_s": round(sol.wall_s, 3)}
    if sol.objective is not None:
        o = sol.objective
        out["objective"] = {"unmet": o.unmet, "max_relative_dose": round(o.max_relative_dose, 4),
                            "diversity": o.diversity, "repeats": o.repeats,
                            "preferences": o.preferences}
    if sol.time_to_first_s is not None:
        out["time_to_first_s"] = round(sol.time_to_first_s, 3)
    if sol.conflicts:
        out["conflicts"] = [{"pins": [{"member": p.member, "shift": p.shift} for p in c.pins],
                             "summary": c.summary} for c in sol.conflicts]
    if sol.stages:
        out["stages"] = [dict(s) for s in sol.stages]
    return out


def solution_from_dict(d: dict) -> Solution:
    """Validate a solution dict and convert it to a Solution (missing optional keys -> None)."""
    validate_solution_dict(d)
    obj = d.get("objective")
    return Solution(
        status=Status(d["status"]),
        assignments=tuple(Assignment(a["member"], a["shift"]) for a in d["assignments"]),
        unmet=tuple(Unmet(u["shift"], u["missing"], u.get("summary", ""),
                          dict(u.get("excluded", {}))) for u in d.get("unmet", [])),
        objective=None if obj is None else Objective(
            obj.get("unmet", 0), float(obj.get("max_relative_dose", 0.0)),
            obj.get("diversity", 0), obj.get("repeats", 0), obj.get("preferences", 0)),
        bound=d.get("bound"), wall_s=float(d.get("wall_s", 0.0)),
        time_to_first_s=d.get("time_to_first_s"),
        conflicts=tuple(Conflict(tuple(Pin(p["member"], p["shift"]) for p in c["pins"]),
                                 c["summary"]) for c in d.get("conflicts", [])),
        stages=tuple(d.get("stages", [])))
