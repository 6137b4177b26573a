"""Stored files never outlive their rows: an upload takes its name only when its row commits, a
rollback leaves nothing, `flask storage sweep` removes what no row names, and a full disk is refused
with a clear message that keeps the learner's text and leaves no partial file."""

import errno
import io
import logging
import os
import time
from pathlib import Path

import pytest

from app.core import files, storage
from app.core.db import db
from competence.models import RecognitionRequest
from tests.competence_factory import make_framework
from tests.conftest import post_form
from tests.unit.progress.test_activities import PDF

NEW_REQUEST = "/learn/skills/recognition/new?unit=TET-TT"
DESCRIPTION = "Olen tehnyt varastotöitä kaksi vuotta trukilla."


def uploads_of(app) -> list[str]:
    folder = Path(app.config["STORAGE_DIR"]) / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_an_upload_is_in_place_only_after_its_row_commits(app):
    """Before the commit only a temporary file exists; the commit gives the file its own name."""
    stored = files.store_upload(app.config["STORAGE_DIR"], "todistus.pdf", PDF)
    assert uploads_of(app) == [f"{storage.TEMPORARY_PREFIX}{stored.stored_name}"]
    db.session.commit()
    assert uploads_of(app) == [stored.stored_name]
    assert files.stored_path(app.config["STORAGE_DIR"], stored.stored_name).read_bytes() == PDF


@pytest.mark.parametrize("ending", ["rollback", "close"])
def test_a_rolled_back_or_abandoned_upload_leaves_no_file(app, ending):
    """A rollback, or a session closed without a commit (a failed request), deletes the written file."""
    files.store_upload(app.config["STORAGE_DIR"], "todistus.pdf", PDF)
    db.session.rollback() if ending == "rollback" else db.session.remove()
    assert uploads_of(app) == []


def test_a_refused_upload_over_http_keeps_no_file(app, world, as_user):
    """A request that fails after writing the file (here: sending with an unknown unit) stores nothing."""
    make_framework()
    learner = as_user(world.learner)
    response = post_form(learner, "/learn/skills/recognition/new?unit=NOPE", {
        "description": DESCRIPTION, "file": (io.BytesIO(PDF), "todistus.pdf")},
        token_from=NEW_REQUEST, content_type="multipart/form-data")
    assert response.status_code == 404
    assert uploads_of(app) == []


def aged(path: Path, seconds: int = 7200) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_sweep_removes_unreferenced_and_leftover_files_and_says_so(app, world, as_user):
    """Old orphans and temporary leftovers go; files with rows, young files and a committed file caught
    before its move stay (the last is moved into place); the command reports each."""
    make_framework()
    learner = as_user(world.learner)
    post_form(learner, NEW_REQUEST, {"description": DESCRIPTION, "file": (io.BytesIO(PDF), "todistus.pdf")},
              token_from=NEW_REQUEST, content_type="multipart/form-data")
    kept = RecognitionRequest.query.one().files[0].stored_name
    folder = Path(app.config["STORAGE_DIR"]) / "uploads"
    orphan, young, leftover = folder / "orphan.pdf", folder / "young.pdf", folder / ".tmp-gone.pdf"
    for path in (orphan, young, leftover):
        path.write_bytes(PDF)
    caught = folder / kept
    caught.rename(folder / f".tmp-{kept}")  # the worker died between the commit and the move
    for path in (orphan, leftover, folder / f".tmp-{kept}"):
        aged(path)
    result = app.test_cli_runner().invoke(args=["storage", "sweep"])
    assert result.exit_code == 0, result.output
    assert "removed unreferenced orphan.pdf" in result.output
    assert "removed leftover temporary .tmp-gone.pdf" in result.output
    assert f"moved committed {kept} into place" in result.output
    assert "removed 1 unreferenced file(s), 1 leftover temporary file(s)" in result.output
    assert uploads_of(app) == sorted([kept, "young.pdf"])


class FullDisk(io.RawIOBase):
    """A file that takes the first bytes and then finds the disk full, as a real write would."""

    def __init__(self, descriptor, *args, **kwargs):
        self.descriptor = descriptor

    def writable(self):
        return True

    def write(self, data):
        os.write(self.descriptor, bytes(data[:100]))
        raise OSError(errno.ENOSPC, "No space left on device")

    def close(self):
        os.close(self.descriptor)
        super().close()


def test_a_full_disk_keeps_the_learners_text_and_leaves_no_partial_file(app, world, as_user, monkeypatch, caplog):
    """ENOSPC while storing evidence: a translated message, the description kept in the form and saved,
    nothing in storage, and an error storage_full in the log."""
    make_framework()
    learner = as_user(world.learner)
    monkeypatch.setattr(storage.os, "fdopen", FullDisk)
    with caplog.at_level(logging.ERROR):
        response = post_form(learner, NEW_REQUEST, {"description": DESCRIPTION, "action": "save",
                                                    "file": (io.BytesIO(PDF), "todistus.pdf")},
                             token_from=NEW_REQUEST, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Tiedostoa ei voitu tallentaa, koska palvelun tallennustila on täynnä" in page
    assert DESCRIPTION in page
    assert uploads_of(app) == []
    assert any(getattr(r, "event", "") == "storage_full" for r in caplog.records)
    saved = RecognitionRequest.query.one()
    assert saved.description == DESCRIPTION and saved.files == []


def test_a_failed_move_after_the_commit_is_logged_and_left_for_the_sweep(app, monkeypatch, caplog):
    """A rename that fails after the commit is logged, not raised: the file waits under its temporary name."""
    stored = files.store_upload(app.config["STORAGE_DIR"], "todistus.pdf", PDF)

    def refuse(*args):
        raise OSError(errno.EIO, "I/O error")

    with monkeypatch.context() as patch:
        patch.setattr(storage.os, "rename", refuse)
        with caplog.at_level(logging.ERROR):
            db.session.commit()
    assert "storage_move_failed" in caplog.text
    assert uploads_of(app) == [f"{storage.TEMPORARY_PREFIX}{stored.stored_name}"]
