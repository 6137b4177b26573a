"""Uploaded files, for every domain: the type is read from the content, never the name, and files
are stored outside the web root under generated names. Task files (courses) and evidence files
(competence) share this one implementation.
"""

import hashlib
import io
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import Invalid
from app.core.i18n import N_

MAX_BYTES = 10 * 1024 * 1024
ALL_TYPES = ("pdf", "docx", "odt", "jpg", "png")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "jpg": "image/jpeg",
    "png": "image/png",
}


@dataclass
class StoredFile:
    stored_name: str
    original_name: str
    kind: str
    content_type: str
    size: int
    sha256: str


def detect_type(data: bytes) -> str | None:
    """The file's real type by its first bytes (and, for zip-based documents, by what the zip holds)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                    return "docx"
                if "mimetype" in names and archive.read("mimetype").strip() == CONTENT_TYPES["odt"].encode():
                    return "odt"
        except (zipfile.BadZipFile, KeyError, OSError):
            return None
    return None


def clean_name(name: str) -> str:
    name = Path((name or "").replace("\\", "/")).name.strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"/|?*')
    return name[:200] or "tiedosto"


def store_upload(storage_dir: str, original_name: str, data: bytes, accept=ALL_TYPES) -> StoredFile:
    """Check and store the bytes; raise Invalid with a message the learner understands."""
    if not data:
        raise Invalid(N_("The file is empty. Choose the file again."))
    if len(data) > MAX_BYTES:
        raise Invalid(N_("The file is too large. The largest allowed size is 10 MB."))
    kind = detect_type(data)
    if kind is None or kind not in accept:
        raise Invalid(N_("This type of file cannot be used here. Allowed: %(types)s."),
                      types=", ".join(t.upper() for t in accept))
    folder = Path(storage_dir) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{kind}"
    (folder / stored_name).write_bytes(data)
    return StoredFile(stored_name, clean_name(original_name), kind, CONTENT_TYPES[kind], len(data),
                      hashlib.sha256(data).hexdigest())


def stored_path(storage_dir: str, stored_name: str) -> Path:
    return Path(storage_dir) / "uploads" / Path(stored_name).name


def remove_stored(storage_dir: str, stored_name: str) -> None:
    stored_path(storage_dir, stored_name).unlink(missing_ok=True)
