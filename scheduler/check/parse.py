"""Reads instance and solution dicts into the verifier's own exact-arithmetic view.

Part of the independent verifier: it deliberately shares no code with the solver's model,
constraints or objective, so that a misreading of the format on one side shows up as a
disagreement instead of being silently agreed on by both.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from scheduler.check.model import (
    Answer, Category, CheckInputError, Limits, Member, Problem, Shift, exact, fmt,
)

STATUSES = ("optimal", "feasible", "infeasible", "unknown")
LIMIT_KEYS = ("dose_weights", "max_dose_7d", "max_dose_28d", "max_severe_hours_per_day",
              "min_recovery_days", "reduced_factor")



def _get(d: dict, key: str, path: str, kind, default=...):
    """Fetches a key of the expected JSON type, or the default when the key is optional."""
    if not isinstance(d, dict):
        raise CheckInputError(f"{path}: expected an object, got {type(d).__name__}")
    if key not in d:
        if default is ...:
            raise CheckInputError(f"{path}.{key}: required key is missing")
        return default
    value = d[key]
    wrong_bool = isinstance(value, bool) and kind is int  # JSON true is not the number 1
    if kind is not None and (not isinstance(value, kind) or wrong_bool):
        raise CheckInputError(f"{path}.{key}: expected {getattr(kind, '__name__', kind)}, "
                              f"got {value!r}")
    return value


def _num(d: dict, key: str, path: str, low=0) -> Fraction:
    """Reads a required non-negative number exactly."""
    q = exact(_get(d, key, path, None), f"{path}.{key}")
    if low is not None and q < low:
        raise CheckInputError(f"{path}.{key}: must be >= {low}, got {fmt(q)}")
    return q


def _date(value, path: str) -> dt.date:
    """Parses an ISO date, naming the field when it is not one."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CheckInputError(f"{path}: expected an ISO date YYYY-MM-DD, got {value!r}") from None


def _strings(d: dict, key: str, path: str) -> frozenset:
    """Reads an optional list of strings (missing means empty)."""
    items = _get(d, key, path, list, [])
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise CheckInputError(f"{path}.{key}[{i}]: expected a string, got {item!r}")
    return frozenset(items)


def _ids(items: list, path: str) -> dict[str, dict]:
    """Indexes objects by their unique string id."""
    out = {}
    for i, item in enumerate(items):
        ident = _get(item, "id", f"{path}[{i}]", str)
        if ident in out:
            raise CheckInputError(f"{path}[{i}].id: duplicate id {ident!r}")
        out[ident] = item
    return out


def _days(d: dict) -> tuple[dt.date, ...]:
    """Reads the planned days and insists they are consecutive, as the windows assume."""
    raw = _get(d, "days", "instance", list)
    if not raw:
        raise CheckInputError("instance.days: must list at least one day")
    days = tuple(_date(v, f"instance.days[{i}]") for i, v in enumerate(raw))
    for i in range(1, len(days)):
        if days[i] - days[i - 1] != dt.timedelta(days=1):
            raise CheckInputError(f"instance.days[{i}]: {days[i]} does not follow {days[i - 1]}")
    return days


def _category(c: dict, path: str) -> Category:
    """Reads one category and its caps."""
    severity = _get(c, "severity", path, int)
    if not 1 <= severity <= 4:
        raise CheckInputError(f"{path}.severity: must be 1..4, got {severity}")
    return Category(c["id"], severity, _num(c, "max_hours_per_day", path),
                    _num(c, "max_hours_per_week", path),
                    _get(c, "max_consecutive_days", path, int),
                    _get(c, "requires_opt_in", path, bool))


def _weights(raw, path: str) -> dict[int, Fraction]:
    """Reads dose weights keyed by severity as a string ("1".."4")."""
    if not isinstance(raw, dict):
        raise CheckInputError(f"{path}: expected an object keyed by severity")
    out = {}
    for sev in range(1, 5):
        if str(sev) in raw:
            out[sev] = exact(raw[str(sev)], f"{path}.{sev}")
    return out


def _limits(base: dict, member: dict, reduced: bool, path: str) -> Limits:
    """Applies member overrides key by key, then the reduced-load factor to the dose limits."""
    merged = {**base, **member}
    weights = {**_weights(base["dose_weights"], "instance.limits.dose_weights"),
               **_weights(member.get("dose_weights", {}), f"{path}.limits.dose_weights")}
    if set(weights) != {1, 2, 3, 4}:
        raise CheckInputError(f"{path}: dose_weights must give a weight for severities 1..4")
    where = {k: (f"{path}.limits" if k in member else "instance.limits") for k in merged}
    val = {k: _num(merged, k, where[k]) for k in LIMIT_KEYS if k != "dose_weights"}
    factor = val["reduced_factor"] if reduced else Fraction(1)

    def note(key: str) -> str:
        """Explains where an effective dose limit comes from, for violation messages."""
        origin = " member override" if key in member else ""
        if not reduced:
            return f"{key} of {fmt(val[key])}{' (' + origin.strip() + ')' if origin else ''}"
        return (f"{key} of {fmt(val[key] * factor)} ({fmt(val[key])}{origin} "
                f"x reduced_factor {fmt(factor)} for reduced load)")

    return Limits(weights, val["max_dose_7d"] * factor, val["max_dose_28d"] * factor,
                  val["max_severe_hours_per_day"], val["min_recovery_days"],
                  note("max_dose_7d"), note("max_dose_28d"))


def _history(m: dict, path: str, first_day: dt.date, cats) -> dict:
    """Sums logged hours per (date, category); history must lie before the planned days."""
    out: dict = {}
    for i, h in enumerate(_get(m, "history", path, list, [])):
        hp = f"{path}.history[{i}]"
        day = _date(_get(h, "date", hp, str), f"{hp}.date")
        if day >= first_day:
            raise CheckInputError(f"{hp}.date: {day} is not before the first planned day "
                                  f"{first_day}")
        cat = _get(h, "category", hp, str)
        if cat not in cats:
            raise CheckInputError(f"{hp}.category: unknown category {cat!r}")
        out[(day, cat)] = out.get((day, cat), Fraction(0)) + _num(h, "hours", hp)
    return out


def _member(m: dict, path: str, base: dict, days, cats) -> Member:
    """Reads one member, applying the documented defaults for optional keys."""
    reduced = _get(m, "reduced_load", path, bool, False)
    overrides = _get(m, "limits", path, dict, {})
    persp = _get(m, "perspectives", path, dict, {})
    perspectives = {dim: _strings(persp, dim, f"{path}.perspectives") for dim in persp}
    unavailable = frozenset(_date(v, f"{path}.unavailable[]")
                            for v in _strings(m, "unavailable", path))
    return Member(m["id"], _num(m, "hours_per_day", path), _num(m, "hours_per_week", path),
                  unavailable, _strings(m, "opted_in", path), _strings(m, "opted_out", path),
                  perspectives, _strings(m, "prefer", path), _strings(m, "avoid", path),
                  _limits(base, overrides, reduced, path), _history(m, path, days[0], cats))


def _shift(s: dict, path: str, days, cats) -> Shift:
    """Reads one shift; its day must be planned and its category known."""
    cat = _get(s, "category", path, str)
    if cat not in cats:
        raise CheckInputError(f"{path}.category: unknown category {cat!r}")
    day = _date(_get(s, "day", path, str), f"{path}.day")
    if day not in days:
        raise CheckInputError(f"{path}.day: {day} is not one of the planned days")
    people = _get(s, "people", path, int)
    if people < 0:
        raise CheckInputError(f"{path}.people: must be >= 0, got {people}")
    return Shift(s["id"], cat, day, _num(s, "hours", path), people)


def _pins(d: dict, members, shifts) -> tuple:
    """Reads pins; a pin naming an unknown member or shift can never be kept."""
    out = []
    for i, p in enumerate(_get(d, "pins", "instance", list, [])):
        path = f"instance.pins[{i}]"
        pair = (_get(p, "member", path, str), _get(p, "shift", path, str))
        if pair[0] not in members:
            raise CheckInputError(f"{path}.member: unknown member {pair[0]!r}")
        if pair[1] not in shifts:
            raise CheckInputError(f"{path}.shift: unknown shift {pair[1]!r}")
        out.append(pair)
    return tuple(out)


def parse_instance(d: dict) -> Problem:
    """Reads an instance dict into the verifier's exact view.

    Args:
        d: the instance as plain JSON values (format rotawell-instance/1).

    Returns:
        The Problem with all numbers as Fractions and all dates parsed.

    Raises:
        CheckInputError: when a field the verifier needs is missing or of the wrong type.
    """
    if not isinstance(d, dict):
        raise CheckInputError(f"instance: expected an object, got {type(d).__name__}")
    days = _days(d)
    raw_cats = _ids(_get(d, "categories", "instance", list), "instance.categories")
    cats = {k: _category(c, f"instance.categories[{i}]")
            for i, (k, c) in enumerate(raw_cats.items())}
    base = _get(d, "limits", "instance", dict)
    for key in LIMIT_KEYS:
        _get(base, key, "instance.limits", None)
    raw_members = _ids(_get(d, "members", "instance", list), "instance.members")
    members = {k: _member(m, f"instance.members[{i}]", base, days, cats)
               for i, (k, m) in enumerate(raw_members.items())}
    raw_shifts = _ids(_get(d, "shifts", "instance", list), "instance.shifts")
    shifts = {k: _shift(s, f"instance.shifts[{i}]", days, cats)
              for i, (k, s) in enumerate(raw_shifts.items())}
    diversity = _get(d, "diversity", "instance", dict, {})
    dims = tuple(sorted(_strings(diversity, "dimensions", "instance.diversity")))
    return Problem(days, cats, members, shifts, _pins(d, members, shifts), dims)


def parse_solution(d: dict) -> Answer:
    """Reads a solution dict; unknown members or shifts are left for the rules to report.

    Args:
        d: the solution as plain JSON values (format rotawell-solution/1).

    Returns:
        The Answer with its status, (member, shift) pairs, unmet entries and reported objective.

    Raises:
        CheckInputError: when the solution's shape is not one the verifier can read.
    """
    if not isinstance(d, dict):
        raise CheckInputError(f"solution: expected an object, got {type(d).__name__}")
    status = _get(d, "status", "solution", str)
    if status not in STATUSES:
        raise CheckInputError(f"solution.status: expected one of {', '.join(STATUSES)}, "
                              f"got {status!r}")
    pairs = []
    for i, a in enumerate(_get(d, "assignments", "solution", list)):
        path = f"solution.assignments[{i}]"
        pairs.append((_get(a, "member", path, str), _get(a, "shift", path, str)))
    unmet = _get(d, "unmet", "solution", list, [])
    for i, u in enumerate(unmet):
        _get(u, "shift", f"solution.unmet[{i}]", str)
        _get(u, "missing", f"solution.unmet[{i}]", int)
    objective = d.get("objective")  # null or absent: nothing reported, recompute only
    if objective is not None and not isinstance(objective, dict):
        raise CheckInputError(f"solution.objective: expected an object or null, got {objective!r}")
    return Answer(status, tuple(pairs), tuple(unmet), objective)
