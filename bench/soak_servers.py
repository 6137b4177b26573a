"""The soak in the deployment's shape: gunicorn workers on PostgreSQL under a paced mix of real users.

    python -m bench.soak --servers --postgres --minutes 10 [--rate 70] [--workers 2] [--max-requests N]

Makes a throwaway database (with --postgres a PostgreSQL cluster of scripts/_postgres.sh with the
server's own durability settings, fsync on; else SQLite), migrates it, imports content/ and the demo
accounts as `./scripts/serve` does, serves it with gunicorn (gunicorn.conf.py) on a loopback port and
loads it with bench/soak_load.py. Every 30 s it prints each worker's RSS (from /proc); at the end the
RSS slope of each worker over the first and last third of the run. Writes
bench/results/soak-<db>-latest.json (soak-<db>-traced-latest.json with --trace).
Everything it starts (cluster, gunicorn) is stopped by its PID or data folder.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import report, servers
from bench.soak_load import Mix

ROOT = servers.ROOT
SAMPLE_EVERY = 30
ACCOUNTS = {"learner": "demo-learner", "coach": "demo-coach", "admin": "demo-admin"}


def shell(script: str, *args, **options):
    """scripts/_postgres.sh's functions, run by bash."""
    return subprocess.run(["/bin/bash", "-c", f"source scripts/_postgres.sh; {script}", "soak", *args],  # noqa: S603
                          cwd=ROOT, check=False, **options)


class Postgres:
    """A throwaway cluster of scripts/_postgres.sh, without its test-suite shortcuts on durability."""

    def __enter__(self):
        started = shell('pg_start && printf "%s\\n" "$PG_URL" "$PG_DIR" "$PG_BIN" || { echo "$PG_SKIP_REASON" >&2; '
                        "exit 1; }", env={**os.environ, "PG_DURABLE": "1"}, capture_output=True, text=True)
        if started.returncode != 0:
            raise SystemExit(f"PostgreSQL did not start: {started.stderr.strip()}")
        self.url, self.folder, self.bin = started.stdout.split()
        return self

    def __exit__(self, *exc):
        shell('PG_DIR="$1" PG_BIN="$2" pg_stop', self.folder, self.bin)


def prepare(env: dict) -> None:
    """Schema, signing key, content and demo accounts, as ./scripts/serve makes them."""
    for command in (["db", "upgrade"], ["keys", "init"], ["content", "import"], ["demo"]):
        done = subprocess.run([sys.executable, "-m", "flask", *command], cwd=ROOT,  # noqa: S603
                              env={**os.environ, **env, "FLASK_APP": "app"}, capture_output=True, text=True,
                              check=False)
        if done.returncode != 0:
            raise SystemExit(f"flask {' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def plan(env: dict) -> list[tuple]:
    """The turns of the mix as (role, method, path), ids and codes looked up in the prepared database.

    One cycle: the everyday pages of each role, then one step of the demo course in turn (so every
    lesson and task is rendered over a soak), and now and then the heavy things a coach or an admin
    asks for: a certificate preview PDF (WeasyPrint), the figures CSV and a preview page.
    """
    os.environ.update(env)
    from flask import url_for
    from sqlalchemy import select

    from app import create_app
    from app.core.accounts.models import Group, User
    from app.core.db import db
    from app.demo import DEMO_LESSONS, DEMO_UNIT_GRADES
    from courses.models import Module, Step, StepKind

    app = create_app()
    with app.app_context(), app.test_request_context():
        learner = db.session.scalar(select(User).where(User.username == ACCOUNTS["learner"]))
        admin = db.session.scalar(select(User).where(User.username == ACCOUNTS["admin"]))
        group = db.session.scalars(select(Group).where(Group.learners.contains(learner))).first()
        first = db.session.scalar(select(Step).where(Step.code == DEMO_LESSONS[0]))
        course = db.session.scalar(select(Module.course_id).where(Module.id == first.module_id))
        steps = db.session.execute(select(Step.code, Step.kind).join(Module, Step.module_id == Module.id)
                                   .where(Module.course_id == course, Step.archived_at.is_(None),
                                          Module.archived_at.is_(None)).order_by(Module.position, Step.position)).all()
        modules = db.session.scalars(select(Module.code).where(Module.course_id == course)).all()
        task = next(code for code, kind in steps if kind == StepKind.WRITTEN_TASK)
        unit = next(iter(DEMO_UNIT_GRADES)).rsplit("-", 1)[0]
        anonymous = [(None, "GET", url_for(e)) for e in ("public.index", "auth.sign_in", "public.verify",
                                                         "public.accessibility", "public.readyz")]
        learning = [("learner", "GET", url_for(e)) for e in ("learner.my_path", "learner.skills",
                                                             "learner.certificates_page", "learner.plan")]
        draft = (url_for("learner.step", code=task), url_for("learner.keep_draft", code=task))
        learning += [("learner", "GET", url_for("learner.step", code=task)), ("learner", "POST", draft)]
        coaching = [("coach", "GET", url_for(e, **values)) for e, values in (
            ("coach.home", {}), ("coach.reviews", {}), ("coach.group", {"group_id": group.id}),
            ("coach.group_overview", {"group_id": group.id}), ("coach.learner", {"learner_id": learner.id}),
            ("coach.plan", {"learner_id": learner.id}), ("coach.learner_profile", {"learner_id": learner.id}))]
        running = [("admin", "GET", url_for(e, **values)) for e, values in (
            ("staff.home", {}), ("staff.users", {}), ("staff.user", {"user_id": admin.id}), ("figures.figures", {}))]
        heavy = [("coach", "GET", url_for("coach.preview_certificate_pdf", learner_id=learner.id, units=unit,
                                          language="fi")),
                 ("admin", "GET", url_for("figures.figures_csv")),
                 ("coach", "GET", url_for("coach.preview_certificate", learner_id=learner.id, units=unit,
                                          language="sv"))]
        varied = [("learner", "GET", url_for("learner.step", code=code)) for code, _ in steps]
        varied += [("learner", "GET", url_for("learner.module", code=code)) for code in modules]
        db.session.remove()
        db.engine.dispose()
    everyday = anonymous + learning + coaching + running
    turns = []
    for number, page in enumerate(varied):
        turns += everyday + [page] + ([heavy[number // 4 % len(heavy)]] if number % 4 == 0 else [])
    return turns


def turn_counts(turns: list[tuple]) -> dict[str, int]:
    """How often each request comes in one cycle of the mix, as "role METHOD path"."""
    counts: dict[str, int] = {}
    for who, method, path in turns:
        shown = f"{who or 'anonymous'} {method} {path[1] if method == 'POST' else path}"
        counts[shown] = counts.get(shown, 0) + 1
    return counts


def settled_rss(master_pid: int) -> dict[int, float]:
    """Each worker's smallest VmRSS of three reads half a second apart, by PID.

    A sign-in's Argon2 hash holds 64 MiB while it runs and hands it back at once: a single read can
    land inside one, which says nothing about what the worker keeps.
    """
    reads = []
    for number in range(3):
        if number:
            time.sleep(0.5)
        reads.append(worker_rss(master_pid))
    return {pid: min(read[pid] for read in reads if pid in read) for pid in reads[-1]}


def worker_rss(master_pid: int) -> dict[int, float]:
    """Each worker's VmRSS in MiB, by PID."""
    sizes = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) != master_pid:
                continue
            line = next(x for x in (stat.parent / "status").read_text().splitlines() if x.startswith("VmRSS:"))
            sizes[int(stat.parent.name)] = int(line.split()[1]) / 1024
        except (OSError, StopIteration, ValueError):
            continue
    return sizes


def slope(points: list[tuple[float, float]]) -> float | None:
    """Least-squares MiB per minute through (minute, MiB) points."""
    if len(points) < 2:
        return None
    mean_t = sum(t for t, _ in points) / len(points)
    mean_m = sum(m for _, m in points) / len(points)
    spread = sum((t - mean_t) ** 2 for t, _ in points)
    return sum((t - mean_t) * (m - mean_m) for t, m in points) / spread if spread else None


def thirds(samples: list[dict], minutes: float) -> dict:
    """Per worker: RSS at start, middle and end, and the slope over the first and the last third."""
    result = {}
    for pid in sorted({pid for sample in samples for pid in sample["rss"]}):
        points = [(s["minute"], s["rss"][pid]) for s in samples if pid in s["rss"]]
        middle = min(points, key=lambda point: abs(point[0] - minutes / 2))
        result[pid] = {"start_mib": points[0][1], "middle_mib": middle[1], "end_mib": points[-1][1],
                       "first_third_mib_per_min": slope([p for p in points if p[0] <= minutes / 3]),
                       "last_third_mib_per_min": slope([p for p in points if p[0] >= minutes * 2 / 3])}
    return result


def traced_growth(folder: Path, minutes: float) -> dict:
    """Per worker: the Python heap (tracemalloc) a minute at a time, and the sites that grew from a third
    of the run to its end (bench/soak_trace.py wrote the snapshots).
    """
    import tracemalloc

    found = {}
    for pid in sorted({path.name.split("-")[0] for path in folder.glob("*.snapshot")}):
        paths = sorted(folder.glob(f"{pid}-*.snapshot"))
        snapshots = [tracemalloc.Snapshot.load(str(path)) for path in paths]
        heap = [round(sum(stat.size for stat in snap.statistics("filename")) / 2**20, 2) for snap in snapshots]
        since = snapshots[min(len(snapshots) - 1, int(minutes / 3))]
        grew = snapshots[-1].compare_to(since, "traceback")[:6]
        found[pid] = {"heap_mib_by_minute": heap, "grew_since_a_third": [
            {"kib": round(stat.size_diff / 1024, 1), "blocks": stat.count_diff,
             "where": [f"{frame.filename}:{frame.lineno}" for frame in stat.traceback][-6:]} for stat in grew]}
    return found


def soak(base_env: dict, args, database: str) -> dict:
    # As production runs: JSON request logs, Prometheus's multiprocess files; all load comes from one address.
    env = {**base_env, "VERSTAS_DEMO": "0", "VERSTAS_VERIFY_LIMIT": "1000000 per minute", "VERSTAS_LOG_FORMAT": "json",
           "VERSTAS_LOG_LEVEL": "INFO", "PROMETHEUS_MULTIPROC_DIR": f"{base_env['VERSTAS_STORAGE']}-metrics"}
    extra = ["--max-requests", str(args.max_requests)] if args.max_requests else []
    if args.trace:
        env["VERSTAS_SOAK_TRACE"] = args.trace
        extra += ["--config", str(ROOT / "bench" / "soak_trace.py")]
    server = servers.Server("soak", servers.VERSTAS, args.workers, env, "/healthz", extra_args=extra)
    load_start = report.load_average()
    with server:
        mix = Mix(server.base, ACCOUNTS, "verstas-demo", plan(base_env))
        mix.check()
        seconds = args.minutes * 60
        started = time.monotonic()
        threads = mix.run(args.rate, seconds)
        samples = []
        print(" minute  requests  req/s  errors  load   RSS MiB by worker PID", flush=True)
        while True:
            minute = (time.monotonic() - started) / 60
            rss = settled_rss(server.process.pid)
            samples.append({"minute": round(minute, 2), "requests": mix.done, "rss": rss,
                            "load": os.getloadavg()[0]})
            shown = "  ".join(f"{pid}:{mib:.1f}" for pid, mib in sorted(rss.items()))
            print(f"{minute:7.2f}  {mix.done:8d}  {mix.done / max(minute * 60, 1):5.1f}  {mix.errors:6d}  "
                  f"{os.getloadavg()[0]:4.2f}   {shown}", flush=True)
            if minute * 60 >= seconds:
                break
            time.sleep(min(SAMPLE_EVERY, max(0.5, seconds - (time.monotonic() - started))))
        for thread in threads:
            thread.join(timeout=60)
    os.unlink(server.log_path)
    return {"database": database, "when": report.now(), "minutes": args.minutes, "rate_asked": args.rate,
            "workers": args.workers, "max_requests": args.max_requests, "requests": mix.done,
            "rate": round(mix.done / (args.minutes * 60), 1), "statuses": mix.statuses,
            "turns_per_cycle": turn_counts(mix.requests), "load_start": load_start,
            "load_end": report.load_average(), "samples": samples, "workers_rss": thirds(samples, args.minutes),
            "traced": traced_growth(Path(args.trace), args.minutes) if args.trace else {}}


def main(args) -> None:
    with tempfile.TemporaryDirectory(prefix="verstas-soak.") as folder:
        if args.trace:
            args.trace = f"{folder}/trace"
            os.mkdir(args.trace)
        env = {"VERSTAS_ENV": "development", "VERSTAS_DEMO": "1", "VERSTAS_STORAGE": f"{folder}/storage"}
        if args.postgres:
            with Postgres() as postgres:
                env["DATABASE_URL"] = postgres.url
                prepare(env)
                run = soak(env, args, "postgresql")
        else:
            env["DATABASE_URL"] = f"sqlite:///{folder}/soak.db"
            prepare(env)
            run = soak(env, args, "sqlite")
    target = ROOT / "bench" / "results" / f"soak-{run['database']}{'-traced' if args.trace else ''}-latest.json"
    target.write_text(json.dumps(run, indent=1, default=str) + "\n")
    print(f"{run['requests']} requests in {run['minutes']} min ({run['rate']}/s), statuses {run['statuses']}; "
          f"load average {run['load_start']} at the start, {run['load_end']} at the end")
    for pid, row in run["workers_rss"].items():
        first, last = row["first_third_mib_per_min"], row["last_third_mib_per_min"]
        print(f"worker {pid}: {row['start_mib']:.1f} / {row['middle_mib']:.1f} / {row['end_mib']:.1f} MiB "
              f"(start / middle / end); slope {first if first is None else round(first, 3)} MiB/min in the "
              f"first third, {last if last is None else round(last, 3)} in the last")
    for pid, traced in run["traced"].items():
        print(f"worker {pid}, Python heap by minute (MiB): {traced['heap_mib_by_minute']}")
        for stat in traced["grew_since_a_third"]:
            print(f"  {stat['kib']:8.1f} KiB {stat['blocks']:6d} blocks  " + " <- ".join(reversed(stat["where"])))
    print(f"Written to {target.relative_to(ROOT)}")
