"""The spread of relative 28-day dose over a team, read from instance and solution JSON.

Uses the independent verifier's arithmetic (scheduler/check/), not the solver's, so the same
function reads rotas of any solver version (bench/results.md compares before and after).
"""

from __future__ import annotations

import statistics

from scheduler.check.parse import parse_instance, parse_solution
from scheduler.check.objective import fairness_max, max_relative_dose, member_shares
from scheduler.check.rules import structure


def distribution(instance: dict, solution: dict) -> dict:
    """Median, 90th percentile and maximum of every member's relative dose, plus fairness_max."""
    problem = parse_instance(instance)
    _, plan = structure(problem, parse_solution(solution))
    shares = sorted(float(s) for s, _ in member_shares(problem, plan))
    p90 = shares[min(len(shares) - 1, int(0.9 * len(shares)))] if shares else 0.0
    return {"median": statistics.median(shares) if shares else 0.0, "p90": p90,
            "max": float(max_relative_dose(problem, plan)),
            "fair_max_check": float(fairness_max(problem, plan))}
