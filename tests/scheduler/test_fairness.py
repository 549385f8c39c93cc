"""Fairness (term 2) sees everyone: a member whose history alone is over the limit does not
freeze the term, so the others' load is still balanced (solver, moves and verifier)."""

import time
from fractions import Fraction

from scheduler.check import verify
from scheduler.io import instance_to_dict, solution_to_dict
from scheduler.model import Category, HistoryEntry, Instance, Limits, Member, Options, Shift
from scheduler.objective import Term
from scheduler.polish import improve_stage, score
from scheduler.prepare import prepare
from scheduler.solve import solve

DAYS = ("2026-11-30", "2026-12-01", "2026-12-02")
BIAS = Category("bias", "Bias", 2, 8, 40, 5)
LIMIT = 80  # Limits().max_dose_28d; Bias weighs 1 dose point per hour


def _instance() -> Instance:
    """Three 4-hour shifts; `over` is past the 28-day limit from history; `keen` prefers Bias."""
    over = Member("over", 8, 40, history=(HistoryEntry("2026-11-20", "bias", 8),
                                          *(HistoryEntry(f"2026-11-{d}", "bias", 8)
                                            for d in range(10, 20))))
    members = (over, Member("keen", 8, 40, prefer=("bias",)), Member("b", 8, 40),
               Member("c", 8, 40))
    shifts = tuple(Shift(f"s{i}", "bias", day, 4, 1) for i, day in enumerate(DAYS))
    return Instance(days=DAYS, categories=(BIAS,), members=members, shifts=shifts,
                    limits=Limits(), options=Options(4, 2, 0))


def _doses(solution) -> dict[str, Fraction]:
    """Planned dose points per member (4-hour Bias shifts)."""
    out = {}
    for a in solution.assignments:
        out[a.member] = out.get(a.member, 0) + 4
    return out


def test_history_over_the_limit_does_not_stop_the_others_being_balanced():
    inst = _instance()
    sol = solve(inst)
    report = verify(instance_to_dict(inst), solution_to_dict(sol))
    assert report.ok, report.violations
    assert sol.objective.unmet == 0
    assert sol.objective.max_relative_dose > 1  # `over`'s history, which no rota can lower
    doses = _doses(sol)
    assert "over" not in doses
    # three shifts for three free members: balanced means no one carries two, even though
    # `keen` would like all three (preferences come after fairness)
    assert max(doses.values()) == 4
    assert sol.objective.fairness_max == round(4 / LIMIT, 4)


def test_fairness_moves_balance_the_load_when_history_sets_the_maximum():
    inst = _instance()
    data = prepare(inst)
    keen = data.member_index["keen"]
    start = {(keen, s) for s in range(3)}
    best, stats = improve_stage(data, start, Term.FAIRNESS, Options(4, 1, 0),
                                time.perf_counter() + 2)
    assert score(data, best)[Term.UNMET] == 0
    assert score(data, best)[Term.FAIRNESS] < score(data, start)[Term.FAIRNESS]
    held = [m for m, _ in best]
    assert max(held.count(m) for m in set(held)) == 1
    assert stats.kept >= 1


def test_the_verifier_recomputes_both_fairness_parts_on_its_own():
    inst = _instance()
    sol = solve(inst)
    as_dict = solution_to_dict(sol)
    report = verify(instance_to_dict(inst), as_dict)
    over_ratio = Fraction(88, 80)
    assert report.objective["fairness_max"] == 4 / LIMIT
    assert abs(report.objective["fairness_squares"]
               - float(over_ratio ** 2 + 3 * Fraction(4, 80) ** 2)) < 1e-9
    as_dict["objective"]["fairness_squares"] += 0.01
    (line,) = verify(instance_to_dict(inst), as_dict).violations
    assert "'fairness_squares'" in line and "recomputed" in line
