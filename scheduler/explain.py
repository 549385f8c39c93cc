"""Why a shift is short, and why pins conflict, in words a manager understands.

Reasons are computed from the data and the final assignment, not from CP-SAT cores: for each
member not on an unmet shift we ask rules.blocking_rule "would adding this member to this shift
break a rule, and which one first?".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from scheduler.model import Conflict, Pin, Unmet
from scheduler.prepare import Prepared
from scheduler.rules import blocking_rule

FREE_PROVEN = "assigned elsewhere: taking this shift too would leave a more severe shift short"
FREE_UNPROVEN = "could take it; the solver did not reach this within its time limit"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _phrase(reason: str, n: int) -> str:
    """Turn one reason and its count into part of a sentence, e.g. '3 are unavailable'."""
    verb = "is" if n == 1 else "are"
    if reason.startswith("unavailable"):
        return f"{n} {verb} unavailable"
    if reason.startswith("opted out"):
        return f"{n} opted out"
    if reason.startswith("not opted in"):
        return f"{n} {'has' if n == 1 else 'have'} not opted in"
    if reason.startswith("at "):
        return f"{n} {verb} at their {reason[3:]}"
    if reason == "needs recovery days":
        return f"{n} {'needs' if n == 1 else 'need'} recovery days"
    if reason in (FREE_PROVEN, FREE_UNPROVEN):
        return f"{n} {verb} needed on other shifts" if reason == FREE_PROVEN else \
            f"{n} could still be added"
    return f"{n} {reason}"


def summarize(data: Prepared, s: int, missing: int, reasons: Iterable[str]) -> str:
    """One plain-language sentence for an unmet shift."""
    sd = data.shifts[s]
    head = (f"{sd.cat.name} on {data.day_label(sd.day)} needs "
            f"{_plural(missing, 'more person', 'more people')}")
    counts = Counter(r if not r.startswith("unavailable") else "unavailable" for r in reasons)
    if not counts:
        return f"{head}: there is no one else in the team."
    parts = [_phrase(r, n) for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return f"{head}: {', '.join(parts)}."


def explain_unmet(data: Prepared, pairs: Iterable[tuple[int, int]], proven: bool) -> tuple:
    """Explain every shift with missing people.

    Args:
        data: Prepared data.
        pairs: The final assignment as (member index, shift index).
        proven: Whether stage 1 (unmet demand) was proven optimal; decides how members who
            could still take the shift are described.

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
            excluded[md.member.id] = reason or (FREE_PROVEN if proven else FREE_UNPROVEN)
        out.append(Unmet(sd.shift.id, missing, summarize(data, sd.idx, missing,
                                                         excluded.values()), excluded))
    return tuple(out)


def pin_conflict(data: Prepared, pins: list[Pin]) -> Conflict:
    """Describe a set of pins that cannot all be kept, naming the rule they break together."""
    reason, who = "a hard rule", pins[0].member
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
                                 f"Together they break a rule for {who}: {reason}.")


def pins_conflicting(data: Prepared) -> bool:
    """True if some member's pins, taken together, break a hard rule (checked by the rules)."""
    by_member: dict[int, list[int]] = defaultdict(list)
    for pin in data.instance.pins:
        m, s = data.member_index[pin.member], data.shift_index[pin.shift]
        if blocking_rule(data, data.members[m], data.shifts[s], by_member[m]):
            return True
        by_member[m].append(s)
    return False
