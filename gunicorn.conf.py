"""gunicorn settings read from the working directory (./scripts/bench, and production started here)."""

import gc


def post_worker_init(worker):
    # Everything the app built at start-up (routes, templates, the content snapshots' code) lives as
    # long as the worker: take it out of the collector's reach, and collect young objects less often,
    # so that full collections do not stall requests (they showed as p99 spikes in ./scripts/bench).
    gc.collect()
    gc.freeze()
    gc.set_threshold(7000, 20, 20)
