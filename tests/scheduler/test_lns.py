"""Large-neighbourhood search: moves keep every hard rule and never raise unmet demand."""

import time

import pytest

from scheduler.check import verify
from scheduler.explain import explain_unmet
from scheduler.generate import generate
from scheduler.greedy import greedy_pairs
from scheduler.io import instance_to_dict, solution_to_dict
from scheduler.lns import improve_unmet, restrict, unmet_of
from scheduler.model import Assignment, Options, Solution, Status
from scheduler.objective import evaluate
from scheduler.prepare import prepare


def _as_solution(data, pairs) -> dict:
    pairs = sorted(pairs)
    return solution_to_dict(Solution(
        status=Status.FEASIBLE,
        assignments=tuple(Assignment(data.members[m].member.id, data.shifts[s].shift.id)
                          for m, s in pairs),
        unmet=explain_unmet(data, pairs, proven=False), objective=evaluate(data, pairs)))


@pytest.mark.alone
def test_lns_improves_on_greedy_and_passes_the_verifier():
    inst = generate("M", 0, tightness=1.3)
    data = prepare(inst)
    start = set(greedy_pairs(data))
    best = improve_unmet(data, start, Options(2, 1, 0), time.perf_counter() + 3)
    assert unmet_of(data, best) < unmet_of(data, start)
    report = verify(instance_to_dict(inst), _as_solution(data, best))
    assert report.ok, report.violations


def test_restrict_frees_only_the_chosen_members():
    data = prepare(generate("S", 1, tightness=1.3))
    pairs = set(greedy_pairs(data))
    chosen = {0, 1}
    sub = restrict(data, chosen, pairs)
    assert {md.idx for md in sub.movable()} == chosen
    assert all(set(sub.eligible[s]) <= chosen for s in sub.eligible)
    for sd, full in zip(sub.shifts, data.shifts):
        fixed = sum(1 for m, s in pairs if s == sd.idx and m not in chosen)
        assert sd.shift.people == max(0, full.shift.people - fixed)
