"""Stored uploads are private to the app's own user on the host: files 0600, folders 0700."""

import os
import stat

import pytest

from app.core import files
from app.core.db import db

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@pytest.fixture
def usual_umask():
    """The common umask (022) that would leave new files readable by every user on the host."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_an_upload_is_stored_0600_in_folders_0700(app, tmp_path, usual_umask):
    """A stored file and the storage folders it creates are readable by the app's own user only."""
    storage = tmp_path / "storage"
    stored = files.store_upload(str(storage), "kuva.png", PNG)
    db.session.commit()
    assert mode(files.stored_path(str(storage), stored.stored_name)) == 0o600
    assert mode(storage / "uploads") == 0o700
    assert mode(storage) == 0o700


def test_an_open_uploads_folder_left_by_an_older_version_is_closed(app, tmp_path, usual_umask):
    """An existing uploads folder readable by others is made 0700 when the next file is stored."""
    uploads = tmp_path / "uploads"
    uploads.mkdir(mode=0o755)
    uploads.chmod(0o755)
    files.store_upload(str(tmp_path), "kuva.png", PNG)
    assert mode(uploads) == 0o700
