"""gunicorn settings read from the working directory (./scripts/bench, and production started here)."""

import gc
import os
from pathlib import Path


def on_starting(server):
    # Prometheus's multiprocess mode sums the files in this folder: counts of an earlier run must go.
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        for stale in Path(folder).glob("*.db"):
            stale.unlink()


def post_worker_init(worker):
    # Start-up objects live as long as the worker: keep full collections from stalling requests
    # (docs/decisions/0006-process-start-up-work.md).
    gc.collect()
    gc.freeze()
    gc.set_threshold(7000, 20, 20)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
