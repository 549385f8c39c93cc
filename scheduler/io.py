"""JSON <-> dataclasses for the rotawell-instance/1 and rotawell-solution/1 formats.

Validation (JSON Schemas plus semantic checks) lives in scheduler/validate.py; every error is a
FormatError whose message starts with the JSON path of the bad field, e.g.
``members[3].hours_per_day: must be > 0``.
"""

from __future__ import annotations

import json
from typing import Any

from scheduler.model import (
    Assignment, Category, Conflict, FormatError, HistoryEntry, Instance, Limits, Member,
    Objective, Options, Pin, Reason, Shift, Solution, Status, Unmet,
)
from scheduler.validate import json_path, validate_instance_dict, validate_solution_dict

__all__ = [
    "FormatError", "load_instance", "instance_from_dict", "instance_to_dict", "solution_to_dict",
    "solution_from_dict", "validate_instance_dict", "validate_solution_dict", "load_json",
    "json_path",
]

INSTANCE_FORMAT = "rotawell-instance/1"
SOLUTION_FORMAT = "rotawell-solution/1"


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
                      "excluded": {m: r.text for m, r in u.excluded.items()},
                      "codes": {m: r.code for m, r in u.excluded.items()}} for u in sol.unmet],
           "objective": None, "bound": sol.bound, "wall_s": round(sol.wall_s, 3)}
    if sol.objective is not None:
        o = sol.objective
        out["objective"] = {"unmet": o.unmet, "max_relative_dose": round(o.max_relative_dose, 4),
                            "diversity": o.diversity, "repeats": o.repeats,
                            "preferences": o.preferences,
                            "fairness_max": round(o.fairness_max, 4),
                            "fairness_squares": round(o.fairness_squares, 4)}
    if sol.time_to_first_s is not None:
        out["time_to_first_s"] = round(sol.time_to_first_s, 3)
    if sol.conflicts:
        out["conflicts"] = [{"pins": [{"member": p.member, "shift": p.shift} for p in c.pins],
                             "summary": c.summary} for c in sol.conflicts]
    if sol.stages:
        out["stages"] = [dict(s) for s in sol.stages]
    return out


def _reasons(unmet: dict) -> dict[str, Reason]:
    """An unmet entry's excluded members as Reasons (code "" when the file gives none)."""
    codes = unmet.get("codes", {})
    return {m: Reason(codes.get(m, ""), text) for m, text in unmet.get("excluded", {}).items()}


def solution_from_dict(d: dict) -> Solution:
    """Validate a solution dict and convert it to a Solution (missing optional keys -> None)."""
    validate_solution_dict(d)
    obj = d.get("objective")
    return Solution(
        status=Status(d["status"]),
        assignments=tuple(Assignment(a["member"], a["shift"]) for a in d["assignments"]),
        unmet=tuple(Unmet(u["shift"], u["missing"], u.get("summary", ""), _reasons(u))
                    for u in d.get("unmet", [])),
        objective=None if obj is None else Objective(
            obj.get("unmet", 0), float(obj.get("max_relative_dose", 0.0)),
            obj.get("diversity", 0), obj.get("repeats", 0), obj.get("preferences", 0),
            float(obj.get("fairness_max", 0.0)), float(obj.get("fairness_squares", 0.0))),
        bound=d.get("bound"), wall_s=float(d.get("wall_s", 0.0)),
        time_to_first_s=d.get("time_to_first_s"),
        conflicts=tuple(Conflict(tuple(Pin(p["member"], p["shift"]) for p in c["pins"]),
                                 c["summary"]) for c in d.get("conflicts", [])),
        stages=tuple(d.get("stages", [])))
