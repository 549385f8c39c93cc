"""Many generated instances: every solution passes the independent verifier, beats greedy."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler import solve
from scheduler.check import verify
from scheduler.generate import generate
from scheduler.greedy import greedy
from scheduler.io import instance_to_dict, load_instance, solution_to_dict
from tests.scheduler.strategies import FAST, small_teams


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=small_teams, seed=st.integers(0, 10_000))
def test_solutions_keep_every_hard_rule_and_never_lose_to_greedy(params, seed):
    inst = generate(params, seed)
    as_dict = instance_to_dict(inst)
    assert load_instance(as_dict) == inst
    sol = solve(inst, FAST)
    report = verify(copy.deepcopy(as_dict), solution_to_dict(sol))
    assert report.ok, report.violations
    assert sol.objective.unmet <= greedy(inst).objective.unmet
    members = {m.id: m for m in inst.members}
    shifts = {s.id: s for s in inst.shifts}
    for a in sol.assignments:
        assert shifts[a.shift].day not in members[a.member].unavailable
    for u in sol.unmet:
        assert set(u.excluded) | {a.member for a in sol.assignments if a.shift == u.shift} \
            == set(members)


@settings(max_examples=10, deadline=None)
@given(params=small_teams, seed=st.integers(0, 10_000))
def test_greedy_keeps_every_hard_rule(params, seed):
    inst = generate(params, seed)
    report = verify(instance_to_dict(inst), solution_to_dict(greedy(inst)))
    assert report.ok, report.violations


def test_generator_is_seeded_and_presets_have_their_sizes():
    assert generate("S", 3) == generate("S", 3)
    assert generate("S", 3) != generate("S", 4)
    for size, (members, cats, days) in {"S": (12, 8, 5), "M": (60, 10, 5)}.items():
        inst = generate(size, 0)
        assert (len(inst.members), len(inst.categories), len(inst.days)) == (members, cats, days)
    big = generate("L", 0)
    assert any(c.requires_opt_in for c in big.categories)
    assert any(m.reduced_load for m in big.members)
