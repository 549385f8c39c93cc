"""Before / after: the same generated instances solved by two versions of `scheduler/`.

    python -m bench.compare --code before=/tmp/before --code after=. --out rows.jsonl \
        --cases S:0.9,S:1.0,M:0.9 [--seed 0]

Each `--code NAME=DIR` is a directory holding a `scheduler/` package (e.g. `git archive` of an
older commit); every solve is `python -m scheduler solve --time-limit T --workers 2` run there
in its own process (S, M 10 s; L 30 s; XL 60 s). The rota is read with this checkout's
verifier and bench/distribution.py, so both versions are measured with the same arithmetic.
One JSON line per solve, with the 1-minute load average before it started and after it ended. Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

LIMITS = {"S": 10, "M": 10, "L": 30, "XL": 60}


def load() -> float:
    """The 1-minute load average."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def measure(inst: dict, sol: dict) -> dict:
    """Check a rota with this checkout's verifier and read its dose distribution."""
    from bench.distribution import distribution
    from scheduler.check import verify

    report = verify(inst, sol)
    obj = sol.get("objective", {})
    stages = sol.get("stages") or [{}]
    return {"check": "ok" if report.ok else "FAILED", "unmet": obj.get("unmet"),
            "bound": sol.get("bound"), "diversity": obj.get("diversity"),
            "repeats": obj.get("repeats"), "preferences": obj.get("preferences"),
            "fairness_squares": obj.get("fairness_squares"),
            "first_s": sol.get("time_to_first_s"), "wall_s": sol.get("wall_s"),
            "lp_bound": stages[0].get("relax_bound"), "lp": stages[0].get("relax_status"),
            "later_skipped": [s["name"] for s in stages[1:] if s.get("status") == "skipped"],
            **distribution(inst, sol)}


def solve_with(code: Path, inst_path: Path, limit: float, workers: int) -> dict:
    """Run `python -m scheduler solve` from `code` and return the solution dict."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([sys.executable, "-m", "scheduler", "solve", str(inst_path), "-o",
                        out.name, "--time-limit", str(limit), "--workers", str(workers)],
                       cwd=code, check=True, capture_output=True, timeout=limit * 4 + 300)
        return json.loads(Path(out.name).read_text())


def main(argv=None) -> int:
    """Solve every case with every code version, greedy first; append JSON lines to --out."""
    from scheduler.generate import generate
    from scheduler.greedy import greedy
    from scheduler.io import instance_to_dict, solution_to_dict

    parser = argparse.ArgumentParser()
    parser.add_argument("--code", action="append", required=True, help="NAME=DIR")
    parser.add_argument("--cases", required=True, help="SIZE:LEVEL,...")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    codes = [(name, Path(d).resolve()) for name, d in (c.split("=", 1) for c in args.code)]
    with open(args.out, "a") as out, tempfile.TemporaryDirectory() as tmp:
        for case in args.cases.split(","):
            size, level = case.split(":")
            inst = generate(size, args.seed, tightness=float(level))
            inst_dict = instance_to_dict(inst)
            inst_path = Path(tmp) / f"{size}-{level}.json"
            inst_path.write_text(json.dumps(inst_dict))
            rows = [("greedy", None, solution_to_dict(greedy(inst)))]
            for name, code in codes:
                before = load()
                sol = solve_with(code, inst_path, LIMITS[size], args.workers)
                rows.append((name, (before, load()), sol))
            for name, loads, sol in rows:
                row = {"instance": f"{size} {level}", "rota": name, "load": loads,
                       **measure(inst_dict, sol)}
                out.write(json.dumps(row) + "\n")
                out.flush()
                print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
