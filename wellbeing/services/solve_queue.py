"""Solve jobs on RQ: the web enqueues the job's id, an RQ worker (`flask jobs worker`) runs it.

The database row stays the record of the job; Redis only carries the id to a worker. A worker that
dies (SIGKILL, out of memory, the machine) cannot say so, so while it solves it writes a heartbeat
on the row; a row whose heartbeat has gone stale is failed by whoever looks at it next. RQ's job
timeout (the job's time limit plus SOLVE_TIMEOUT_MARGIN_S) stops a job that runs past its limit.
"""
import math
import os
import socket
import threading
from contextlib import contextmanager
from datetime import datetime, timezone

from flask import Flask, current_app
from redis.exceptions import RedisError
from rq import Queue, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus

from wellbeing.extensions import db
from wellbeing.models import SolveJob
from wellbeing.ops.redis_client import redis_for
from wellbeing.services import solving

STALE_BEATS = 4  # heartbeats missed before a running job counts as lost
WORKER_DIED = ("The solver worker stopped while solving (it was killed or lost); nothing was changed. "
               "Generate again.")
QUEUE_DOWN = "The solve queue is not answering, so the solve could not start; nothing was changed. Try again shortly."

_worker_app: Flask | None = None  # set by run_worker, inherited by the forked work horses


def _queue(app: Flask) -> Queue:
    return Queue(app.config["RQ_QUEUE"], connection=redis_for(app))


def rq_job_id(app: Flask, job_id: int) -> str:
    """The RQ job id of a solve job: the queue's name (unique per installation) and the row's id."""
    return f"{app.config['RQ_QUEUE']}-solve-{job_id}"


class RqRunner:
    """Jobs go to the RQ queue, first in first out, for any number of workers on any host."""

    def __init__(self, app: Flask):
        self.app = app

    def submit(self, app: Flask, job: SolveJob) -> None:
        timeout = math.ceil(job.time_limit_s) + app.config["SOLVE_TIMEOUT_MARGIN_S"]
        try:
            _queue(app).enqueue("wellbeing.services.solve_queue.perform", job.id, job_id=rq_job_id(app, job.id),
                                job_timeout=timeout, result_ttl=0, failure_ttl=86400,
                                description=f"rotawell {job.kind} job {job.id}")
        except RedisError:
            app.logger.exception("could not enqueue solve job %s", job.id)
            solving.fail_lost_job(job.id, QUEUE_DOWN)

    def lost_reason(self, job: SolveJob) -> str | None:
        """A running job whose heartbeat stopped, or a queued one RQ no longer holds, is lost."""
        if job.state == "running":
            last = solving._aware(job.heartbeat_at or job.started_at or job.created_at)
            stale_after = STALE_BEATS * self.app.config["SOLVE_HEARTBEAT_S"]
            return WORKER_DIED if (solving._now() - last).total_seconds() > stale_after else None
        return self._queued_lost_reason(job)

    def _queued_lost_reason(self, job: SolveJob) -> str | None:
        try:
            status = Job.fetch(rq_job_id(self.app, job.id), connection=redis_for(self.app)).get_status()
        except NoSuchJobError:
            status = None
        except RedisError:  # the queue is down for now: the job may still run when it is back
            return None
        if status in (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.DEFERRED, JobStatus.SCHEDULED):
            return None
        db.session.refresh(job)  # it may have started and finished between the two reads
        if job.state != "queued":
            return None
        return "The solve was lost from the queue before a worker took it; nothing was changed. Generate again."


@contextmanager
def heartbeat(app: Flask, job_id: int):
    """Write the job's heartbeat every SOLVE_HEARTBEAT_S seconds while the body runs."""
    stop, interval = threading.Event(), app.config["SOLVE_HEARTBEAT_S"]

    def beat():
        while not stop.wait(interval):
            try:
                with db.engine.begin() as connection:
                    connection.execute(db.update(SolveJob).where(SolveJob.id == job_id)
                                       .values(heartbeat_at=datetime.now(timezone.utc)))
            except Exception:  # noqa: BLE001  a missed beat is retried; many make the job stale
                app.logger.warning("heartbeat of solve job %s failed", job_id, exc_info=True)
    thread = threading.Thread(target=beat, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def perform(job_id: int) -> None:
    """RQ's entry point, in the work horse: run the job with a heartbeat on fresh connections."""
    from wellbeing import create_app
    app = _worker_app or create_app()
    with app.app_context():
        db.engine.dispose(close=False)  # connections inherited through fork belong to the parent
        try:
            with heartbeat(app, job_id):
                solving.run_job(job_id)
        finally:
            db.session.remove()


def _horse_killed(job: Job, _pid: int, status: int, _rusage) -> None:
    """The work horse died without a word (SIGKILL, out of memory): fail its job now."""
    job_id = int(job.id.rsplit("-", 1)[1])
    signal_text = f" (signal {os.WTERMSIG(status)})" if status and os.WIFSIGNALED(status) else ""
    current_app.logger.error("the work horse of solve job %s died%s", job_id, signal_text)
    solving.fail_lost_job(job_id, WORKER_DIED)


def run_worker(app: Flask, burst: bool = False) -> None:
    """Work the app's queue until stopped (or, with `burst`, until it is empty)."""
    global _worker_app
    _worker_app = app
    name = f"{app.config['RQ_QUEUE']}-{socket.gethostname()}-{os.getpid()}"
    worker = Worker([_queue(app)], connection=redis_for(app), name=name, work_horse_killed_handler=_horse_killed,
                    job_monitoring_interval=5)
    db.engine.dispose()  # the horses fork from here: no connection of ours is shared with them
    worker.work(burst=burst, logging_level=os.environ.get("LOG_LEVEL", "INFO"))
