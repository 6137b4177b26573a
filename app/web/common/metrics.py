"""Prometheus metrics at /metrics: requests, latency and server errors per endpoint, and the queues
that wait for a coach.

Under gunicorn with several workers, set PROMETHEUS_MULTIPROC_DIR (an empty folder, before the server
starts; gunicorn.conf.py empties it and tidies after dead workers) and /metrics sums every worker.
Without it each worker counts alone. /metrics answers only a request from this host that came past
no proxy, or one with `Authorization: Bearer <METRICS_TOKEN>` when that is set; anything else gets 404.
"""

import hmac
import os
import time

from flask import Response, abort, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from app.core.db import db
from competence.models import RecognitionRequest, RecognitionStatus
from courses.models import Submission, SubmissionStatus

REQUESTS = Counter("verstas_requests_total", "HTTP requests answered", ["endpoint", "method", "status"])
ERRORS = Counter("verstas_request_errors_total", "HTTP requests answered with a 5xx status", ["endpoint"])
LATENCY = Histogram("verstas_request_duration_seconds", "Time to answer a request", ["endpoint"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
LOOPBACK = {"127.0.0.1", "::1"}


class QueueCollector:
    """Items waiting for a coach, counted in the database when /metrics is read (the same for every worker)."""

    def collect(self):
        try:
            submissions = db.session.scalar(select(func.count(Submission.id))
                                            .where(Submission.status == SubmissionStatus.SUBMITTED))
            requests = db.session.scalar(select(func.count(RecognitionRequest.id))
                                         .where(RecognitionRequest.status == RecognitionStatus.SENT))
        except DBAPIError:
            return  # the database is away: the request metrics still answer, /readyz says why
        waiting = GaugeMetricFamily("verstas_queue_waiting", "Items waiting for a coach", labels=["queue"])
        waiting.add_metric(["submissions_to_review"], submissions or 0)
        waiting.add_metric(["recognition_requests"], requests or 0)
        yield waiting


def _allowed() -> bool:
    token = current_app.config.get("METRICS_TOKEN") or ""
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    came_through_proxy = "X-Forwarded-For" in request.headers or "Forwarded" in request.headers
    return request.remote_addr in LOOPBACK and not came_through_proxy


def metrics():
    if not _allowed():
        abort(404)
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        for collector in (REQUESTS, ERRORS, LATENCY):
            registry.register(collector)
    registry.register(QueueCollector())
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


def init_app(app) -> None:
    @app.before_request
    def _start():
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _count(response):
        if "metrics_started" in g:
            endpoint = request.endpoint or "none"
            REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
            LATENCY.labels(endpoint).observe(time.perf_counter() - g.metrics_started)
            if response.status_code >= 500:
                ERRORS.labels(endpoint).inc()
        return response

    app.add_url_rule("/metrics", "metrics", metrics)
