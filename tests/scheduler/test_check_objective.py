"""The five objective terms: recomputed by hand on small cases, and mismatches reported."""

import json

import pytest

from scheduler.check import verify
from tests.scheduler.test_check_rules import DATA, add_shift, assign, history, member, tiny

BASE_TERMS = {"unmet": 0, "max_relative_dose": 0.1333, "diversity": 18, "repeats": 0,
              "preferences": 1}


def reported() -> tuple[dict, dict]:
    """The tiny case with the objective its solution file reports."""
    inst, sol = tiny()
    sol["objective"] = json.loads((DATA / "tiny.solution.json").read_text())["objective"]
    return inst, sol


def test_reported_terms_that_match_are_accepted():
    inst, sol = reported()
    report = verify(inst, sol)
    assert report.ok
    assert {k: report.objective[k] for k in BASE_TERMS} == {
        **BASE_TERMS, "max_relative_dose": pytest.approx(8 / 60)}


@pytest.mark.parametrize("term, value, words", [
    ("unmet", 1, "reported objective term 'unmet' is 1, recomputed 0"),
    ("diversity", 19, "reported objective term 'diversity' is 19, recomputed 18"),
    ("repeats", 1, "reported objective term 'repeats' is 1, recomputed 0"),
    ("preferences", 0, "reported objective term 'preferences' is 0, recomputed 1"),
    ("preferences", 1.5, "reported objective term 'preferences' is 1.5, recomputed 1"),
    ("max_relative_dose", 0.1345, "'max_relative_dose' is 0.1345, recomputed 0.133333"),
    ("max_relative_dose", "high", "'max_relative_dose' is 'high', not a number"),
])
def test_a_misreported_term_is_named_with_both_values(term, value, words):
    inst, sol = reported()
    sol["objective"][term] = value
    (line,) = verify(inst, sol).violations
    assert words in line


def test_dose_ratio_within_a_thousandth_is_accepted_and_integers_need_not_be_ints():
    inst, sol = reported()
    sol["objective"].update(max_relative_dose=0.1343, diversity=18.0)
    assert verify(inst, sol).ok


def test_a_missing_term_is_reported():
    inst, sol = reported()
    del sol["objective"]["repeats"]
    assert verify(inst, sol).violations == ["reported objective lacks term 'repeats' (recomputed 0)"]


def busier() -> tuple[dict, dict]:
    """Tiny plus repeats from history and from the week, an avoider, an idle heavy member."""
    inst, sol = tiny()
    history(inst, "m03", ("2027-01-03", "violence", 1))  # Monday repeats a logged day
    add_shift(inst, "vio-mon-b", "violence", "2027-01-04", 2)
    add_shift(inst, "vio-tue", "violence", "2027-01-05", 2)  # m04 repeats Monday
    add_shift(inst, "bias-wed", "bias", "2027-01-06", 1)  # severity 2: never a repeat
    add_shift(inst, "child-fri", "child", "2027-01-08", 2, 2)  # unstaffed: 2 x severity 4
    for m, s in (("m04", "vio-mon-b"), ("m04", "vio-tue"), ("m02", "bias-wed")):
        assign(sol, m, s)
    sol["unmet"] = [{"shift": "child-fri", "missing": 2, "summary": "only m01 opted in"}]
    member(inst, "m02").update(prefer=["bias"], avoid=["bias"])
    member(inst, "m04")["avoid"] = ["violence"]
    inst["members"].append({"id": "m05", "hours_per_day": 4, "hours_per_week": 10,
                            "reduced_load": True, "history": [
                                {"date": "2026-12-12", "category": "bias", "hours": 27},
                                {"date": "2026-12-11", "category": "bias", "hours": 50}]})
    return inst, sol


def test_terms_recomputed_by_hand_on_a_busier_case():
    report = verify(*busier())
    assert report.ok, report.violations
    # unmet 2 x 4; m05 idle but 27 / (60 x 0.5) with 12-11 outside 12-12..01-08;
    # diversity 11 per shift + 9 per category, m04 has no listed dimension;
    # preferences +1 (m01 jail) + 0 (m02 prefers and avoids bias) - 2 (m04 avoids violence)
    assert {k: report.objective[k] for k in BASE_TERMS} == {
        "unmet": 8, "max_relative_dose": pytest.approx(0.9), "diversity": 20, "repeats": 2,
        "preferences": -1}
    # m05 (0.9) is idle, so the first fairness part is the highest share among those working
    assert report.objective["fairness_max"] < 0.9


def test_diversity_counts_values_of_every_listed_dimension():
    inst, sol = busier()
    inst["diversity"]["dimensions"].append("region")  # m04's region: 2 shifts + violence
    assert verify(inst, sol).objective["diversity"] == 23


def test_the_worst_members_ratio_is_taken_even_if_unassigned():
    inst, sol = busier()
    member(inst, "m05")["reduced_load"] = False
    assert verify(inst, sol).objective["max_relative_dose"] == pytest.approx(27 / 60)
