"""On large teams the LP bound fits inside stage 1's time or does not run: it never takes the
later stages' time or runs past the time limit (on a machine half as fast, XL 1.0 in 60 s spent
22 s on an LP that proved nothing, ended 5 s late, and no later stage ran)."""

import importlib
import time

from scheduler.check import verify
from scheduler.generate import generate
from scheduler.greedy import greedy_pairs
from scheduler.io import instance_to_dict, solution_to_dict
from scheduler.model import Options, Term
from scheduler.prepare import prepare
from scheduler.relax import RelaxBound, stage_one_bound

solve_module = importlib.import_module("scheduler.solve")
LIMIT = 6.0


def _large_path(monkeypatch):
    """An M team solved as XL is: no full model, the sequential start, moves, then the LP."""
    monkeypatch.setattr(solve_module, "small_model", lambda data: False)
    monkeypatch.setattr(solve_module, "RELAX_FIRST_MAX_PAIRS", 0)
    return generate("M", 0, tightness=1.3)


def test_the_lp_is_told_to_end_with_stage_one(monkeypatch):
    inst = _large_path(monkeypatch)
    monkeypatch.setattr(solve_module, "relax_need", lambda run: 1.0, raising=False)
    # no pass and no moves before the LP, so a loaded machine cannot leave it too little time
    monkeypatch.setattr(solve_module, "sequential_start",
                        lambda data, prices, until, end: (set(greedy_pairs(data)), {"passes": []}))
    monkeypatch.setattr(solve_module, "improve_unmet", lambda data, best, *args, **kw: best)
    asked = []

    def recording_lp(data, seconds, integral=False, until=None):
        asked.append(until)
        return RelaxBound(None, None, "PDLP", "none", 0.0)

    monkeypatch.setattr(solve_module, "stage_one_bound", recording_lp)
    start = time.perf_counter()
    sol = solve_module.solve(inst, Options(LIMIT, 2, 0))
    assert len(asked) == 1 and asked[0] is not None
    stage_one_end = start + sol.time_to_first_s + 0.7 * (LIMIT - sol.time_to_first_s)
    assert asked[0] <= stage_one_end + 0.05  # the later stages' 30% is never the LP's
    assert sol.stages[1]["status"] == "feasible"  # fairness had its share


def test_an_lp_that_cannot_finish_in_time_is_skipped_and_the_later_stages_run(monkeypatch):
    inst = _large_path(monkeypatch)
    monkeypatch.setattr(solve_module, "RELAX_NEED", 1e6)
    sol = solve_module.solve(inst, Options(LIMIT, 2, 0))
    first = sol.stages[0]
    assert first["relax_status"] == "skipped" and first["relax_need_s"] > LIMIT
    assert sol.bound is None  # nothing was proven, and nothing is claimed
    assert [stage["name"] for stage in sol.stages] == [term.label for term in Term]
    assert sol.stages[1]["status"] == "feasible" and sol.stages[1]["moves"] > 0
    report = verify(instance_to_dict(inst), solution_to_dict(sol))
    assert report.ok, report.violations


def test_a_bound_asked_for_after_its_time_starts_no_solve():
    data = prepare(generate("S", 0, tightness=1.3))
    late = stage_one_bound(data, 5.0, until=time.perf_counter())
    assert late.status == "none" and late.bound is None and late.prices == {}
    in_time = stage_one_bound(data, 5.0, until=time.perf_counter() + 60)
    assert in_time.status == "optimal" and in_time.bound == stage_one_bound(data, 5.0).bound
