"""Load runs with wrk: signed-in sessions, one page's rounds beside the baseline's, and their summary."""

import http.cookiejar
import json
import re
import statistics
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

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
# Flask-Login compares the User-Agent with the one the session was made with; wrk sends none of its
# own, so signing in and the load share one browser's.
USER_AGENT = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/120 Mobile verstas-bench"
# wrk never stores a renewed session cookie: sign in again before the app would renew it.
SESSION_MAX_AGE = 240
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session_for(base, username, password) -> str:
    """Sign in through the real form (CSRF token from the page); return the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    opener.addheaders = [("User-Agent", USER_AGENT)]
    match = CSRF.search(opener.open(f"{base}/sign-in").read().decode())
    data = urllib.parse.urlencode({"csrf_token": match.group(1) or match.group(2), "username": username,
                                   "password": password}).encode()
    try:
        opener.open(f"{base}/sign-in", data=data)
        raise SystemExit(f"signing in as {username} did not redirect: wrong password or no such user")
    except urllib.error.HTTPError as response:
        if response.code != 302:
            raise SystemExit(f"signing in as {username} answered {response.code}") from None
    return "; ".join(f"{c.name}={c.value}" for c in jar)


class Sessions:
    """The Cookie header for each role (None is anonymous), signed in again when older than SESSION_MAX_AGE."""

    def __init__(self, base, accounts: dict, password: str, sign_in=session_for, clock=time.monotonic):
        self.base, self.accounts, self.password = base, accounts, password
        self.sign_in, self.clock, self.made = sign_in, clock, {}

    def __call__(self, who) -> str:
        if who is None:
            return ""
        found = self.made.get(who)
        if found is None or self.clock() - found[1] > SESSION_MAX_AGE:
            found = self.made[who] = (self.sign_in(self.base, self.accounts[who], self.password), self.clock())
        return found[0]


def fetch(url, cookie="") -> tuple[int, int]:
    """The status and body size of one request, without following redirects."""
    headers = {"User-Agent": USER_AGENT, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - the loopback servers we started
    try:
        with urllib.request.build_opener(NoRedirect).open(request) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as response:
        return response.code, 0


def wrk(url, cookie, threads, connections, seconds, lua_path) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
               "-s", str(lua_path), "-H", f"User-Agent: {USER_AGENT}", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command,  # noqa: S603 - wrk with our own arguments
                            capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    return json.loads(next(line for line in output.splitlines() if line.startswith("{")))


def combined(runs: list[dict]) -> dict:
    """Rounds as one row: mean throughput, median p50, and the worst round's p99 and max."""
    return {"requests": sum(r["requests"] for r in runs), "rps": statistics.mean(r["rps"] for r in runs),
            "p50_ms": statistics.median(r["p50_ms"] for r in runs), "p99_ms": max(r["p99_ms"] for r in runs),
            "max_ms": max(r["max_ms"] for r in runs), "errors_status": sum(r["errors_status"] for r in runs),
            "errors_other": sum(r["errors_other"] for r in runs)}


def measure(load, rounds: int) -> dict:
    """A page and the baseline in alternating rounds; the ratio is the median of the rounds' ratios, each
    to the baseline round just before it, so that a shared machine's drifting speed falls on both alike.

    load(target) runs one round against "baseline" or "page" and returns wrk's summary.
    """
    baselines, runs = [], []
    for _ in range(rounds):
        baselines.append(load("baseline"))
        runs.append(load("page"))
    row = combined(runs)
    row["ratio"] = statistics.median(r["rps"] / b["rps"] for r, b in zip(runs, baselines, strict=True))
    row["baseline_runs"] = baselines
    return row
