"""Measure a running Verstas (started by ./scripts/bench) page by page and write the report.

    python -m bench.run --base http://127.0.0.1:PORT --summary bench/data/bench.db.json --master-pid PID

For each page: wrk's requests per second and p50/p99 latency (a Lua `done` hook prints JSON), the
ratio to /healthz measured right before it (in alternating rounds, so that the machine's drifting
speed falls on both alike), SQL queries per request (the page once in-process with a query
counter) and the gunicorn workers' memory. Then `flask content import` times and the certificate
render time where certificates exist. Writes bench/results/<timestamp>.md and prints it.
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LUA = r"""
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "rps": %.1f, "p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, ' ..
    '"errors_status": %d, "errors_other": %d}\n',
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""
# One browser's User-Agent for signing in and for the load: Flask-Login compares it with the one the
# session was made with, and wrk sends none of its own, so every signed-in request was treated as
# a moved session (marked not fresh, cookie signed again), which no real browser causes.
USER_AGENT = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/120 Mobile verstas-bench"
# wrk sends the same cookie throughout and never stores the renewed one the app sends with every
# response, so a session is made again every few minutes, as a browser's stored cookie would stay fresh.
SESSION_MAX_AGE = 240
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
# Targets of issue 7: share of the baseline's throughput, by page group.
LEARNER_TARGET, COACH_TARGET, DOWNLOAD_TARGET, P99_TARGET_MS = 0.5, 0.3, 0.7, 100


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session_for(base, username, password) -> tuple[str, urllib.request.OpenerDirector]:
    """Sign in through the real form (CSRF token from the page); return the Cookie header and opener."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    opener.addheaders = [("User-Agent", USER_AGENT)]
    html = opener.open(f"{base}/sign-in").read().decode()
    match = CSRF.search(html)
    token = match.group(1) or match.group(2)
    data = urllib.parse.urlencode({"csrf_token": token, "username": username, "password": password}).encode()
    try:
        opener.open(f"{base}/sign-in", data=data)
        raise SystemExit(f"signing in as {username} did not redirect: wrong password or no such user")
    except urllib.error.HTTPError as response:
        if response.code != 302:
            raise SystemExit(f"signing in as {username} answered {response.code}") from None
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, opener


class Sessions:
    """The Cookie header for each role (learner, coach; None is anonymous), signed in again when older
    than SESSION_MAX_AGE.
    """

    def __init__(self, base, summary):
        self.base, self.summary, self.made = base, summary, {}

    def __call__(self, who) -> str:
        if who is None:
            return ""
        # A session's age, never a default time of 0: the monotonic clock starts near zero on a
        # freshly booted machine, where a missing session then looked young and wrk went unsigned.
        found = self.made.get(who)
        if found is None or time.monotonic() - found[1] > SESSION_MAX_AGE:
            cookie, _ = session_for(self.base, self.summary[who], self.summary["password"])
            found = self.made[who] = (cookie, time.monotonic())
        return found[0]


def status_of(base, path, cookie) -> int:
    headers = {"User-Agent": USER_AGENT, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(f"{base}{path}", headers=headers)  # noqa: S310 - the loopback server it started
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(request).status
    except urllib.error.HTTPError as response:
        return response.code


def wrk(base, path, cookie, args, lua_path, seconds) -> dict:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--timeout", "5s",
               "-s", str(lua_path), "-H", f"User-Agent: {USER_AGENT}", f"{base}{path}"]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command,  # noqa: S603 - wrk with our own arguments
                            capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("{"))
    return json.loads(line)


def worker_rss(master_pid: int) -> list[int]:
    """The resident memory (MiB) of each child of the gunicorn master."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            status = (stat.parent / "status").read_text()
            kib = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            sizes.append(round(kib / 1024))
    return sizes


# --- pages --------------------------------------------------------------------------------------


def find_rule(app, words, prefix, arguments, also=()):
    """The GET route under prefix whose rule or endpoint has one of words (and one of `also`, if given)
    and whose arguments we have; the one that takes the most of those arguments.
    """
    found = []
    for rule in app.url_map.iter_rules():
        label = f"{rule.rule} {rule.endpoint}".lower()
        if rule.rule.startswith(prefix) and "GET" in rule.methods and any(w in label for w in words) \
                and (not also or any(w in label for w in also)) and set(rule.arguments) <= set(arguments):
            found.append((-len(rule.arguments), rule.rule, rule))
    return min(found, key=lambda f: f[:2])[2] if found else None


def plan_pages(app, summary) -> tuple[list[dict], list[str]]:
    """The pages to measure, and a note for each page that does not exist yet."""
    from flask import url_for

    pages, notes = [], []
    known = {"group_id": summary["group_id"], "learner_id": summary["learner_id"], "user_id": summary["learner_id"]}

    def add(name, who, kind, path):
        pages.append({"name": name, "who": who, "kind": kind, "path": path})

    add("/healthz (baseline)", None, "baseline", "/healthz")
    add("sign-in page", None, "public", "/sign-in")
    add("My path", "learner", "learner", "/learn/")
    add("lesson page", "learner", "learner", f"/learn/steps/{summary['lesson']}")
    with app.test_request_context():
        skills = find_rule(app, ("skill", "osaami"), "/learn", {})
        if skills:
            add("My skills", "learner", "learner", url_for(skills.endpoint))
        else:
            notes.append("My skills: skipped, no such page yet (issue 4)")
        add("review queue", "coach", "coach", "/coach/reviews")
        overview = find_rule(app, ("overview",), "/coach", known)
        if overview:
            add("group overview", "coach", "coach", url_for(overview.endpoint, **{
                k: v for k, v in known.items() if k in overview.arguments}))
        else:
            notes.append("group overview: not built yet (issue 4); measured the group page instead")
            add("group page", "coach", "coach", f"/coach/groups/{summary['group_id']}")
        certificate = summary.get("certificate")
        download = find_rule(app, ("certificate",), "/learn", {"certificate_id", "id"}, also=("pdf", "download"))
        if download and certificate:
            path = url_for(download.endpoint, **dict.fromkeys(download.arguments, certificate["id"]))
            add("certificate download", "learner", "download", path)
        else:
            notes.append("certificate download: skipped, " + ("no certificates in the data set" if download
                                                              else "no such page yet (issue 5)"))
        verify = find_rule(app, ("verif",), "/", {"code"})
        if verify and certificate:
            add("verification page", None, "public", url_for(verify.endpoint, code=certificate["code"]))
        else:
            notes.append("verification page: skipped, " + ("no certificates in the data set" if verify
                                                           else "no such page yet (issue 5)"))
    return pages, notes


def count_queries(app, pages, summary):
    """Each page once in-process (after a warm-up) with a query counter, through real sign-in."""
    from sqlalchemy import event

    from app.core.db import db

    clients = {}
    for who in ("learner", "coach"):
        client = app.test_client()
        html = client.get("/sign-in").get_data(as_text=True)
        match = CSRF.search(html)
        client.post("/sign-in", data={"csrf_token": match.group(1) or match.group(2),
                                      "username": summary[who], "password": summary["password"]})
        clients[who] = client
    clients[None] = app.test_client()
    with app.app_context():
        engine = db.engine
    for page in pages:
        # Outside an app context, so that each request has its own session, as under gunicorn.
        client = clients[page["who"]]
        client.get(page["path"])
        statements = []

        def listener(*args, statements=statements):
            statements.append(1)

        event.listen(engine, "before_cursor_execute", listener)
        try:
            client.get(page["path"])
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        page["queries"] = len(statements)
        # The page's own cost, one request at a time: steadier than wrk on a machine shared with others.
        times = []
        for _ in range(21):
            started = time.perf_counter()
            client.get(page["path"])
            times.append(time.perf_counter() - started)
        page["inprocess_ms"] = statistics.median(times) * 1000


# --- content import and certificates -------------------------------------------------------------


def generated_content(target: Path, copies: int) -> Path:
    """The shipped frameworks and `copies` renamed copies of each shipped course."""
    shutil.copytree(ROOT / "content" / "frameworks", target / "frameworks")
    for source in sorted((ROOT / "content" / "courses").iterdir()):
        for n in range(1, copies + 1):
            copy = target / "courses" / f"{source.name}-{n:02d}"
            shutil.copytree(source, copy)
            for md in copy.rglob("*.md"):
                md.write_text(re.sub(r"(?m)^code: (\S+)", rf"code: G{n:02d}-\1", md.read_text(encoding="utf-8"),
                                     count=1), encoding="utf-8")
    return target


def timed_import(content: Path, env: dict) -> float | str:
    """Seconds of `flask content import` into a fresh SQLite database."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**env, "DATABASE_URL": f"sqlite:///{folder}/import.db", "VERSTAS_ENV": "development",
               "VERSTAS_DEMO": "0"}
        schema = "from app import create_app\nfrom app.core.db import db\napp = create_app()\n" \
                 "with app.app_context(): db.create_all()"
        subprocess.run([sys.executable, "-c", schema], env=env, check=True, cwd=ROOT)  # noqa: S603
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "flask", "content", "import", str(content)],  # noqa: S603
                              env=env,
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            return "failed: " + (done.stdout + done.stderr).strip().splitlines()[-1][:200]
        return round(seconds, 2)


def certificate_render_times(app, summary) -> str:
    """WeasyPrint rendering of the data set's real certificate in this process: cold (the first one,
    with the fonts and stylesheet loaded) and warm (best of 5), beside the first issue at build time.
    """
    certificate = summary.get("certificate")
    if not certificate:
        return "skipped: no certificates in the data set (the certificate issue had not landed at build time)"
    from app.core.db import db
    from competence.certificate_models import Certificate
    from competence.pdf import render_certificate

    with app.app_context():
        content = db.session.get(Certificate, certificate["id"]).content
        times = []
        for _ in range(6):
            started = time.perf_counter()
            render_certificate(content, code="BENCH-RENDER")
            times.append(time.perf_counter() - started)
    cold, warm = times[0] * 1000, min(times[1:]) * 1000
    return (f"{cold:.0f} ms cold (first in the process) / {warm:.0f} ms warm (best of 5) — target warm < 150 ms: "
            f"{'ok' if warm < 150 else 'MISSED'}; the first issue while building the data set took "
            f"{certificate['render_cold_s'] * 1000:.0f} ms with its database work")


# --- the report ---------------------------------------------------------------------------------


def combined(runs: list[dict]) -> dict:
    """One page's rounds as one row: mean throughput, median p50, and the worst round's p99 and max."""
    return {"requests": sum(r["requests"] for r in runs), "rps": statistics.mean(r["rps"] for r in runs),
            "p50_ms": statistics.median(r["p50_ms"] for r in runs), "p99_ms": max(r["p99_ms"] for r in runs),
            "max_ms": max(r["max_ms"] for r in runs),
            "errors_status": sum(r["errors_status"] for r in runs),
            "errors_other": sum(r["errors_other"] for r in runs)}


def measure(base, page, cookie, args, lua_path) -> dict:
    """The page and the baseline in alternating rounds; the ratio is the median of the rounds' ratios,
    each to the baseline run just before it. On a shared virtual machine the speed drifts by half
    within minutes: a baseline measured once at the start made later pages look slower.
    """
    seconds = max(2, round(args.duration / args.rounds))
    baselines, runs = [], []
    for _ in range(args.rounds):
        baselines.append(wrk(base, "/healthz", "", args, lua_path, seconds))
        runs.append(wrk(base, page["path"], cookie, args, lua_path, seconds))
    row = combined(runs)
    row["ratio"] = statistics.median(r["rps"] / b["rps"] for r, b in zip(runs, baselines, strict=True))
    row["baseline_runs"] = baselines
    return row


def verdict(page) -> str:
    ratio = page["ratio"]
    target = {"learner": LEARNER_TARGET, "coach": COACH_TARGET, "download": DOWNLOAD_TARGET}.get(page["kind"])
    parts = []
    if page["errors_status"] or page["errors_other"]:
        parts.append("NOT VALID: errors (non-2xx or socket) during the load run")
    if target is not None:
        parts.append(f"≥ {target:.0%} {'ok' if ratio >= target else 'MISSED'}")
    if page["kind"] != "baseline":
        parts.append(f"p99 {'ok' if page['p99_ms'] < P99_TARGET_MS else 'MISSED'}")
    return ", ".join(parts)


def report(pages, notes, summary, args, rss, extras) -> str:
    first = pages[0]
    baseline_rps = [run["rps"] for page in pages[1:] for run in page["baseline_runs"]]
    seconds = max(2, round(args.duration / args.rounds))
    lines = [
        f"# Verstas benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- Data: {', '.join(f'{v:,} {k}' for k, v in summary['counts'].items())}; built in "
        f"{summary['build_seconds']} s (seed {summary['seed']}) on {summary['database_url'].split(':')[0]}",
        f"- Server: gunicorn, {args.workers} sync workers, loopback; load: wrk -t{args.threads} "
        f"-c{args.connections}, each page in {args.rounds} rounds of {seconds} s, each round right after "
        f"{seconds} s of the baseline; {os.cpu_count()} CPUs",
        f"- Worker memory after the run (RSS): {', '.join(f'{r} MiB' for r in rss) or 'unknown'}",
        f"- Baseline: {len(baseline_rps)} runs between {min(baseline_rps, default=0):.0f} and "
        f"{max(baseline_rps, default=0):.0f} requests/s. A page's ratio is the median of its rounds' ratios "
        f"to the baseline run just before each; its p99 is its worst round's. Load average at the start "
        f"{extras.pop('load_start')}, at the end {os.getloadavg()[0]:.2f} (anything above 0 besides this run "
        "means the numbers are pessimistic)",
        "",
        "| page | requests/s | p50 ms | p99 ms | × baseline | queries/request | in-process ms (× baseline) "
        "| errors | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page in pages:
        lines.append(f"| {page['name']} | {page['rps']:.0f} | {page['p50_ms']:.1f} | {page['p99_ms']:.1f} | "
                     f"{page['ratio']:.2f} | {page.get('queries', '?')} | {page['inprocess_ms']:.1f} "
                     f"({first['inprocess_ms'] / page['inprocess_ms']:.2f}) | "
                     f"{page['errors_status'] + page['errors_other']} | {verdict(page)} |")
    lines += ["", "| other measurement | result |", "|---|---|"]
    lines += [f"| {page['name']}, in-process with no fragment kept (a first visit) | "
              f"{page['inprocess_fresh_ms']:.1f} ms ({first['inprocess_ms'] / page['inprocess_fresh_ms']:.2f} × "
              f"baseline), against {page['inprocess_ms']:.1f} ms with them kept |"
              for page in pages if "inprocess_fresh_ms" in page]
    lines += [f"| {name} | {value} |" for name, value in extras.items()]
    if notes:
        lines += ["", "Not measured:", ""] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--summary", required=True)
    parser.add_argument("--master-pid", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page, split into rounds")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of baseline and page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--skip-import", action="store_true", help="leave out the content import timings")
    args = parser.parse_args(argv)
    summary = json.loads(Path(args.summary).read_text())

    from app import create_app
    from config import DevelopmentConfig

    config = type("BenchConfig", (DevelopmentConfig,), {"SQLALCHEMY_DATABASE_URI": summary["database_url"],
                                                        "DEMO_MODE": False})
    app = create_app(config)
    pages, notes = plan_pages(app, summary)
    count_queries(app, pages, summary)

    load_start = f"{os.getloadavg()[0]:.2f}"
    cookie_for = Sessions(args.base, summary)

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(LUA)
    try:
        for page in pages:
            status = status_of(args.base, page["path"], cookie_for(page["who"]))
            if status != 200:
                raise SystemExit(f"{page['name']} ({page['path']}) answered {status}, not 200: not measuring it")
        for page in pages[1:]:
            print(f"  wrk {page['name']} ({page['path']}), {args.rounds} rounds beside /healthz ...", flush=True)
            page.update(measure(args.base, page, cookie_for(page["who"]), args, lua.name))
        pages[0].update(combined([run for page in pages[1:] for run in page["baseline_runs"]]), ratio=1.0)
    finally:
        os.unlink(lua.name)
    rss = worker_rss(args.master_pid)

    extras = {"load_start": load_start, "data set build": f"{summary['build_seconds']} s"}
    if not args.skip_import:
        env = {**os.environ, "FLASK_APP": "app"}
        extras["flask content import, shipped content (fresh SQLite)"] = f"{timed_import(ROOT / 'content', env)} s"
        with tempfile.TemporaryDirectory() as folder:
            generated = generated_content(Path(folder), 20)
            extras["flask content import, generated 20 courses (fresh SQLite)"] = f"{timed_import(generated, env)} s"
    extras["certificate render (WeasyPrint), cold / warm"] = certificate_render_times(app, summary)

    text = report(pages, notes, summary, args, rss, extras)
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}.md"
    target.write_text(text)
    print()
    print(text)
    print(f"Written to {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
