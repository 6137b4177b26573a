"""A bounded soak: does a worker's memory level off? python -m bench.soak [--minutes M] [--servers [--postgres]]

With --servers the soak runs in the deployment's shape instead: gunicorn workers (on PostgreSQL with
--postgres) under a paced mix of anonymous, learner, coach and admin requests, RSS per worker from
/proc every 30 s (bench/soak_servers.py). Without it, in one process as follows.

Serves the demo's main pages round after round with tracemalloc on, in one process as one gunicorn
worker would, and prints after each round the process's RSS and the Python heap; at the end the
allocation sites that grew most between the first and the last round. Growth that stops after the
first rounds is caches filling; growth that goes on in every round is a leak.
"""

import argparse
import gc
import os
import tempfile
import time
import tracemalloc
from pathlib import Path

PAGES = {
    None: ["/", "/sign-in", "/verify", "/accessibility", "/readyz"],
    "demo-learner": ["/learn/", "/learn/skills", "/learn/certificates", "/learn/steps/TET-M1-L1"],
    "demo-coach": ["/coach/", "/coach/reviews"],
}


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def build(folder: Path):
    os.environ.update({"VERSTAS_ENV": "development", "VERSTAS_DEMO": "1",
                       "DATABASE_URL": f"sqlite:///{folder / 'soak.db'}", "VERSTAS_STORAGE": str(folder / "storage")})
    from app import create_app
    from app.core.accounts.demo import create_demo_data
    from app.core.db import db
    from app.demo import create_demo_history
    from competence import signing_keys
    from courses.content_import import import_content

    app = create_app()
    with app.app_context():
        db.create_all()
        import_content(Path(app.config["CONTENT_DIR"]))
        create_demo_data()
        db.session.flush()
        create_demo_history()
        db.session.commit()
    signing_keys.create_signing_key(str(folder / "storage" / "keys"))
    return app


def clients(app):
    from app.core.accounts.demo import DEMO_PASSWORD
    from bench.inprocess import signed_in_client

    made = {who: signed_in_client(app, who, DEMO_PASSWORD) for who in PAGES}
    for who, paths in PAGES.items():
        for path in paths:
            status = made[who].get(path).status_code
            if status != 200:
                raise SystemExit(f"{path} as {who} answered {status}")
    return made


def one_round(made, requests: int) -> int:
    done = 0
    while done < requests:
        for who, paths in PAGES.items():
            for path in paths:
                made[who].get(path)
                done += 1
    return done


def main(minutes: float = 3.0, per_round: int = 400) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = build(Path(folder))
        made = clients(app)
        one_round(made, per_round)  # warm-up: templates, translations, content snapshots
        gc.collect()
        tracemalloc.start(1)
        first = tracemalloc.take_snapshot()
        started, total = time.monotonic(), 0
        print("minute  requests  rss_mib  python_heap_mib", flush=True)
        while time.monotonic() - started < minutes * 60:
            total += one_round(made, per_round)
            gc.collect()
            heap = tracemalloc.get_traced_memory()[0] / 2**20
            print(f"{(time.monotonic() - started) / 60:6.2f}  {total:8d}  {rss_mib():7.1f}  {heap:15.2f}", flush=True)
        last = tracemalloc.take_snapshot()
        print("largest growth by allocation site (first round to last):")
        for stat in last.compare_to(first, "lineno")[:8]:
            frame = stat.traceback[-1] if stat.traceback else None
            print(f"  {stat.size_diff / 1024:8.1f} KiB  {stat.count_diff:6d} blocks  {frame}")


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("minutes_given", nargs="?", type=float, help="the same as --minutes")
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--servers", action="store_true", help="gunicorn workers under paced load, not in-process")
    parser.add_argument("--postgres", action="store_true", help="with --servers: a throwaway PostgreSQL cluster")
    parser.add_argument("--rate", type=float, default=70.0, help="with --servers: requests a second")
    parser.add_argument("--workers", type=int, default=2, help="with --servers: gunicorn sync workers")
    parser.add_argument("--max-requests", type=int, default=0, help="with --servers: gunicorn's --max-requests")
    parser.add_argument("--trace", action="store_true", help="with --servers: tracemalloc snapshots in each worker")
    args = parser.parse_args(argv)
    if args.minutes_given is not None:
        args.minutes = args.minutes_given
    return args


if __name__ == "__main__":
    options = arguments()
    if options.servers:
        from bench import soak_servers

        soak_servers.main(options)
    else:
        main(options.minutes)
