"""gunicorn settings read from the working directory (./scripts/bench, and production started here)."""

import gc


def post_worker_init(worker):
    # Start-up objects live as long as the worker: keep full collections from stalling requests
    # (docs/decisions/0006-process-start-up-work.md).
    gc.collect()
    gc.freeze()
    gc.set_threshold(7000, 20, 20)
