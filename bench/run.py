"""Measure Verstas page by page beside the baseline app, judge the contract and write the report.

    python -m bench.run --summary bench/data/bench.db.json [--database-url URL] [--strict]

Started by ./scripts/bench once the data set is built. Each page is measured in-process (SQL queries,
size, time alone), then Verstas and the baseline app (bench/baseline, padded to My path's size) are
served by gunicorn with the same settings and wrk loads each page in rounds, each right after a round
of the baseline page. Then the content import and certificate render times. The report goes to
bench/results/<database>-latest.md and .json; with --strict a missed line of the contract exits 1.
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from bench import import_times, inprocess, load, report, servers, targets


def plan_pages(app, summary) -> tuple[list[dict], list[str]]:
    """The pages to measure, by endpoint, and a note for each one the data set cannot show."""
    from flask import url_for

    pages, notes = [], []

    def add(name, who, kind, endpoint, **values):
        pages.append({"name": name, "who": who, "kind": kind, "path": url_for(endpoint, **values)})

    certificate = summary.get("certificate")
    with app.test_request_context():
        add("sign-in page", None, "public", "auth.sign_in")
        add("My path", "learner", "learner", "learner.my_path")
        add("lesson page", "learner", "learner", "learner.step", code=summary["lesson"])
        add("My skills", "learner", "learner", "learner.skills")
        add("review queue", "coach", "coach", "coach.reviews")
        add("group overview", "coach", "coach", "coach.group_overview", group_id=summary["group_id"])
        add("account list (staff)", "admin", "staff", "staff.users")
        if certificate:
            add("certificate download", "learner", "download", "learner.certificate_pdf",
                certificate_id=certificate["id"])
            add("verification page", None, "public", "public.verify_code", code=certificate["code"])
        else:
            notes.append("certificate download, verification page and render: no certificates in the data set")
        # All groups over the data set's year (bench/build_service.py); last, so that requests still running
        # when their load ends cannot slow the pages measured after them.
        year = {"from": "2025-01", "to": "2025-12"}
        add("figures, all groups, 12 months", "admin", "staff", "figures.figures", **year)
        add("figures CSV, all groups, 12 months", "admin", "staff", "figures.figures_csv", **year)
    return pages, notes


def bench_app(database_url):
    """Verstas in this process, on the benchmark's database, with the development settings."""
    from app import create_app
    from config import DevelopmentConfig

    return create_app(type("BenchConfig", (DevelopmentConfig,), {"SQLALCHEMY_DATABASE_URI": database_url,
                                                                 "DEMO_MODE": False,
                                                                 "VERIFY_LIMIT": "1000000 per minute"}))


def accounts_of(summary) -> dict:
    return {"learner": summary["learner"], "coach": summary["coach"], "admin": summary.get("admin", "bench-admin")}


def load_pages(pages, baseline_row, verstas, baseline, summary, args) -> None:
    """Every page under wrk, each in rounds beside the baseline page."""
    cookie_for = load.Sessions(verstas.base, accounts_of(summary), summary["password"])
    seconds = max(2, round(args.duration / args.rounds))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(load.LUA)
    try:
        for page in pages:
            status, _ = load.fetch(verstas.base + page["path"], cookie_for(page["who"]))
            if status != 200:
                raise SystemExit(f"{page['name']} ({page['path']}) answered {status}, not 200: not measuring it")
        for page in pages:
            print(f"  wrk {page['name']} ({page['path']}), {args.rounds} rounds beside the baseline ...", flush=True)

            def one_round(target, page=page):
                if target == "baseline":
                    return load.wrk(baseline.base + "/", "", args.threads, args.connections, seconds, lua.name)
                return load.wrk(verstas.base + page["path"], cookie_for(page["who"]), args.threads,
                                args.connections, seconds, lua.name)

            page.update(load.measure(one_round, args.rounds))
        baseline_row.update(load.combined([r for page in pages for r in page["baseline_runs"]]), ratio=1.0)
    finally:
        os.unlink(lua.name)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--summary", required=True, help="the data set's summary written by bench.build_data")
    parser.add_argument("--database-url", help="the data set's database, if not the summary's")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page, split into rounds")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of baseline and page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--skip-import", action="store_true", help="leave out the content import timings")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any line of the contract is missed")
    args = parser.parse_args(argv)
    summary = json.loads(Path(args.summary).read_text())
    database_url = args.database_url or summary["database_url"]
    database = targets.database_of(database_url)

    from bench.baseline.app import create_app as create_baseline

    app = bench_app(database_url)
    pages, notes = plan_pages(app, summary)
    inprocess.measure_pages(app, pages, accounts_of(summary), summary["password"])
    my_path = next(page for page in pages if page["name"] == "My path")
    baseline_app = create_baseline(database_url, summary["learner_id"], my_path["bytes"])
    baseline_row = {"name": "baseline page", "kind": "baseline", **inprocess.measure_baseline(baseline_app)}
    baseline_app.extensions["baseline_engine"].dispose()

    load_start = report.load_average()
    with servers.verstas(database_url, args.workers) as verstas, \
            servers.baseline(database_url, args.workers, summary["learner_id"], my_path["bytes"]) as baseline:
        load_pages(pages, baseline_row, verstas, baseline, summary, args)
        rss = {"verstas": verstas.worker_rss(), "baseline": baseline.worker_rss()}
    load_end = report.load_average()

    checks = [targets.size_check(baseline_row["bytes"], my_path["bytes"])]
    for page in pages:
        page_checks = targets.page_checks(page, database, args.connections)
        page["checks"] = [check.as_dict() for check in page_checks]
        checks += page_checks
    if args.connections != targets.P99_CONNECTIONS:
        notes.append(f"p99 is judged at {targets.P99_CONNECTIONS} connections only; this run used {args.connections}")
    other = {"data set build": f"{summary['build_seconds']} s"}
    if not args.skip_import:
        other.update(import_times.import_times(dict(os.environ)))
    if summary.get("certificate"):
        cold, warm = inprocess.certificate_render_ms(app, summary["certificate"]["id"])
        other["certificate render (WeasyPrint), cold / warm"] = f"{cold:.0f} ms (first in the process) / " \
                                                               f"{warm:.0f} ms (best of 5)"
        checks.append(targets.render_check(warm))

    run = {"database": database, "when": report.now(),
           "settings": {"workers": args.workers, "threads": args.threads, "connections": args.connections,
                        "rounds": args.rounds, "seconds": max(2, round(args.duration / args.rounds)),
                        "cpus": os.cpu_count(), "load_start": load_start, "load_end": load_end},
           "data": {key: summary[key] for key in ("counts", "build_seconds", "seed")},
           "baseline": baseline_row, "pages": pages, "rss": rss,
           "checks": [check.as_dict() for check in checks], "other": other, "notes": notes}
    target = report.write(run)
    print()
    print(report.markdown(run))
    print(f"Written to {target.relative_to(servers.ROOT)} and {target.with_suffix('.json').name}")
    if args.strict and not all(check.met for check in checks):
        sys.exit(1)


if __name__ == "__main__":
    main()
