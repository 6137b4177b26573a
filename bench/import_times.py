"""How long `flask content import` takes for the shipped content and for a generated 20-course set."""

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
    """Seconds of `flask content import` into a fresh SQLite database, or why it failed."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**env, "FLASK_APP": "app", "DATABASE_URL": f"sqlite:///{folder}/import.db",
               "VERSTAS_ENV": "development", "VERSTAS_DEMO": "0"}
        schema = "from app import create_app\nfrom app.core.db import db\napp = create_app()\n" \
                 "with app.app_context(): db.create_all()"
        subprocess.run([sys.executable, "-c", schema], env=env, check=True, cwd=ROOT)  # noqa: S603
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "flask", "content", "import", str(content)],  # noqa: S603
                              env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            return "failed: " + (done.stdout + done.stderr).strip().splitlines()[-1][:200]
        return round(seconds, 2)


def import_times(env: dict) -> dict:
    """The two imports' seconds, by what was imported."""
    times = {"flask content import, shipped content (fresh SQLite)": timed_import(ROOT / "content", env)}
    with tempfile.TemporaryDirectory() as folder:
        generated = generated_content(Path(folder), 20)
        times["flask content import, generated 20 courses (fresh SQLite)"] = timed_import(generated, env)
    return {name: f"{value} s" if isinstance(value, float) else value for name, value in times.items()}
