"""Solving a rotation off the request thread: queue a job, run it, record its outcome.

The job solves the exact instance stored on the rotation when it was queued. One job interface,
three runners: RQ workers when REDIS_URL is set (wellbeing/services/solve_queue.py), otherwise one
background thread of the web process (the embedded default), or in the request (SOLVE_INLINE, for
tests and the CLI). The job row is the only state, so a page can poll it from any web worker.
"""
import json
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

from flask import current_app

from rq.timeouts import JobTimeoutException
from sqlalchemy import func, select

from scheduler import FormatError, solve
from scheduler.io import load_instance, solution_to_dict
from wellbeing.extensions import db
from wellbeing.models import Rotation, SolveJob
from wellbeing.ops.metrics import SOLVE_SECONDS, SOLVE_WAIT_SECONDS
from wellbeing.scheduling import apply_solution, build_instance
from wellbeing.services.audit import record
from wellbeing.services.write_lock import lock_for_write

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="solve")


class RotationLocked(ValueError):
    """The rotation is published (read-only) or already being solved."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


STALE_AFTER_S = 300  # beyond its time limit, a job still not finished was lost with its process


class InProcessRunner:
    """The embedded default: jobs run on one background thread of the web process, in order."""

    def submit(self, app, job: SolveJob) -> None:
        _executor.submit(_run_in_app, app, job.id)

    def lost_reason(self, job: SolveJob) -> str | None:
        """Why an unfinished job can no longer finish (its process restarted), or None."""
        if (_now() - _aware(job.created_at)).total_seconds() > job.time_limit_s + STALE_AFTER_S:
            return "The solve was interrupted (the server restarted while it ran); nothing was changed. Generate again."
        return None


class InlineRunner(InProcessRunner):
    """Tests and the CLI: the job runs in the request that queued it."""

    def submit(self, app, job: SolveJob) -> None:
        run_job(job.id)


def runner_for(app):
    """The job runner this app is configured for (RQ when REDIS_URL is set)."""
    if app.config.get("SOLVE_INLINE"):
        return InlineRunner()
    if app.config.get("REDIS_URL"):
        from wellbeing.services.solve_queue import RqRunner
        return RqRunner(app)
    return InProcessRunner()


def active_job(rotation: Rotation) -> SolveJob | None:
    """The rotation's queued or running job, if any; one its runner has lost is marked failed."""
    job = db.session.scalar(db.select(SolveJob).where(SolveJob.rotation_id == rotation.id,
                                                      SolveJob.state.in_(("queued", "running"))))
    reason = job and runner_for(current_app).lost_reason(job)
    if reason:
        fail_lost_job(job.id, reason)
        return None
    return job


def fail_lost_job(job_id: int, reason: str) -> bool:
    """Mark an unfinished job failed with `reason`, unless it has finished meanwhile; True if it was."""
    failed = db.session.execute(db.update(SolveJob).where(SolveJob.id == job_id, SolveJob.state.in_(("queued", "running")))
                                .values(state="failed", finished_at=_now(), message=reason)).rowcount
    db.session.commit()
    db.session.expire_all()
    return bool(failed)


def queue_position(job: SolveJob) -> int | None:
    """How many queued jobs (of every team) are ahead of this one; None once it has started."""
    if job.state != "queued":
        return None
    return db.session.scalar(select(func.count()).select_from(SolveJob)
                             .where(SolveJob.state == "queued", SolveJob.id < job.id))


def _aware(moment: datetime) -> datetime:
    # SQLite returns naive datetimes for timezone-aware columns; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def latest_job(rotation: Rotation) -> SolveJob | None:
    """The rotation's most recent job, to show how the last solve ended."""
    return db.session.scalar(db.select(SolveJob).where(SolveJob.rotation_id == rotation.id)
                             .order_by(SolveJob.id.desc()).limit(1))


def queue_solve(actor, rotation: Rotation, time_limit_s: float) -> SolveJob:
    """Store the instance as it is now and queue a job to solve it."""
    if rotation.state == "published":
        raise RotationLocked("This rotation is published; reopen it before solving again.")
    if not rotation.shifts:
        raise RotationLocked("Add some demand (shifts) before generating a rotation.")
    _idle(rotation)
    rotation.instance_json = json.dumps(build_instance(rotation, time_limit_s), indent=1)
    rotation.what_if = None
    return _queue(actor, rotation, "solve", time_limit_s)


def queue_what_if(actor, rotation: Rotation, budget_s: float) -> SolveJob:
    """Queue the search for what would cover the last solve's shortfall (from its stored instance)."""
    if rotation.solution_json is None or not json.loads(rotation.solution_json)["unmet"]:
        raise RotationLocked("Nothing is short in the last solve, so there is nothing to cover.")
    _idle(rotation)
    return _queue(actor, rotation, "what_if", budget_s)


def _idle(rotation: Rotation) -> None:
    lock_for_write(Rotation, rotation.id)  # two managers pressing Generate at once: one job, one refusal
    if active_job(rotation) is not None:
        raise RotationLocked("A solve for this rotation is already running; wait for it to finish.")


def _queue(actor, rotation: Rotation, kind: str, time_limit_s: float) -> SolveJob:
    job = SolveJob(rotation_id=rotation.id, kind=kind, time_limit_s=time_limit_s, state="queued")
    db.session.add(job)
    record(actor, f"rotation.{kind}", rotation, f"time limit {time_limit_s:g} s")
    db.session.commit()
    app = current_app._get_current_object()
    runner_for(app).submit(app, job)
    return job


def _run_in_app(app, job_id: int) -> None:
    with app.app_context():
        try:
            run_job(job_id)
        finally:
            db.session.remove()


def run_job(job_id: int) -> None:
    """Run a queued job to a recorded outcome: done with its summary, or failed at once with a message."""
    started, kind, outcome = time.monotonic(), "unknown", "failed"
    try:
        job = db.session.get(SolveJob, job_id)
        if job.state != "queued":  # settled meanwhile (lost, then picked up late): never solve it twice
            return
        kind, job.state, job.started_at = job.kind, "running", _now()
        db.session.commit()
        SOLVE_WAIT_SECONDS.labels(kind).observe(max(0.0, (_aware(job.started_at) - _aware(job.created_at)).total_seconds()))
        rotation = db.session.get(Rotation, job.rotation_id)
        message = _solve(rotation) if job.kind == "solve" else _what_if(rotation, job.time_limit_s)
        finished = db.session.execute(db.update(SolveJob).where(SolveJob.id == job_id, SolveJob.state == "running")
                                      .values(state="done", finished_at=_now(), message=message)).rowcount
        if not finished:  # declared lost meanwhile (a stalled worker): its result must not land late
            db.session.rollback()
            return
        db.session.commit()
        outcome = "done"
    except Exception as error:  # noqa: BLE001  whatever fails, the job must never be left running
        _fail(job_id, error)
    SOLVE_SECONDS.labels(kind, outcome).observe(time.monotonic() - started)


def _fail(job_id: int, error: Exception) -> None:
    """Record the job as failed with a message for the manager, and log the traceback for the operator."""
    current_app.logger.error("solve job %s failed", job_id, exc_info=error)
    try:
        db.session.rollback()
        job = db.session.get(SolveJob, job_id)
        job.state, job.finished_at, job.message = "failed", _now(), _failure_message(error, job)
        db.session.commit()
    except Exception:  # noqa: BLE001  the database itself is gone; active_job() expires the job later
        current_app.logger.exception("could not record the failure of solve job %s", job_id)
        db.session.rollback()


def _failure_message(error: Exception, job: SolveJob) -> str:
    if isinstance(error, JobTimeoutException):  # RQ stopped the job at its limit
        return (f"The solve ran past its limit ({job.time_limit_s:g} s plus a margin) and was stopped; nothing was "
                "changed. Generate again, or with a shorter time limit.")
    if isinstance(error, FormatError):  # a pin that breaks a rule on its own, named by the scheduler
        return f"The rotation cannot be solved as it stands: {error}"
    return f"The solver stopped with an unexpected error ({type(error).__name__}); nothing was changed."


def _what_if(rotation: Rotation, budget_s: float) -> str:
    from wellbeing.services.what_if import what_it_would_take
    rotation.what_if = what_it_would_take(json.loads(rotation.instance_json), json.loads(rotation.solution_json),
                                          budget_s=budget_s)
    return "Checked what would cover the shortfall."


def _solve(rotation: Rotation) -> str:
    started = time.monotonic()
    solution = solution_to_dict(solve(load_instance(json.loads(rotation.instance_json))))
    solution.setdefault("wall_s", round(time.monotonic() - started, 3))
    rotation.solution_json = json.dumps(solution, indent=1)
    apply_solution(rotation, solution)
    return _summary(solution)


def _summary(solution: dict) -> str:
    unmet = sum(u["missing"] for u in solution["unmet"])
    words = {"optimal": "Optimal rotation found", "feasible": "Good rotation found (not proven optimal)",
             "infeasible": "The pins cannot all be kept", "unknown": "No rotation found in the time limit"}
    tail = f"; {unmet} place(s) could not be filled" if unmet else "; every shift is staffed"
    return words[solution["status"]] + (tail if solution["status"] in ("optimal", "feasible") else "") + "."
