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


def _full_colleagues_team():
    """A holds V and is the only one who may take the unmet U (hate); B, who may not take hate,
    could take V and has a free week; C1-C4 could take V too but each has a full week already."""
    from scheduler.model import Category, Instance, Limits, Member, Shift

    bias = Category("bias", "Bias", 2, 8, 40, 5)
    hate = Category("hate", "Hate", 2, 4, 12, 3)  # not severe: one day leaves no recovery
    day = "2026-11-30"
    members = (Member("A", 8, 8), Member("B", 8, 40, opted_out=("hate",)),
               *(Member(f"C{i}", 4, 4, opted_out=("hate",)) for i in range(1, 5)))
    shifts = (Shift("U", "hate", day, 4, 1), Shift("V", "bias", day, 4, 1),
              *(Shift(f"W{i}", "bias", day, 4, 1) for i in range(1, 5)))
    inst = Instance(days=(day,), categories=(bias, hate), members=members, shifts=shifts,
                    limits=Limits(), options=Options(1, 1, 0))
    data = prepare(inst)
    m, s = data.member_index, data.shift_index
    pairs = {(m["A"], s["V"]), *((m[f"C{i}"], s[f"W{i}"]) for i in range(1, 5))}
    return data, pairs


def test_slack_neighbourhood_brings_the_colleague_with_room_not_the_full_ones():
    import random

    from scheduler.lns import room_left, slack_neighbourhood, unmet_shifts

    data, pairs = _full_colleagues_team()
    unmet, held = unmet_shifts(data, pairs)
    assert [data.shifts[u].shift.id for u in unmet] == ["U"]
    ids = {md.member.id: md.idx for md in data.members}
    assert room_left(data, ids["B"], held[ids["B"]], 0) >= 8  # 40 h and 24 points left: min is 24
    assert room_left(data, ids["C1"], held[ids["C1"]], 0) == 0  # weekly hours used up
    for seed in range(20):
        chosen = slack_neighbourhood(data, unmet, held, 2, random.Random(seed),  # noqa: S311
                                     frozenset())
        assert chosen == {ids["A"], ids["B"]}
    best = improve_unmet(data, pairs, Options(1, 1, 0), time.perf_counter() + 2)
    assert unmet_of(data, best) == 0  # A takes U, B takes V
