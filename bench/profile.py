"""Profile pages of the benchmark's data set in-process with pyinstrument, to find what a page spends on.

    python -m bench.profile [--summary bench/data/bench.db.json] [--database-url URL] [-n 50] [--html out.html] PAGE...
    python -m bench.profile --ratios [-n 150] PAGE...

PAGE is `who:path`, where who is learner, coach, admin or anon, e.g. `learner:/learn/` or `coach:/coach/reviews`.
Each page is requested once to warm up, then n times under the profiler; the median time per request
and the call tree are printed. With --ratios nothing is profiled: the pages and the baseline page
(bench/baseline, as large as My path) are requested in turn, n rounds, and each page's median CPU time
and the baseline's over it are printed; taking them in turn lets the machine's drifting speed fall on
all alike, so two commits (one in a git worktree) can be compared. Run `./scripts/bench` once first:
it builds the data set.
"""

import argparse
import json
import statistics
import time
from pathlib import Path

from bench.inprocess import signed_in_client as signed_in
from bench.run import accounts_of, bench_app
from bench.servers import ROOT


def signed_in_client(app, summary, who):
    """A client of app signed in as the data set's learner, coach or admin (anonymous for anything else)."""
    return signed_in(app, accounts_of(summary).get(who), summary["password"])


def main(argv=None):
    from pyinstrument import Profiler

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--summary", default=str(ROOT / "bench" / "data" / "bench.db.json"))
    parser.add_argument("--database-url", help="the data set's database, if not the summary's")
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    parser.add_argument("--no-profile", action="store_true", help="only the median time per request")
    parser.add_argument("--ratios", action="store_true", help="pages in turn with the baseline page: CPU time, ratio")
    args = parser.parse_args(argv)
    summary = json.loads(Path(args.summary).read_text())
    summary["database_url"] = args.database_url or summary["database_url"]
    app = bench_app(summary["database_url"])
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
    """Each page's median CPU time per request and the baseline page's median over its own, all in turn."""
    from bench.baseline.app import create_app as create_baseline

    clients, times = {}, {page: [] for page in pages}
    for page in pages:
        who, _, path = page.partition(":")
        client = clients.setdefault(who, signed_in_client(app, summary, who))
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{page} answered {response.status_code}")
    my_path = clients.setdefault("learner", signed_in_client(app, summary, "learner")).get("/learn/")
    baseline = create_baseline(summary["database_url"], summary["learner_id"], len(my_path.get_data())).test_client()
    requests = {page: (clients[page.partition(":")[0]], page.partition(":")[2]) for page in pages}
    requests["baseline page"], times["baseline page"] = (baseline, "/"), []
    for _ in range(rounds):
        for name, (client, path) in requests.items():
            started = time.thread_time()
            client.get(path)
            times[name].append(time.thread_time() - started)
    base = statistics.median(times["baseline page"])
    for name in requests:
        median = statistics.median(times[name])
        print(f"{name:45} {median * 1000:6.2f} ms CPU  x{base / median:.2f}")


if __name__ == "__main__":
    main()
