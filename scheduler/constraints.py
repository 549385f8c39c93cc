"""The hard rules as CP-SAT constraints: one add_<rule>(model, vars, data) per rule.

Only (member, shift) pairs that pass the single-shift checks of rules.py get a variable, so rule 1
(eligibility) and every cap that one shift alone would break are enforced by construction.
Aggregates (hours and dose per member-day, "works category c on day d") are linear expressions or
one-sided indicator literals so that no constraint is O(members x shifts x days).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler import linear
from scheduler.prepare import MemberData, Prepared, ShiftData


@dataclass
class Vars:
    """Decision variables and the indexes the constraints and objectives loop over."""

    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    by_member_day: dict[tuple[int, int], list[tuple[ShiftData, cp_model.IntVar]]] = \
        field(default_factory=lambda: defaultdict(list))
    by_shift: dict[int, list[cp_model.IntVar]] = field(default_factory=lambda: defaultdict(list))
    works: dict[tuple[int, str, int], cp_model.IntVar] = field(default_factory=dict)
    pin_literals: dict[int, cp_model.IntVar] = field(default_factory=dict)
    derived: list = field(default_factory=list)  # (var, fn(assignment set) -> hint value)

    def derive_any(self, var, keys: list) -> None:
        """Record that `var` is 1 exactly when one of the (member, shift) keys is assigned."""
        self.derived.append((var, lambda best, keys=tuple(keys): int(any(k in best for k in keys))))

    def member_days(self, m: int, n_days: int):
        """(day, [(shift, var)]) for each planned day on which member m has a variable."""
        for d in range(n_days):
            items = self.by_member_day.get((m, d))
            if items:
                yield d, items


def _sum(terms: list[tuple[int, cp_model.IntVar]]):
    return cp_model.LinearExpr.WeightedSum([v for _, v in terms], [c for c, _ in terms])


def add_assignment_vars(model: cp_model.CpModel, data: Prepared) -> Vars:
    """Rule 1 (eligibility): create work[m, s] only for members who may take shift s at all.

    Args:
        model: The CP-SAT model.
        data: Prepared data; `data.eligible` already excludes unavailable, opted-out, not
            opted-in members and those for whom this shift alone would break a cap.

    Returns:
        The variable container, indexed by member-day and by shift.
    """
    v = Vars()
    for sd in data.shifts:
        for m in data.eligible[sd.idx]:
            var = model.new_bool_var(f"work[{data.members[m].member.id},{sd.shift.id}]")
            v.x[(m, sd.idx)] = var
            v.by_member_day[(m, sd.day)].append((sd, var))
            v.by_shift[sd.idx].append(var)
    return v


def add_coverage(model: cp_model.CpModel, v: Vars, data: Prepared) -> None:
    """A shift takes at most `people` members (the shortfall is unmet demand, not a violation).

    Args:
        model: The CP-SAT model.
        v: Decision variables.
        data: Prepared data.
    """
    for sd in data.shifts:
        if len(v.by_shift[sd.idx]) > sd.shift.people:
            model.add(sum(v.by_shift[sd.idx]) <= sd.shift.people)


def _capped(model, terms, cap: int) -> None:
    """Add sum(terms) <= cap unless it cannot bind."""
    if terms and sum(c for c, _ in terms) > cap:
        model.add(_sum(terms) <= cap)


def add_daily_hours(model: cp_model.CpModel, v: Vars, data: Prepared) -> None:
    """Rule 2: per member and day, total hours, hours per category and severe hours are capped.

    Args:
        model: The CP-SAT model.
        v: Decision variables.
        data: Prepared data (caps in quarter hours; the rows come from linear.daily_rows).
    """
    for md in data.movable():
        for _, items in v.member_days(md.idx, data.n_days):
            for terms, cap in linear.daily_rows(md, items):
                _capped(model, terms, cap)


def add_weekly_hours(model: cp_model.CpModel, v: Vars, data: Prepared) -> None:
    """Rule 3: per member over the planned days, hours per category and total hours are capped.

    Args:
        model: The CP-SAT model.
        v: Decision variables.
        data: Prepared data (the rows come from linear.weekly_rows).
    """
    for md in data.movable():
        items = [item for _, day in v.member_days(md.idx, data.n_days) for item in day]
        for terms, cap in linear.weekly_rows(md, items):
            _capped(model, terms, cap)


def _dose_terms(md: MemberData, v: Vars, days: range) -> list[tuple[int, cp_model.IntVar]]:
    return [(md.dose_units(sd), x) for d in days
            for sd, x in v.by_member_day.get((md.idx, d), ())]


def add_rolling_dose(model: cp_model.CpModel, v: Vars, data: Prepared) -> None:
    """Rule 4: history plus planned dose in every 7- and 28-day window ending on a planned day.

    The remaining allowance per window was computed from history in prepare (never below 0, so
    a window already over its limit from history alone admits no planned dose).

    Args:
        model: The CP-SAT model.
        v: Decision variables.
        data: Prepared data (dose in integer dose units).
    """
    for md in data.movable():
        for days, cap in linear.dose_windows(md, data.n_days):
            _capped(model, _dose_terms(md, v, days), cap)


def works_literal(model: cp_model.CpModel, v: Vars, data: Prepared, m: int, cat: str, d: int):
    """A literal that is 1 whenever member m works category `cat` on day d (None if impossible).

    One-sided (works >= each shift variable): every rule and objective term that uses it only
    pushes it down, so it never needs an upper link.
    """
    key = (m, cat, d)
    if key not in v.works:
        xs = [x for sd, x in v.by_member_day.get((m, d), ()) if sd.cat.id == cat]
        if not xs:
            v.works[key] = None
        elif len(xs) == 1:
            v.works[key] = xs[0]
        else:
            lit = model.new_bool_var(f"works[{data.members[m].member.id},{cat},d{d}]")
            for x in xs:
                model.add_implication(x, lit)
            v.works[key] = lit
            v.derive_any(lit, [(m, sd.idx) for sd, _ in v.by_member_day[(m, d)]
                               if sd.cat.id == cat])
    return v.works[key]


def add_consecutive_days(model: cp_model.CpModel, v: Vars, data: Prepared) -> None:
    """Rule 5a: at most max_consecutive_days calendar days in a row in one category.

    History days count: for every window of max+1 consecutive days that touches the plan, the
    worked days in it (history constants plus planned literals) are at most max.

    Args:
        model: The CP-SAT model.
        v: Decision variables.
        data: Prepared data.
    """
    for md in data.movable():
        for cat in data.cats.values():
            lits = {d: works_literal(model, v, data, md.idx, cat.id, d) for d in range(data.n_days)}
            works = {d: lit for d, lit in lits.items() if lit is not None}
            for terms, cap in linear.consecutive_rows(md, cat.id, works, data):
                model.add(sum(x for _, x in terms) <= cap)


def add_recovery_days(model: cp_model.CpModel, v: Vars, data: Prepared) -> None:
    """Rule 5b: at least min_recovery_days planned days without severity >= 3 work.

    Args:
        model: The CP-SAT model.
        v: Decision variables.
        data: Prepared data.
    """
    for md in data.movable():
        severe_days = []
        for d, items in v.member_days(md.idx, data.n_days):
            xs = [(sd, x) for sd, x in items if sd.severe]
            if xs:
                lit = model.new_bool_var(f"severe[{md.member.id},d{d}]")
                for _, x in xs:
                    model.add_implication(x, lit)
                severe_days.append(lit)
                v.derive_any(lit, [(md.idx, sd.idx) for sd, _ in xs])
        allowed = linear.recovery_cap(md, data)
        if len(severe_days) > allowed:
            model.add(sum(severe_days) <= allowed)


def add_pins(model: cp_model.CpModel, v: Vars, data: Prepared, as_assumptions: bool) -> None:
    """Rule 6: pinned assignments are kept (optionally behind assumption literals).

    Args:
        model: The CP-SAT model.
        v: Decision variables.
        data: Prepared data.
        as_assumptions: If True, each pin is enforced by a literal added as an assumption so
            that an infeasible set of pins can be reported; else the variable is fixed to 1.
    """
    for i, pin in enumerate(data.instance.pins):
        x = v.x[(data.member_index[pin.member], data.shift_index[pin.shift])]
        if as_assumptions:
            lit = model.new_bool_var(f"pin[{pin.member},{pin.shift}]")
            model.add(x == 1).only_enforce_if(lit)
            v.pin_literals[i] = lit
        else:
            model.add(x == 1)
    if as_assumptions:
        model.add_assumptions(list(v.pin_literals.values()))


def build_hard_model(data: Prepared, pins_as_assumptions: bool = False):
    """Build the CP-SAT model with every hard rule.

    Args:
        data: Prepared data.
        pins_as_assumptions: See add_pins.

    Returns:
        (model, vars).
    """
    model = cp_model.CpModel()
    v = add_assignment_vars(model, data)
    for add in (add_coverage, add_daily_hours, add_weekly_hours, add_rolling_dose,
                add_consecutive_days, add_recovery_days):
        add(model, v, data)
    add_pins(model, v, data, pins_as_assumptions)
    return model, v
