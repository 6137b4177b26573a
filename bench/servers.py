"""Verstas and the baseline app under gunicorn with the same settings, each stopped by its own PID."""

import os
import re
import secrets
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSTAS = "app:create_app()"
BASELINE = "bench.baseline.app:create_app()"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_command(app_spec: str, port: int, workers: int) -> list[str]:
    """The one command line both apps are served with; gunicorn.conf.py adds the rest."""
    return ["gunicorn", "--config", str(ROOT / "gunicorn.conf.py"), "--workers", str(workers),
            "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app_spec]


class Server:
    """One gunicorn master on a free loopback port, started on entering and stopped on leaving."""

    def __init__(self, name: str, app_spec: str, workers: int, env: dict, ready_path: str, extra_args=()):
        self.name, self.app_spec, self.workers, self.env, self.ready_path = name, app_spec, workers, env, ready_path
        self.extra_args = list(extra_args)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        handle, self.log_path = tempfile.mkstemp(prefix=f"verstas-bench-{self.name}.", suffix=".log")
        self.log = os.fdopen(handle, "w")
        command = gunicorn_command(self.app_spec, self.port, self.workers)
        self.process = subprocess.Popen(command[:-1] + self.extra_args + command[-1:],  # noqa: S603
                                        cwd=ROOT, env={**os.environ, **self.env}, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        for _ in range(150):
            try:
                with urllib.request.urlopen(self.base + self.ready_path, timeout=2):  # noqa: S310 - our loopback server
                    return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit(f"{self.name} did not start under gunicorn:\n{Path(self.log_path).read_text()[-3000:]}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def worker_rss(self) -> list[int]:
        """The resident memory (MiB) of each worker of this master."""
        sizes = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    kib = int(re.search(r"VmRSS:\s+(\d+)", (stat.parent / "status").read_text()).group(1))
                    sizes.append(round(kib / 1024))
            except (OSError, AttributeError):
                continue
        return sizes


def verstas(database_url: str, workers: int) -> Server:
    """Verstas with the development settings without the demo (production refuses SQLite); all the load
    comes from one address, so the verification page's per-address limit is lifted.
    """
    env = {"VERSTAS_ENV": "development", "VERSTAS_DEMO": "0", "DATABASE_URL": database_url,
           "VERSTAS_VERIFY_LIMIT": "1000000 per minute", "SECRET_KEY": secrets.token_hex(32)}
    return Server("verstas", VERSTAS, workers, env, "/healthz")


def baseline(database_url: str, workers: int, user_id: int, page_bytes: int) -> Server:
    env = {"DATABASE_URL": database_url, "BENCH_USER_ID": str(user_id), "BENCH_PAGE_BYTES": str(page_bytes)}
    return Server("baseline", BASELINE, workers, env, "/")
