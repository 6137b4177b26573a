"""Readiness for a load balancer or an orchestrator: may this instance take requests now?

`/healthz` (views.py) is liveness: the process answers. `/readyz` checks what a request needs — the
database, Redis when rate limits are kept there, free space in storage, and the signing key — and
answers 503 while any is missing. Public, and it names no user, file or path.
"""

import shutil
from pathlib import Path

from flask import current_app, jsonify
from sqlalchemy import text

from app.core.db import db
from app.extensions import limiter
from app.web.public import bp
from competence import signing_keys

disk_usage = shutil.disk_usage  # a module attribute, so that tests can fill the disk


def _database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means the database cannot serve; the edge rolls back
        return "unavailable"
    return "ok"


def _redis() -> str:
    if not str(current_app.config.get("RATELIMIT_STORAGE_URI", "")).startswith(("redis", "rediss")):
        return "not used"
    try:
        return "ok" if limiter.storage.check() else "unavailable"
    except Exception:  # noqa: BLE001 - a storage that cannot even be asked is away
        return "unavailable"


def _storage() -> tuple[str, int | None]:
    folder = Path(current_app.config["STORAGE_DIR"])
    if not folder.is_dir():
        return "missing", None
    free_mb = disk_usage(folder).free // (1024 * 1024)
    return ("ok" if free_mb >= current_app.config["READY_MIN_FREE_MB"] else "low"), free_mb


def _signing_key() -> str:
    return "ok" if signing_keys.has_signing_key(str(Path(current_app.config["STORAGE_DIR"]) / "keys")) else "missing"


@bp.get("/readyz")
def readyz():
    storage, free_mb = _storage()
    checks = {"database": _database(), "redis": _redis(), "storage": storage, "signing_key": _signing_key()}
    ready = all(value in ("ok", "not used") for value in checks.values())
    body = {"status": "ready" if ready else "not ready", "checks": checks, "storage_free_mb": free_mb}
    return jsonify(body), (200 if ready else 503), {"Cache-Control": "no-store"}
