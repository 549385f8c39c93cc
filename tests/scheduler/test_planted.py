"""Whenever a feasible rotation is known to exist, the solver leaves no demand unmet.

The known rotation is planted: a generated team's greedy rota, confirmed by the independent
verifier, becomes the demand itself (each shift needs exactly the people greedy put on it).
"""
import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler import solve
from scheduler.check import verify
from scheduler.generate import GenParams, generate
from scheduler.greedy import greedy
from scheduler.io import instance_to_dict, load_instance, solution_to_dict
from scheduler.model import Options

teams = st.builds(GenParams, members=st.integers(2, 8), categories=st.integers(2, 10),
                  days=st.integers(2, 5), tightness=st.floats(0.5, 1.5))


def planted(seed_instance) -> tuple[dict, dict]:
    """(instance, known rotation): demand rewritten to exactly what a verified rota covers."""
    as_dict = instance_to_dict(seed_instance)
    rota = solution_to_dict(greedy(seed_instance))
    assert verify(copy.deepcopy(as_dict), copy.deepcopy(rota)).ok
    staffed: dict[str, int] = {}
    for a in rota["assignments"]:
        staffed[a["shift"]] = staffed.get(a["shift"], 0) + 1
    as_dict["shifts"] = [{**s, "people": staffed[s["id"]]} for s in as_dict["shifts"] if s["id"] in staffed]
    as_dict["pins"] = []
    known = {**rota, "unmet": [], "objective": None}
    assert verify(copy.deepcopy(as_dict), known).ok  # the plant is a real, rule-abiding rotation
    return as_dict, known


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=teams, seed=st.integers(0, 10_000))
def test_no_unmet_demand_when_a_feasible_rotation_exists(params, seed):
    instance, _known = planted(generate(params, seed))
    solution = solution_to_dict(solve(load_instance(instance), Options(time_limit_s=2, workers=2, seed=0)))
    assert solution["objective"]["unmet"] == 0 and solution["unmet"] == []
    assert verify(instance, solution).ok
