"""Manual edits checked by the solver's own rules: "may this member take this shift, given the
rota as it stands?".

A manager's pin, assignment or swap is answered by rules.blocking_rule on the instance the app
would solve, so a hand-made week keeps exactly the rules a solved one keeps (one rule engine).
"""

from __future__ import annotations

from typing import Iterable

from scheduler.model import Assignment, Instance, Reason, Solution, Status
from scheduler.prepare import prepare
from scheduler.rules import blocking_rule

_CONSENT_VERBS = {"unavailable": "is", "not_opted_in": "has", "already_assigned": "is"}
_OWN_WORDS = ("opted_out", "consecutive_days", "recovery_days")


def edit_refusal(instance: Instance, assignments: Iterable[Assignment], member: str,
                 shift: str) -> Reason | None:
    """The rule that adding `member` to `shift` would break, given the other assignments.

    Args:
        instance: The week as the solver sees it (members, shifts, history, limits).
        assignments: The rota as it stands; the member's own place on `shift`, if any, is
            ignored, so a swap is checked as "remove, then add".
        member: The member's id in the instance.
        shift: The shift's id in the instance.

    Returns:
        None when the member may take the shift, else the first Reason broken.

    Raises:
        KeyError: `member` or `shift` is not in the instance.
    """
    data = prepare(instance)
    m, s = data.member_index[member], data.shift_index[shift]
    taken = [data.shift_index[a.shift] for a in assignments
             if a.member == member and a.shift != shift and a.shift in data.shift_index]
    return blocking_rule(data, data.members[m], data.shifts[s], taken)


def refusal_sentence(reason: Reason, who: str) -> str:
    """A refused edit in words, naming the person: "Gus Berg opted out of CBRN."."""
    if reason.code in _CONSENT_VERBS:
        return f"{who} {_CONSENT_VERBS[reason.code]} {reason.text}."
    if reason.code in _OWN_WORDS:
        return f"{who} {reason.text}."
    return f"This would put {who} over their {reason.text.removeprefix('at ')}."


def evaluate_rota(instance: Instance, assignments: Iterable[Assignment]) -> Solution:
    """The solution a rota as it stands amounts to: its unmet places explained, its terms recomputed.

    Args:
        instance: The week as the solver sees it.
        assignments: The rota as it stands (a solved one, edited by hand); unknown ids are kept
            out of the terms and left for the verifier to report.

    Returns:
        A Solution with status "feasible" (a hand-edited rota is proven nothing), no bound, the
        given assignments, and unmet shifts and objective terms computed from them.
    """
    from scheduler.explain import FREE_BY_HAND, explain_unmet
    from scheduler.objective import evaluate

    data = prepare(instance)
    assignments = tuple(assignments)
    pairs = [(data.member_index[a.member], data.shift_index[a.shift]) for a in assignments
             if a.member in data.member_index and a.shift in data.shift_index]
    return Solution(status=Status.FEASIBLE, assignments=assignments,
                    unmet=explain_unmet(data, pairs, proven=False, free=FREE_BY_HAND),
                    objective=evaluate(data, pairs))
