"""`python -m scheduler solve INSTANCE [-o OUT] [--time-limit S]`, `... check INSTANCE SOLUTION` and
`... bound INSTANCE [--time-limit S]` (lower bounds on unmet demand, to read a rota's gap with more time
than a solve has).

Bad input prints one line, `error: <json path>: <message>`, and exits with status 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scheduler",
                                     description="Rotawell rotation solver and verifier.")
    sub = parser.add_subparsers(dest="command", required=True)
    solve = sub.add_parser("solve", help="solve an instance and write the solution JSON")
    solve.add_argument("instance")
    solve.add_argument("-o", "--output", help="solution file (default: stdout)")
    solve.add_argument("--time-limit", type=float, help="seconds (overrides options.time_limit_s)")
    solve.add_argument("--workers", type=int, help="CP-SAT workers (overrides options.workers)")
    check = sub.add_parser("check", help="verify a solution against its instance")
    check.add_argument("instance")
    check.add_argument("solution")
    bound = sub.add_parser("bound", help="lower bounds on unmet demand: the LP relaxation and the Lagrangian")
    bound.add_argument("instance")
    bound.add_argument("--time-limit", type=float, default=30.0, help="seconds for each bound (default 30)")
    return parser


def _solve(args) -> int:
    from scheduler.io import load_instance, solution_to_dict
    from scheduler.solve import solve

    instance = load_instance(args.instance)
    opts = instance.options
    if args.time_limit is not None:
        if args.time_limit <= 0:
            raise ValueError("--time-limit: must be > 0")
        opts = dataclasses.replace(opts, time_limit_s=args.time_limit)
    if args.workers is not None:
        if args.workers < 1:
            raise ValueError("--workers: must be >= 1")
        opts = dataclasses.replace(opts, workers=args.workers)
    text = json.dumps(solution_to_dict(solve(instance, opts)), indent=2)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    else:
        print(text)
    return 0


def _bound(args) -> int:
    """Print both bounds as JSON; the larger is the one to quote (each is a valid lower bound alone)."""
    from scheduler.io import load_instance
    from scheduler.lagrange import lagrangian_bound
    from scheduler.prepare import prepare
    from scheduler.relax import stage_one_bound

    if args.time_limit <= 0:
        raise ValueError("--time-limit: must be > 0")
    data = prepare(load_instance(args.instance))
    lp = stage_one_bound(data, args.time_limit)
    lagrange = lagrangian_bound(data, args.time_limit, prices=lp.prices or None)
    found = [b for b in (lp.bound, lagrange.bound) if b is not None]
    print(json.dumps({"lp": {"bound": lp.bound, "solver": lp.solver, "wall_s": lp.wall_s},
                      "lagrangian": {"bound": lagrange.bound, "steps": lagrange.steps, "wall_s": lagrange.wall_s},
                      "bound": max(found) if found else None}, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "solve":
            return _solve(args)
        if args.command == "bound":
            return _bound(args)
        from scheduler.check import run_check

        return run_check(args.instance, args.solution)
    except ValueError as exc:  # FormatError and PinError are ValueErrors
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
