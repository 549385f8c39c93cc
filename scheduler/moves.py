"""Run neighbourhood moves on both cores: one move per thread, on members no other move holds.

A move re-optimises a few members (lns.py for unmet demand, polish.py for the later terms) with
everyone else fixed. Members interact only through shift places, so two moves on disjoint
members can run at once: CP-SAT releases the GIL while it solves (measured: two 2 s solves in
two threads took 2.1 s). A finished move is merged into the *current* rota (the other thread
may have changed it meanwhile): the chosen members' shifts are replaced by the move's. The
merged rota breaks no per-member rule (each member's shifts come whole from one source); it is
dropped if it puts more people on a shift than it needs, or if its `key` is worse.

The moves stop at the deadline, when `done` says so, when a move over every member was proven
optimal (then no move can do better), or after `patience` moves in a row without a better key.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ortools.sat.python import cp_model

from scheduler.prepare import Prepared

SIZE_STEP = 5  # neighbourhood growth after a proven move, shrink after a timed-out one


@dataclass
class MoveStats:
    """What a run of moves did (for the stage reports and the benchmark)."""

    tried: int = 0
    kept: int = 0      # moves that changed the rota


@dataclass
class _Shared:
    best: set
    key: object                       # key(best), kept so that it is computed once per rota
    busy: set = field(default_factory=set)
    stats: MoveStats = field(default_factory=MoveStats)
    error: BaseException | None = None
    stale: int = 0      # moves in a row without a better key
    finished: bool = False


def solve_move(model: cp_model.CpModel, v, pairs, seed: int, seconds: float,
               presolve: bool = True):
    """Solve a move's sub-model hinted with the incumbent, on one worker.

    Args:
        model: The sub-model with its objective set.
        v: Its variables (constraints.Vars).
        pairs: The incumbent rota, for the hints.
        seed: CP-SAT's random seed.
        seconds: Time limit (at least 0.05 s).
        presolve: Run CP-SAT's presolve (lns.py turns it off for its small sub-models).

    Returns:
        (the chosen members' new pairs or None if nothing was found, proven optimal?).
    """
    for key, x in v.x.items():
        model.add_hint(x, key in pairs)
    for var, value_of in v.derived:
        model.add_hint(var, value_of(pairs))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # measured: 1 worker per move beats 2, 4 and 8
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.cp_model_presolve = presolve
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, False
    return {key for key, x in v.x.items() if solver.boolean_value(x)}, status == cp_model.OPTIMAL


def move_threads(opts) -> int:
    """Threads of moves: the requested workers (scheduler.model.Options), at most the cores."""
    return max(1, min(opts.workers, os.cpu_count() or 1))


def over_covered(data: Prepared, pairs, shifts) -> bool:
    """True if one of `shifts` has more people than it needs in `pairs`."""
    count = Counter(s for _, s in pairs if s in shifts)
    return any(n > data.shifts[s].shift.people for s, n in count.items())


def run_moves(data: Prepared, pairs, pick: Callable, move: Callable, key: Callable,
              deadline: float, threads: int, sizes: tuple[int, int], seed: int,
              done: Callable = lambda key: False,
              patience: int | None = None) -> tuple[set, MoveStats]:
    """Improve `pairs` by moves in `threads` threads (see the module docstring).

    Args:
        data: Prepared data.
        pairs: A rota that breaks no hard rule.
        pick: pick(best, busy, size, rng) -> set of member indices (none of them busy).
        move: move(best, chosen, seconds) -> (new pairs of the chosen members or None,
            proven optimal?).
        key: key(rota) -> a comparable value, lower is better; a merged rota replaces the
            incumbent when its key is no higher.
        deadline: time.perf_counter() value at which to stop.
        threads: Number of threads (each runs one single-worker CP-SAT move at a time).
        sizes: (smallest, starting) neighbourhood size in members.
        seed: Seed of the threads' random choices.
        done: Stop early when done(key of the incumbent) is true (e.g. unmet demand reached
            its bound).
        patience: Stop after this many moves in a row without a lower key (None: never).

    Returns:
        (best rota, statistics); the rota is `pairs` or one with a key no higher.
    """
    shared, lock = _Shared(best=set(pairs), key=key(pairs)), threading.Lock()

    def land(new: set, chosen: set, proven: bool) -> None:
        """Merge a finished move into the current rota (called under the lock)."""
        shared.stats.tried += 1
        better = False
        if new is not None:
            merged = {p for p in shared.best if p[0] not in chosen} | new
            if not over_covered(data, merged, {s for _, s in new}):
                now = key(merged)
                if now <= shared.key:
                    shared.stats.kept += merged != shared.best
                    better = now < shared.key
                    shared.best, shared.key = merged, now
        shared.stale = 0 if better else shared.stale + 1
        everyone = proven and len(chosen) == len(data.members)
        if everyone or (patience is not None and shared.stale >= patience):
            shared.finished = True

    def worker(k: int) -> None:
        rng, size = random.Random(seed * 1000 + k), sizes[1]
        while deadline - time.perf_counter() > 0.2:
            with lock:
                if shared.finished or shared.error or done(shared.key):
                    return
                snapshot = set(shared.best)
                chosen = pick(snapshot, shared.busy, size, rng)
                shared.busy |= chosen
            if not chosen:
                time.sleep(0.01)
                continue
            try:
                new, proven = move(snapshot, chosen, deadline - time.perf_counter() - 0.1)
            finally:
                with lock:
                    shared.busy -= chosen
            with lock:
                land(new, chosen, proven)
            size = min(len(data.members), size + SIZE_STEP) if proven \
                else max(sizes[0], size - SIZE_STEP)

    def guarded(k: int) -> None:
        try:
            worker(k)
        except BaseException as exc:  # re-raised in the calling thread below
            shared.error = exc

    pool = [threading.Thread(target=guarded, args=(k,), daemon=True) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    if shared.error:
        raise shared.error
    return shared.best, shared.stats
