"""The shared conformance examples (copied into data/ so a fresh clone can run them)."""

import json
from pathlib import Path

import pytest

from scheduler import Status, load_instance, solve
from scheduler.check import verify
from scheduler.io import solution_to_dict, validate_solution_dict
from scheduler.model import Options

DATA = Path(__file__).parent / "data"
OPTS = Options(time_limit_s=4, workers=2, seed=0)


def _solve(name):
    raw = json.loads((DATA / name).read_text())
    sol = solve(load_instance(raw), OPTS)
    as_dict = solution_to_dict(sol)
    report = verify(raw, json.loads(json.dumps(as_dict)))
    assert report.ok, report.violations
    return sol


@pytest.mark.alone
def test_planted_example_is_fully_staffed():
    sol = _solve("planted-7.json")
    assert sol.objective.unmet == 0
    assert sol.unmet == ()
    assert sol.bound == 0


@pytest.mark.alone
def test_tight_example_reaches_the_proven_least_unmet_demand():
    sol = _solve("tight-7.json")
    assert sol.objective.unmet == 587
    assert sol.bound == 587
    assert sol.stages[0]["status"] == "optimal"
    assert all(u.summary and u.excluded for u in sol.unmet)
    assert sol.status in (Status.OPTIMAL, Status.FEASIBLE)


def test_planted_reference_solution_is_valid_format():
    validate_solution_dict(json.loads((DATA / "planted-7.solution.json").read_text()))
