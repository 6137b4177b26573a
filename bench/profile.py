"""Profile pages of the benchmark's data set in-process with pyinstrument (issue 7: fix the cause).

    python -m bench.profile [--summary bench/data/bench.db.json] [-n 50] [--html out.html] PAGE...
    python -m bench.profile --ratios [-n 150] PAGE...

PAGE is `who:path`, where who is learner, coach or anon, e.g. `learner:/learn/` or `coach:/coach/reviews`.
Each page is requested once to warm up, then n times under the profiler; the median time per request
and the call tree are printed. With --ratios nothing is profiled: the pages and /healthz are requested
in turn, n rounds, and each page's median CPU time and its ratio to /healthz's are printed; taking them
in turn lets the machine's drifting speed fall on all alike, so two commits (one in a git worktree)
can be compared. Run `./scripts/bench` once first: it builds the data set.
"""

import argparse
import json
import statistics
import time
from pathlib import Path

from bench.run import CSRF, ROOT


def bench_app(summary):
    from app import create_app
    from config import DevelopmentConfig

    config = type("BenchConfig", (DevelopmentConfig,), {"SQLALCHEMY_DATABASE_URI": summary["database_url"],
                                                        "DEMO_MODE": False,
                                                        "VERIFY_LIMIT": "1000000 per minute"})
    return create_app(config)


def signed_in_client(app, summary, who):
    client = app.test_client()
    if who in ("learner", "coach"):
        html = client.get("/sign-in").get_data(as_text=True)
        match = CSRF.search(html)
        response = client.post("/sign-in", data={"csrf_token": match.group(1) or match.group(2),
                                                 "username": summary[who], "password": summary["password"]})
        assert response.status_code == 302, f"sign-in as {who} failed"
    return client


def main(argv=None):
    from pyinstrument import Profiler

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--summary", default=str(ROOT / "bench" / "data" / "bench.db.json"))
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    parser.add_argument("--no-profile", action="store_true", help="only the median time per request")
    parser.add_argument("--ratios", action="store_true", help="pages in turn with /healthz: CPU time and ratio")
    args = parser.parse_args(argv)
    summary = json.loads(Path(args.summary).read_text())
    app = bench_app(summary)
    if args.ratios:
        ratios(app, summary, args.pages, args.n)
        return
    clients = {}
    for page in args.pages:
        who, _, path = page.partition(":")
        client = clients.setdefault(who, signed_in_client(app, summary, who))
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{page} answered {response.status_code}")
        times, cpu = [], []
        for _ in range(args.n):
            started, started_cpu = time.perf_counter(), time.thread_time()
            client.get(path)
            times.append(time.perf_counter() - started)
            cpu.append(time.thread_time() - started_cpu)
        # CPU time is the steadier figure when other processes share the machine.
        print(f"{page}: median {statistics.median(times) * 1000:.2f} ms, best {min(times) * 1000:.2f} ms, "
              f"CPU median {statistics.median(cpu) * 1000:.2f} ms")
        if args.no_profile:
            continue
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.n):
            client.get(path)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        if args.html:
            Path(args.html).write_text(profiler.output_html())


def ratios(app, summary, pages, rounds):
    """Each page's median CPU time per request and /healthz's median over its own, all taken in turn."""
    pages = ["anon:/healthz", *[page for page in pages if page != "anon:/healthz"]]
    clients, times = {}, {page: [] for page in pages}
    for page in pages:
        who, _, path = page.partition(":")
        client = clients.setdefault(who, signed_in_client(app, summary, who))
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{page} answered {response.status_code}")
    for _ in range(rounds):
        for page in pages:
            who, _, path = page.partition(":")
            started = time.thread_time()
            clients[who].get(path)
            times[page].append(time.thread_time() - started)
    baseline = statistics.median(times["anon:/healthz"])
    for page in pages:
        median = statistics.median(times[page])
        print(f"{page:45} {median * 1000:6.2f} ms CPU  x{baseline / median:.2f}")


if __name__ == "__main__":
    main()
