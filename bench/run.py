"""Benchmark the solver against the greedy baseline on generated S, M, L and XL teams.

`make bench` (python -m bench.run) runs every solve in its own subprocess, so that peak memory
(ru_maxrss) belongs to that solve alone, and writes bench/results.md. Not a timed test.
Options: --sizes S,M --seeds 0,1 --levels 0.9,1.0,1.3 (generator tightness) --workers 2,8
(S and M; L and XL use --big-workers). Tightness 1.0 = demand equal to the generator's capacity
estimate, an upper estimate (see scheduler/generate.py): tight; 0.9 = just below it; 1.3 = well
past it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
from pathlib import Path

RESULTS = Path(__file__).parent / "results.md"
TARGETS = {"S": "proven optimal < 2 s", "M": "proven optimal < 10 s",
           "L": "within 1% of bound in 30 s", "XL": "feasible in 20 s, within 5% in 60 s"}


def one(size: str, seed: int, workers: int, limit: float, method: str, level: float) -> dict:
    """Run one solve in this process and return its measurements (called in the child)."""
    import time

    from bench.distribution import distribution
    from scheduler.check import verify
    from scheduler.generate import generate
    from scheduler.greedy import greedy
    from scheduler.io import instance_to_dict, solution_to_dict
    from scheduler.model import Options
    from scheduler.solve import solve

    inst = generate(size, seed, tightness=level)
    start = time.perf_counter()
    sol = greedy(inst) if method == "greedy" else solve(inst, Options(limit, workers, seed))
    wall = time.perf_counter() - start
    obj = sol.objective
    gap = None
    if sol.bound is not None:
        gap = (obj.unmet - sol.bound) / max(obj.unmet, 1)
    proven = "".join("P" if st.get("status") == "optimal" else "-" for st in sol.stages)
    as_dicts = instance_to_dict(inst), solution_to_dict(sol)
    check = "ok" if verify(*as_dicts).ok else "FAILED"
    return {"size": size, "seed": seed, "level": level, "workers": workers, "limit": limit,
            "method": method, "proven": proven or "-",
            "lns_s": sol.stages[0].get("lns_s") if sol.stages else None,
            "lp_bound": sol.stages[0].get("relax_bound") if sol.stages else None,
            "lp_s": sol.stages[0].get("relax_s") if sol.stages else None,
            "status": sol.status.value, "first_s": sol.time_to_first_s, "wall_s": wall,
            "unmet": obj.unmet, "bound": sol.bound, "gap": gap,
            "max_rel_dose": obj.max_relative_dose, "diversity": obj.diversity,
            "fair_max": obj.fairness_max, **distribution(*as_dicts), "check": check,
            "repeats": obj.repeats, "preferences": obj.preferences,
            "stages": [f"{s['name']}:{s['status']}" for s in sol.stages],
            "members": len(inst.members), "shifts": len(inst.shifts),
            "demand": sum(s.people for s in inst.shifts),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_child(size, seed, workers, limit, method, level) -> dict:
    """Run one() in a fresh Python process and parse its JSON line."""
    cmd = [sys.executable, "-m", "bench.run", "--child", size, str(seed), str(workers),
           str(limit), method, str(level)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).parents[1],
                          timeout=limit * 4 + 300)
    if done.returncode != 0:
        return {"size": size, "seed": seed, "level": level, "workers": workers, "method": method,
                "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> list[str]:
    """CPU model, cores, RAM, Python and ortools versions, date."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    from importlib.metadata import version

    return [f"- CPU: {cpu}, {os.cpu_count()} cores", f"- RAM: {int(mem) / 1024 ** 2:.1f} GiB",
            f"- Python {platform.python_version()}, ortools {version('ortools')}",
            f"- Date: {dt.date.today().isoformat()}"]


def _fmt(x, digits=2):
    if x is None:
        return "-"
    return f"{x:.{digits}f}" if isinstance(x, float) else str(x)


def table(rows: list[dict]) -> list[str]:
    """Markdown table of the runs."""
    head = ("| size | level | seed | method | workers | status | stages proven | first s | wall s "
            "| lns s | lp s | unmet | lp bound | bound | gap | max rel dose | fair max | median "
            "| p90 | diversity | repeats | prefs | peak MB | check |")
    out = [head, "|" + "---|" * 24]
    for r in rows:
        if "error" in r:
            out.append(f"| {r['size']} | {r['level']} | {r['seed']} | {r['method']} | "
                       f"{r['workers']} | error: {r['error']} |" + " |" * 18)
            continue
        out.append("| " + " | ".join([
            r["size"], str(r["level"]), str(r["seed"]), r["method"], str(r["workers"]),
            r["status"], r["proven"], _fmt(r["first_s"]), _fmt(r["wall_s"]), _fmt(r["lns_s"]),
            _fmt(r.get("lp_s")), str(r["unmet"]), _fmt(r.get("lp_bound"), 0), _fmt(r["bound"], 0),
            _fmt(r["gap"], 4), _fmt(r["max_rel_dose"], 4), _fmt(r["fair_max"], 4),
            _fmt(r["median"], 4), _fmt(r["p90"], 4), str(r["diversity"]),
            str(r["repeats"]), str(r["preferences"]), _fmt(r["peak_mb"], 0), r["check"]]) + " |")
    return out


def main(argv=None) -> int:
    """Run the benchmark matrix and write bench/results.md."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=6)
    parser.add_argument("--sizes", default="S,M,L,XL")
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--workers", default="2,8")
    parser.add_argument("--big-workers", default="2")
    parser.add_argument("--levels", default="0.9,1.0,1.3")
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)
    if args.child:
        size, seed, workers, limit, method, level = args.child
        print(json.dumps(one(size, int(seed), int(workers), float(limit), method, float(level))))
        return 0
    from scheduler.generate import PRESETS

    rows = []
    for size in args.sizes.split(","):
        small = size in ("S", "M")
        seeds = args.seeds.split(",") if small else args.seeds.split(",")[:1]
        workers = args.workers if small else args.big_workers
        for level, seed in [(float(x), int(s)) for x in args.levels.split(",") for s in seeds]:
            rows.append(run_child(size, seed, 0, 0, "greedy", level))
            for w in map(int, workers.split(",")):
                rows.append(run_child(size, seed, w, PRESETS[size].time_limit_s, "cp-sat", level))
                print(*table(rows[-1:])[2:], flush=True)
    text = ["# Rotation solver benchmark", "", *machine(), "", *table(rows), ""]
    Path(args.out).write_text("\n".join(text) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
