"""gunicorn settings for a traced soak only (python -m bench.soak --servers --trace): gunicorn.conf.py's
hooks, plus tracemalloc in every worker and a heap snapshot a minute into VERSTAS_SOAK_TRACE.
One frame per allocation unless VERSTAS_SOAK_TRACE_FRAMES says more (deep call chains cost most of
the throughput).

Never used in production: the snapshots cost time and memory of their own. The soak compares each
worker's snapshot at a third of the run with its last one to name the allocation sites that grew.
"""

import gc
import os
import runpy
import time
import tracemalloc
from pathlib import Path

_deployment = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
on_starting = _deployment["on_starting"]
child_exit = _deployment["child_exit"]
EVERY = 60
_next = {"at": 0.0, "count": 0}


def post_worker_init(worker):
    _deployment["post_worker_init"](worker)
    tracemalloc.start(int(os.environ.get("VERSTAS_SOAK_TRACE_FRAMES", "1")))
    _next["at"] = time.monotonic() + EVERY


def post_request(worker, req, environ, resp):
    if time.monotonic() < _next["at"]:
        return
    gc.collect()
    folder = Path(os.environ["VERSTAS_SOAK_TRACE"])
    tracemalloc.take_snapshot().dump(str(folder / f"{worker.pid}-{_next['count']:03d}.snapshot"))
    _next["count"] += 1
    _next["at"] = time.monotonic() + EVERY
