"""The independent verifier: checks a rotation against every hard rule and its objective terms.

It re-reads the JSON format on its own (check/parse.py, check/model.py), re-states each hard rule
(check/rules.py, check/windows.py) and recomputes the objective (check/objective.py) with exact
arithmetic, sharing no code with the solver's constraints or objective, so that the two can
catch each other's misreadings.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

from scheduler.check import rules, windows
from scheduler.check.parse import parse_instance, parse_solution
from scheduler.check.model import Answer, CheckInputError, Problem
from scheduler.check.objective import compare, recompute

NO_ROTATION = ("infeasible", "unknown")
RULES = (rules.eligibility, rules.daily_caps, rules.weekly_caps, windows.rolling_dose,
         windows.consecutive_days, windows.recovery_days, rules.pins_kept)

__all__ = ["CheckInputError", "CheckReport", "run_check", "verify"]


@dataclass(frozen=True)
class CheckReport:
    """What the verifier found: broken rules in words, and the objective terms it recomputed."""

    violations: list[str] = field(default_factory=list)
    objective: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no hard rule is broken and every reported term matches."""
        return not self.violations


def _violations(problem: Problem, answer: Answer, plan: rules.Plan, found: list[str]) -> list[str]:
    """Applies rules 1-8; an empty rotation with no-rotation status is accepted as it stands."""
    if answer.status in NO_ROTATION and not answer.assignments:
        if answer.unmet:  # a solver may still list the shortfall; then it must be right
            found += rules.unmet_list(problem, plan, answer)
        return found
    for rule in RULES:
        found += rule(problem, plan)
    found += rules.unmet_list(problem, plan, answer)
    if answer.status not in NO_ROTATION and answer.objective is not None:
        found += compare(answer.objective, problem, plan)
    return found


def verify(instance: dict, solution: dict) -> CheckReport:
    """Checks a solution against its instance, independently of the solver.

    Args:
        instance: the instance as plain JSON values (rotawell-instance/1).
        solution: the solution as plain JSON values (rotawell-solution/1). A missing
            `objective` is recomputed but not compared.

    Returns:
        A CheckReport; `ok` is True when every hard rule holds and every reported objective
        term matches its recomputed value (skipped for infeasible/unknown status).

    Raises:
        CheckInputError: (a ValueError) when either dict lacks a field the verifier needs;
            the message starts with the JSON path.
    """
    problem = parse_instance(instance)
    answer = parse_solution(solution)
    found, plan = rules.structure(problem, answer)
    found = _violations(problem, answer, plan, found)
    return CheckReport(found, recompute(problem, plan))


def _load(path: str, what: str) -> dict:
    """Reads one JSON file, turning the usual failures into a one-line reason."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        raise CheckInputError(f"cannot read {what} file {path}: {e.strerror or e}") from None
    except ValueError as e:
        raise CheckInputError(f"{what} file {path} is not valid JSON: {e}") from None


def _validate(instance: dict, solution: dict) -> None:
    """Runs the shared format validation when scheduler.io exists; the verifier's own follows."""
    try:
        from scheduler import io as scheduler_io
    except ModuleNotFoundError as e:
        if e.name not in ("scheduler.io",):
            raise
        return
    scheduler_io.validate_instance_dict(instance)
    scheduler_io.validate_solution_dict(solution)


def run_check(instance_path: str, solution_path: str) -> int:
    """Checks a solution file against an instance file and prints the verdict.

    Args:
        instance_path: path of a rotawell-instance/1 JSON file.
        solution_path: path of a rotawell-solution/1 JSON file.

    Returns:
        0 when everything holds, 1 when a rule or objective term is broken (one line per
        violation on stdout), 2 for an input error (`error: ...` on stderr).
    """
    try:
        instance = _load(instance_path, "instance")
        solution = _load(solution_path, "solution")
        _validate(instance, solution)
        report = verify(instance, solution)
    except ValueError as e:  # CheckInputError, scheduler.io.FormatError, JSON errors
        print(f"error: {e}", file=sys.stderr)
        return 2
    if report.ok:
        count = len(solution["assignments"])
        print(f"OK: {count} assignments, all hard rules hold, objective terms match")
        return 0
    for line in report.violations:
        print(line)
    return 1
