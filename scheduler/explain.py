"""Why a shift is short, and why pins conflict, in words a manager understands.

Reasons are computed from the data and the final assignment, not from CP-SAT cores: for each
member not on an unmet shift we ask rules.blocking_rule "would adding this member to this shift
break a rule, and which one first?".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from scheduler.model import Conflict, Pin, Reason, Unmet
from scheduler.prepare import Prepared
from scheduler.rules import blocking_rule

FREE_PROVEN = Reason("needed_elsewhere", "assigned elsewhere: taking this shift too would leave a "
                                          "more severe shift short")
FREE_UNPROVEN = Reason("could_take", "could take it; the solver did not reach this within its time "
                                     "limit")
FREE_BY_HAND = Reason("could_take", "could take it (no rule keeps them off)")

# Per code: how "n members" continue a sentence about a shift of category {cat}.
_PHRASES = {
    "unavailable": ("is unavailable", "are unavailable"),
    "opted_out": ("opted out", "opted out"),
    "not_opted_in": ("has not opted in", "have not opted in"),
    "day_hours": ("is at their daily hour limit", "are at their daily hour limit"),
    "category_day_cap": ("is at their {cat} daily cap", "are at their {cat} daily cap"),
    "severe_ceiling": ("is at their daily severe-content ceiling",
                       "are at their daily severe-content ceiling"),
    "category_week_cap": ("is at their {cat} weekly cap", "are at their {cat} weekly cap"),
    "week_hours": ("is at their weekly hour limit", "are at their weekly hour limit"),
    "dose_7": ("is at their 7-day dose limit", "are at their 7-day dose limit"),
    "dose_28": ("is at their 28-day dose limit", "are at their 28-day dose limit"),
    "consecutive_days": ("would exceed max consecutive days in {cat}",
                         "would exceed max consecutive days in {cat}"),
    "recovery_days": ("needs recovery days", "need recovery days"),
    "needed_elsewhere": ("is needed on other shifts", "are needed on other shifts"),
    "could_take": ("could still be added", "could still be added"),
}


_LABELS = {
    "unavailable": "unavailable", "opted_out": "opted out",
    "not_opted_in": "not opted in (opt-in only)", "day_hours": "at daily hour limit",
    "category_day_cap": "at the category's daily cap",
    "severe_ceiling": "at daily severe-content ceiling",
    "category_week_cap": "at the category's weekly cap", "week_hours": "at weekly hour limit",
    "dose_7": "at 7-day dose limit", "dose_28": "at 28-day dose limit",
    "consecutive_days": "at max consecutive days", "recovery_days": "needs recovery days",
    "needed_elsewhere": "needed on other shifts", "could_take": "could still be added",
}


def reason_label(code: str) -> str:
    """A short label for a reason code, for counts over many shifts ("opted out (3)")."""
    return _LABELS.get(code, code.replace("_", " "))


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _phrase(code: str, n: int, category: str) -> str:
    """Turn one reason code and its count into part of a sentence, e.g. '3 are unavailable'."""
    one, many = _PHRASES.get(code, (code, code))
    return f"{n} {(one if n == 1 else many).format(cat=category)}"


def summarize(data: Prepared, s: int, missing: int, reasons: Iterable[Reason]) -> str:
    """One plain-language sentence for an unmet shift."""
    sd = data.shifts[s]
    head = (f"{sd.cat.name} on {data.day_label(sd.day)} needs "
            f"{_plural(missing, 'more person', 'more people')}")
    counts = Counter(r.code for r in reasons)
    if not counts:
        return f"{head}: there is no one else in the team."
    parts = [_phrase(code, n, sd.cat.name)
             for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return f"{head}: {', '.join(parts)}."


def explain_unmet(data: Prepared, pairs: Iterable[tuple[int, int]], proven: bool,
                  free: Reason | None = None) -> tuple:
    """Explain every shift with missing people.

    Args:
        data: Prepared data.
        pairs: The final assignment as (member index, shift index).
        proven: Whether stage 1 (unmet demand) was proven optimal; decides how members who
            could still take the shift are described.
        free: The reason given to members no rule keeps off, when not the solver's (a rota
            edited by hand).

    Returns:
        Unmet entries, in shift order, each with a summary and a reason per excluded member.
    """
    by_member, by_shift = defaultdict(list), defaultdict(set)
    for m, s in pairs:
        by_member[m].append(s)
        by_shift[s].add(m)
    out = []
    for sd in data.shifts:
        missing = sd.shift.people - len(by_shift[sd.idx])
        if missing <= 0:
            continue
        excluded = {}
        for md in data.members:
            if md.idx in by_shift[sd.idx]:
                continue
            reason = blocking_rule(data, md, sd, by_member[md.idx])
            excluded[md.member.id] = reason or free or (FREE_PROVEN if proven else FREE_UNPROVEN)
        out.append(Unmet(sd.shift.id, missing, summarize(data, sd.idx, missing,
                                                         excluded.values()), excluded))
    return tuple(out)


def pin_conflict(data: Prepared, pins: list[Pin]) -> Conflict:
    """Describe a set of pins that cannot all be kept, naming the rule they break together."""
    reason, who = Reason("hard_rule", "a hard rule"), pins[0].member
    by_member = defaultdict(list)
    for pin in sorted(pins, key=lambda p: data.shifts[data.shift_index[p.shift]].day):
        m, s = data.member_index[pin.member], data.shift_index[pin.shift]
        found = blocking_rule(data, data.members[m], data.shifts[s], by_member[m])
        if found:
            reason, who = found, pin.member
            break
        by_member[m].append(s)
    names = ", ".join(f"{p.member} on {p.shift}" for p in pins)
    return Conflict(tuple(pins), f"These pins cannot all be kept: {names}. "
                                 f"Together they break a rule for {who}: {reason.text}.")


def pins_conflicting(data: Prepared) -> bool:
    """True if some member's pins, taken together, break a hard rule (checked by the rules)."""
    by_member: dict[int, list[int]] = defaultdict(list)
    for pin in data.instance.pins:
        m, s = data.member_index[pin.member], data.shift_index[pin.shift]
        if blocking_rule(data, data.members[m], data.shifts[s], by_member[m]):
            return True
        by_member[m].append(s)
    return False
