"""Real servers for the scale-out tests: Debian's redis-server and gunicorn app servers on loopback
ports, and a small cookie-keeping HTTP client that plays one browser across all of them.

./scripts/test installs redis-server (and nginx) when missing; without them these tests skip.
"""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SECRET = "scale-out-test-secret-of-at-least-32-characters"  # noqa: S105
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def program(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin")
    if not found:
        pytest.skip(f"{name} is not installed (./scripts/test installs Debian's package when run as root)")
    return found


def wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} did not start in {timeout} s")


def answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Redis:
    """A throwaway redis-server that a test may stop and start again on the same port."""

    def __init__(self, folder: Path):
        self.binary = program("redis-server")
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> "Redis":
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments, no shell
            [self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--dir", str(self.folder), "--daemonize", "no", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: answers(self.port), 10, "redis-server")
        return self

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None


@contextmanager
def redis_server(folder: Path):
    server = Redis(folder).start()
    try:
        yield server
    finally:
        server.stop()


def app_env(tmp_path: Path, database_url: str, **settings) -> dict:
    """The environment of an app server as an operator sets it (development: cookies without TLS)."""
    outer = ("VERSTAS_", "RATELIMIT_", "PROMETHEUS_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(outer)}
    env.update({"VERSTAS_ENV": "development", "VERSTAS_DEMO": "0", "SECRET_KEY": SECRET,
                "DATABASE_URL": database_url, "VERSTAS_STORAGE": str(tmp_path / "storage"),
                "PYTHONPATH": str(ROOT), **settings})
    return env


@contextmanager
def app_servers(count: int, env: dict, log_dir: Path, workers: int = 1, while_starting=None):
    """`count` gunicorn servers of the app on loopback ports, started together; yields their base URLs.
    With several workers each server gets its own PROMETHEUS_MULTIPROC_DIR, as an operator sets it.
    `while_starting` runs while they boot (the app reads the database only when requests come)."""
    ports = [free_port() for _ in range(count)]
    processes = []
    log_dir.mkdir(parents=True, exist_ok=True)
    try:
        for number, port in enumerate(ports):
            log = open(log_dir / f"app{number}.log", "wb")  # noqa: SIM115 - closed with the process
            server_env = dict(env)
            if workers > 1:
                server_env["PROMETHEUS_MULTIPROC_DIR"] = str(log_dir / f"metrics{number}")
            processes.append(subprocess.Popen(  # noqa: S603 - our own arguments, no shell
                [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
                 "--graceful-timeout", "2", "app:create_app()"],
                cwd=ROOT, env=server_env, stdout=log, stderr=subprocess.STDOUT))
        if while_starting is not None:
            while_starting()
        for number, port in enumerate(ports):
            process = processes[number]
            wait_until(lambda port=port, process=process: answers(port) or process.poll() is not None, 60,
                       "gunicorn")
            if processes[number].poll() is not None:
                raise AssertionError((log_dir / f"app{number}.log").read_text()[-3000:])
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            stop(process)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One browser: a cookie jar shared by every server on 127.0.0.1, redirects not followed."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects)

    def open(self, url: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        assert url.startswith("http://127.0.0.1:")
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310 - loopback http
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        response.text = response.read().decode("utf-8", "replace")
        response.status_code = response.status if hasattr(response, "status") else response.code
        return response

    def token(self, url: str) -> str:
        match = CSRF.search(self.open(url).text)
        assert match, f"no CSRF token at {url}"
        return match.group(1) or match.group(2)

    def post_form(self, url: str, data: dict, token_from: str | None = None):
        return self.open(url, {**data, "csrf_token": self.token(token_from or url)})


NGINX_CONF = """
{user}
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  upstream verstas {{ {servers} }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 12m;
    location / {{
      proxy_pass http://verstas;
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-ID $request_id;
    }}
  }}
}}
"""


@contextmanager
def nginx_proxy(folder: Path, upstreams: list[str]):
    """Debian's nginx on a loopback port, sharing requests round-robin between the app servers."""
    binary = program("nginx")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    servers = " ".join(f"server {url.removeprefix('http://')};" for url in upstreams)
    user = "user root;" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(NGINX_CONF.format(user=user, folder=folder, servers=servers, port=port))
    process = subprocess.Popen([binary, "-c", str(folder / "nginx.conf"), "-p", str(folder)],  # noqa: S603
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: answers(port) or process.poll() is not None, 10, "nginx")
        if process.poll() is not None:
            raise AssertionError((folder / "error.log").read_text()[-2000:])
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
