"""A consistent backup: the database first (SQLite's online backup API, or pg_dump), then the storage
folder (uploads and signing keys), with a manifest saying what is in it.

The database comes first: a file is moved into place only after its row commits, so every row in the
dump has its file in the copy taken after it, unless the file was removed in between; the manifest
lists any such file (`missing_files`) and `flask backup` says so. README "Deployment" tells how to
restore.
"""

import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from app.core.db import db
from app.core.storage import TEMPORARY_PREFIX, referenced_names

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"


class BackupError(RuntimeError):
    """The backup cannot be taken (the reason is for the operator)."""


@dataclass
class Manifest:
    created_at: str
    database: str
    database_file: str
    revision: str | None
    files: int
    missing_files: list[str] = field(default_factory=list)


def take_backup(target: Path, storage_dir: str) -> Manifest:
    """Write the database dump and a copy of storage into `target`, a new folder (0700)."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new folder")
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    target.chmod(0o700)
    url = db.engine.url
    referenced = referenced_names()
    revision = _revision()
    db.session.rollback()
    if url.get_backend_name() == "sqlite":
        database_file = SQLITE_FILE
        _sqlite_backup(url.database, target / database_file)
    elif url.get_backend_name() == "postgresql":
        database_file = POSTGRES_FILE
        _pg_dump(url, target / database_file)
    else:
        raise BackupError(f"no backup method for {url.get_backend_name()}")
    storage = Path(storage_dir)
    copied = target / "storage"
    if storage.is_dir():
        shutil.copytree(storage, copied, ignore=shutil.ignore_patterns(f"{TEMPORARY_PREFIX}*"))
    else:
        copied.mkdir(mode=0o700)
    uploads = copied / "uploads"
    present = {p.name for p in uploads.iterdir()} if uploads.is_dir() else set()
    manifest = Manifest(created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                        database=url.get_backend_name(), database_file=database_file, revision=revision,
                        files=len(present), missing_files=sorted(referenced - present))
    (target / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2) + "\n")
    return manifest


def _revision() -> str | None:
    if not inspect(db.engine).has_table("alembic_version"):
        return None
    return db.session.scalar(text("SELECT version_num FROM alembic_version"))


def _sqlite_backup(source: str | None, destination: Path) -> None:
    if not source or source == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    with sqlite3.connect(source) as live, sqlite3.connect(destination) as copy:
        live.backup(copy)
    os.chmod(destination, 0o600)


def pg_program(name: str) -> str:
    """A PostgreSQL client program: on PATH, else the newest of Debian's /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    raise BackupError(f"{name} is not installed (Debian: postgresql-client)")


def libpq_arguments(url) -> tuple[list[str], dict]:
    """Connection options for pg_dump and friends; the password goes in the environment, not argv."""
    url = make_url(url)
    arguments = ["-d", url.database or ""]
    if url.host:
        arguments += ["-h", url.host]
    if url.port:
        arguments += ["-p", str(url.port)]
    if url.username:
        arguments += ["-U", url.username]
    env = dict(os.environ, **({"PGPASSWORD": url.password} if url.password else {}))
    return arguments, env


def _pg_dump(url, destination: Path) -> None:
    arguments, env = libpq_arguments(url)
    # One snapshot of the whole database (pg_dump runs in a single repeatable-read transaction).
    done = subprocess.run([pg_program("pg_dump"), "-Fc", "--no-owner", "-f", str(destination), *arguments],  # noqa: S603
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    os.chmod(destination, 0o600)
