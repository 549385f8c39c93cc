"""Prometheus metrics at /metrics: request latency by endpoint, solve-job durations, the solve queue.

Under gunicorn several processes serve requests and RQ workers run solves, so gunicorn.conf.py sets
PROMETHEUS_MULTIPROC_DIR before anything is imported: every process then writes its samples there,
/metrics adds them up, and the `child_exit` hook retires a dead worker's files. Without it (the
embedded `make run`) the samples live in the one process.
"""
import os

from flask import Flask
from prometheus_client import CollectorRegistry, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_flask_exporter import PrometheusMetrics
from prometheus_flask_exporter.multiprocess import GunicornInternalPrometheusMetrics

# Not registered globally: each app's registry adds them (or reads them from the multiprocess files).
SOLVE_SECONDS = Histogram("rotawell_solve_job_seconds", "Time a solve job ran, by kind and outcome",
                          ["kind", "outcome"], registry=None,
                          buckets=(1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800))
SOLVE_WAIT_SECONDS = Histogram("rotawell_solve_job_wait_seconds", "Time a solve job waited in the queue",
                               ["kind"], registry=None, buckets=(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600))


class SolveQueueCollector:
    """Solve jobs queued and running, counted in the database (the one record of every job)."""

    def __init__(self, app: Flask):
        self.app = app

    def collect(self):
        from wellbeing.services.job_stats import job_counts
        with self.app.app_context():
            counts = job_counts()
        gauge = GaugeMetricFamily("rotawell_solve_jobs", "Solve jobs waiting or running", labels=["state"])
        for state in ("queued", "running"):
            gauge.add_metric([state], counts.get(state, 0))
        yield gauge


class GunicornMetrics(GunicornInternalPrometheusMetrics):
    """The library's multiprocess /metrics, plus the queue gauge (it builds a fresh registry per scrape)."""

    queue_collector: SolveQueueCollector

    def generate_metrics(self, accept_header=None, names=None):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        registry.register(self.queue_collector)
        if names:
            registry = registry.restricted_registry(names)
        encode, content_type = choose_encoder(accept_header)
        return encode(registry).decode("utf-8"), content_type


def multiprocess() -> bool:
    """True under gunicorn's config, which points every process at one samples directory."""
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def register_metrics(app: Flask) -> PrometheusMetrics:
    """Serve /metrics from this app, aggregated across processes when running multiprocess."""
    registry = CollectorRegistry()
    options = {"group_by": "endpoint", "registry": registry, "excluded_paths": ["^/static/", "^/metrics$"]}
    queue = SolveQueueCollector(app)
    if multiprocess():
        os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)  # a worker or CLI may start first
        metrics = GunicornMetrics(app, **options)
        metrics.queue_collector = queue
    else:
        metrics = PrometheusMetrics(app, **options)
        for collector in (SOLVE_SECONDS, SOLVE_WAIT_SECONDS, queue):
            registry.register(collector)
    app.extensions["rotawell_metrics"] = metrics
    return metrics
