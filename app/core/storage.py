"""Stored files never outlive their rows.

An upload is written under a temporary name (`.tmp-<stored name>`) and moved into place only when the
database session commits the row that names it; a rollback, or a session closed without a commit,
deletes it. A worker killed in between leaves at most a temporary file, which `sweep` removes once it
is old (or moves into place, when its row did commit just before the kill). `sweep` also removes
files that no row names, such as those of a crash from before this rule.

A full disk is refused with StorageFull (a translated message, and an error in the log starting
`storage_full:` for an operator alert), and leaves no partial file.
"""

import errno
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.core.db import UploadedFileColumns, db
from app.core.errors import Invalid
from app.core.i18n import N_

TEMPORARY_PREFIX = ".tmp-"
SWEEP_AGE_SECONDS = 60 * 60
_PENDING = "verstas_pending_files"
log = logging.getLogger(__name__)


class StorageFull(Invalid):
    status = 507
    message = N_("The file could not be saved because the service's storage is full. What you wrote is "
                 "kept. Please try again later, and tell your coach if this goes on.")


def write_after_commit(folder: Path, stored_name: str, data: bytes) -> None:
    """Write the file under its temporary name now; it takes its own name when the session commits."""
    temporary = folder / f"{TEMPORARY_PREFIX}{stored_name}"
    session = db.session()
    if not session.in_transaction():
        session.begin()  # so that a rollback or close ends a transaction, which discards the file
    _write_private(temporary, data)
    session.info.setdefault(_PENDING, []).append((temporary, folder / stored_name))


def _write_private(path: Path, data: bytes) -> None:
    """A new file only the app's own user can read (0600), on the disk before its row commits."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException as error:
        path.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            log.error("storage_full: no space left for an upload in %s", path.parent,
                      extra={"event": "storage_full"})
            raise StorageFull() from error
        raise


@event.listens_for(Session, "after_commit")
def _move_into_place(session) -> None:
    for temporary, final in session.info.pop(_PENDING, ()):
        try:
            os.rename(temporary, final)
        except OSError:
            # The row is saved: the sweep moves the file into place later, so the request still succeeds.
            log.exception("storage_move_failed: %s stays under its temporary name", final.name,
                          extra={"event": "storage_move_failed"})


@event.listens_for(Session, "after_transaction_end")
def _discard(session, transaction) -> None:
    # The outermost transaction ended without a commit (after_commit took the committed ones).
    if transaction.parent is None:
        for temporary, _final in session.info.pop(_PENDING, ()):
            temporary.unlink(missing_ok=True)


@dataclass
class SweepReport:
    removed: list[str] = field(default_factory=list)
    temporary_removed: list[str] = field(default_factory=list)
    moved_into_place: list[str] = field(default_factory=list)
    kept: int = 0

    def __str__(self) -> str:
        return (f"storage sweep: removed {len(self.removed)} unreferenced file(s), "
                f"{len(self.temporary_removed)} leftover temporary file(s); moved "
                f"{len(self.moved_into_place)} committed file(s) into place; kept {self.kept}")


def referenced_names() -> set[str]:
    """Every stored name that a row of any uploaded-file table holds."""
    names: set[str] = set()
    for mapper in db.Model.registry.mappers:
        if issubclass(mapper.class_, UploadedFileColumns):
            names.update(db.session.scalars(select(mapper.class_.stored_name)))
    return names


def sweep(storage_dir: str, age_seconds: int = SWEEP_AGE_SECONDS, now: float | None = None) -> SweepReport:
    """Remove files in uploads/ that no row names and leftover temporary files, both older than
    `age_seconds` (younger ones may belong to a request still running).
    """
    report = SweepReport()
    folder = Path(storage_dir) / "uploads"
    if not folder.is_dir():
        return report
    referenced = referenced_names()
    cutoff = (now or time.time()) - age_seconds
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        old = path.stat().st_mtime < cutoff
        if path.name.startswith(TEMPORARY_PREFIX):
            final = path.with_name(path.name.removeprefix(TEMPORARY_PREFIX))
            if final.name in referenced and not final.exists():
                os.rename(path, final)
                report.moved_into_place.append(final.name)
            elif old:
                path.unlink(missing_ok=True)
                report.temporary_removed.append(path.name)
            else:
                report.kept += 1
        elif path.name not in referenced and old:
            path.unlink(missing_ok=True)
            report.removed.append(path.name)
        else:
            report.kept += 1
    for name in report.removed + report.temporary_removed:
        log.info("storage_sweep_removed: %s", name, extra={"event": "storage_sweep_removed"})
    return report
