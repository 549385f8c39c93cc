"""The rota as it stands, through the scheduler: may this edit be made, what the week now amounts to,
and whether the independent verifier accepts it. The rules live in scheduler/; nothing is re-stated here.

Does not commit: the calling use case owns the transaction.
"""
import json
import re

from flask import current_app

from scheduler import Assignment as RotaPlace
from scheduler import load_instance, verify
from scheduler.edits import edit_refusal, evaluate_rota, refusal_sentence
from scheduler.io import solution_to_dict
from wellbeing.models import Rotation, Shift, User
from wellbeing.scheduling import build_instance, member_key, record_solution, shift_key, team_members


def _time_limit(rotation: Rotation) -> float:
    if rotation.instance_json:
        return json.loads(rotation.instance_json).get("options", {}).get("time_limit_s", 10)
    return current_app.config["SOLVER_TIME_LIMIT_S"]


def current_instance(rotation: Rotation) -> dict:
    """The week as the solver would see it now (members, demand, pins, history up to today)."""
    return build_instance(rotation, _time_limit(rotation))


def rota(rotation: Rotation, without: tuple[int, int] | None = None) -> list[RotaPlace]:
    """Every (member, shift) place on the grid, optionally leaving one (user id, shift id) out."""
    return [RotaPlace(member_key(a.user_id), shift_key(s.id)) for s in rotation.shifts for a in s.assignments
            if (a.user_id, s.id) != without]


def refusal(shift: Shift, user: User, without: tuple[int, int] | None = None) -> str | None:
    """Why `user` may not take `shift` given the rota as it stands (minus `without`), in words; None if they may."""
    instance = load_instance(current_instance(shift.rotation))
    reason = edit_refusal(instance, rota(shift.rotation, without), member_key(user.id), shift_key(shift.id))
    return None if reason is None else refusal_sentence(reason, user.name)


def refresh(rotation: Rotation) -> dict:
    """Re-store the instance and solution from the grid as it stands, so downloads, exports and page agree."""
    instance = current_instance(rotation)
    solution = solution_to_dict(evaluate_rota(load_instance(instance), rota(rotation)))
    rotation.instance_json = json.dumps(instance, indent=1)
    rotation.solution_json = json.dumps(solution, indent=1)
    record_solution(rotation, solution)
    return solution


def broken_rules(rotation: Rotation) -> list[str]:
    """What the independent verifier finds wrong with the week as it stands (empty: every rule kept).

    The stored instance and solution are first brought up to the grid and the members' settings and
    logs as they are now, so what is verified is exactly what would be published."""
    instance = current_instance(rotation)
    stored = json.loads(rotation.solution_json) if rotation.solution_json else None
    if (stored is None or rotation.instance_json is None or json.loads(rotation.instance_json) != instance
            or _places(stored) != {(a.member, a.shift) for a in rota(rotation)}):
        refresh(rotation)
    try:
        found = verify(json.loads(rotation.instance_json), json.loads(rotation.solution_json)).violations
    except ValueError as error:  # CheckInputError: a field the verifier needs is missing
        found = [str(error)]
    return [_readable(line, rotation) for line in found]


def _places(solution: dict) -> set[tuple[str, str]]:
    return {(a["member"], a["shift"]) for a in solution["assignments"]}


def _readable(line: str, rotation: Rotation) -> str:
    """The verifier's line with member and shift keys shown as names ('u12' -> 'Gus Berg')."""
    names = {member_key(u.id): u.name for u in team_members(rotation)}
    shifts = {shift_key(s.id): f"{s.category.name} {s.day.strftime('%a %d %b')}" for s in rotation.shifts}
    line = re.sub(r"\bs\d+\b", lambda m: shifts.get(m.group(), m.group()), line)
    return re.sub(r"\bu\d+\b", lambda m: names.get(m.group(), m.group()), line)
