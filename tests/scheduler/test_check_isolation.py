"""The verifier (scheduler/check/) shares no code with the solver: importing it loads none."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOLVER = ("ortools", "scheduler.solve", "scheduler.prepare", "scheduler.rules",
          "scheduler.constraints", "scheduler.objective", "scheduler.fairness",
          "scheduler.polish", "scheduler.lns", "scheduler.moves", "scheduler.relax",
          "scheduler.greedy", "scheduler.explain", "scheduler.pins", "scheduler.linear")


def _loaded(code: str) -> list[str]:
    probe = (f"import sys; {code}; "
             f"print([m for m in {SOLVER!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return eval(done.stdout)  # noqa: S307 - our own list of names


def test_importing_the_verifier_loads_no_solver_module():
    assert _loaded("import scheduler.check") == []
    assert _loaded("from scheduler import verify") == []


def test_the_solver_is_still_one_attribute_away_whichever_import_comes_first():
    assert "scheduler.solve" in _loaded("import scheduler; assert callable(scheduler.solve)")
    # the submodule imported first must not replace the public solve() function
    code = ("import inspect, scheduler.solve; from scheduler import solve; "
            "assert inspect.isfunction(solve), type(solve)")
    assert "scheduler.solve" in _loaded(code)
