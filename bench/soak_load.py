"""A paced mix of real users against a served Verstas: anonymous visitors, a learner, a coach and an admin.

Each role has its own cookie jar, signs in through the form and signs in again now and then; the
learner also saves a draft answer (a POST with the form's CSRF token), with a new text each time as
a person typing would. Threads take request slots from one clock, so the rate holds while the server
keeps up and falls (and is reported) when it cannot.
"""

import http.cookiejar
import itertools
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from bench.load import CSRF, USER_AGENT, NoRedirect

# A real session lasts hours, but sign-ins (a password hash, a row update, an audit line) belong in the mix.
SIGN_IN_EVERY = 120


class Visitor:
    """One role's browser: a cookie jar that follows renewed session cookies, signed in when it has an account."""

    def __init__(self, base, username=None, password=None):
        self.base, self.username, self.password = base, username, password
        self.lock = threading.Lock()
        self.signed_at = None
        self.opener = None
        self.renew()

    def renew(self):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        opener.addheaders = [("User-Agent", USER_AGENT)]
        if self.username is not None:
            token = self.token(opener, "/sign-in")
            status = self.send(opener, "/sign-in", {"csrf_token": token, "username": self.username,
                                                    "password": self.password})
            if status != 302:
                raise SystemExit(f"signing in as {self.username} answered {status}, not a redirect")
        self.opener, self.signed_at = opener, time.monotonic()

    def token(self, opener, path) -> str:
        with opener.open(self.base + path) as response:
            match = CSRF.search(response.read().decode())
        if match is None:
            raise SystemExit(f"{path} has no CSRF token")
        return match.group(1) or match.group(2)

    def send(self, opener, path, form=None) -> int:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with opener.open(self.base + path, data=data, timeout=30) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as response:
            return response.code

    def opener_now(self):
        with self.lock:
            if self.username is not None and time.monotonic() - self.signed_at > SIGN_IN_EVERY:
                self.renew()
            return self.opener


class Mix:
    """The requests in turn: (role, method, path); a POST path's form is made fresh for each request."""

    def __init__(self, base, accounts: dict, password: str, requests: list[tuple]):
        self.visitors = {who: Visitor(base, accounts.get(who), password if who else None) for who in
                         {who for who, _, _ in requests}}
        self.requests = requests
        self.turns = itertools.cycle(requests)
        self.lock = threading.Lock()
        self.counter = itertools.count(1)
        self.done = self.errors = 0
        self.statuses: dict[int, int] = {}

    def check(self):
        """Every request once, before the clock starts: a page that does not answer 2xx stops the soak."""
        for who, method, path in dict.fromkeys(self.requests):
            status, _ = self.one(who, method, path)
            if status >= 300:
                raise SystemExit(f"{method} {path} as {who or 'anonymous'} answered {status}")

    def one(self, who, method, path) -> tuple[int, int]:
        """One turn: its status and how many HTTP requests it took (saving a draft loads the page first)."""
        visitor = self.visitors[who]
        opener = visitor.opener_now()
        if method == "GET":
            return visitor.send(opener, path), 1
        page, action = path
        form = {"csrf_token": visitor.token(opener, page), "text": f"Luonnos {next(self.counter)}: harjoittelen."}
        return visitor.send(opener, action, form), 2

    def run(self, rate: float, seconds: float, threads: int = 6):
        """Send about rate requests a second for seconds; returns when the last thread is done."""
        slot_lock, start = threading.Lock(), time.monotonic()
        next_slot = [start]

        def worker():
            while True:
                with slot_lock:
                    # A server that falls behind gets the slots it missed dropped, not sent in a burst.
                    at = next_slot[0] = max(next_slot[0], time.monotonic() - 1)
                    next_slot[0] += 1 / rate
                if at - start >= seconds:
                    return
                time.sleep(max(0.0, at - time.monotonic()))
                with self.lock:
                    who, method, path = next(self.turns)
                try:
                    status, sent = self.one(who, method, path)
                except OSError:
                    status, sent = 0, 1
                with self.lock:
                    self.done += sent
                    self.statuses[status] = self.statuses.get(status, 0) + 1
                    self.errors += status == 0 or status >= 400

        running = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
        for thread in running:
            thread.start()
        return running
