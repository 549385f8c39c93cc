"""The shared conformance example planted-7 (copied into check_data so a fresh clone has it)."""

import json

import pytest

from scheduler.check import verify
from tests.scheduler.test_check_property import brute
from tests.scheduler.test_check_rules import DATA


def planted() -> tuple[dict, dict]:
    """Fresh copies of the planted-7 instance and its published solution."""
    return (json.loads((DATA / "planted-7.json").read_text()),
            json.loads((DATA / "planted-7.solution.json").read_text()))


def test_planted_solution_is_accepted():
    inst, sol = planted()
    report = verify(inst, sol)
    assert report.violations == []


def test_planted_objective_agrees_with_the_brute_force_reading():
    # the example file reports no objective terms, so they are recomputed twice, independently
    inst, sol = planted()
    broken, terms = brute(inst, sol)
    assert broken == set()
    floats = ("max_relative_dose", "fairness_max", "fairness_squares")
    assert verify(inst, sol).objective == {
        **terms, **{k: pytest.approx(terms[k]) for k in floats}}
    assert {k: v for k, v in terms.items() if k not in floats[1:]} == {
        "unmet": 0, "max_relative_dose": pytest.approx(0.95), "diversity": 385, "repeats": 4,
        "preferences": 2}


def test_planted_solution_with_its_terms_reported_is_accepted():
    inst, sol = planted()
    sol["objective"] = {"unmet": 0, "max_relative_dose": 0.95, "diversity": 385, "repeats": 4,
                        "preferences": 2}
    assert verify(inst, sol).ok


def test_dropping_a_planted_assignment_leaves_the_unmet_list_wrong():
    inst, sol = planted()
    gone = sol["assignments"].pop(0)
    (line,) = verify(inst, sol).violations
    assert gone["shift"] in line and "not listed" in line


def test_a_solver_rotation_of_tight_7_with_its_shortfall_is_accepted():
    # produced by scheduler.solve on 2026-11-25; 587 is the README's proven optimum of term (1)
    inst = json.loads((DATA / "tight-7.json").read_text())
    sol = json.loads((DATA / "tight-7.solution.json").read_text())
    report = verify(inst, sol)
    assert report.violations == []
    assert report.objective["unmet"] == sol["objective"]["unmet"] == 587
    broken, terms = brute(inst, sol)
    assert broken == set()
    assert terms == {**report.objective, "max_relative_dose": pytest.approx(29 / 30),
                     "fairness_max": pytest.approx(report.objective["fairness_max"]),
                     "fairness_squares": pytest.approx(report.objective["fairness_squares"])}
