"""Uploaded files, for every domain: the type is read from the content, never the name, and files
are stored outside the web root under generated names. Task files (courses) and evidence files
(competence) share this one implementation.
"""

import hashlib
import io
import secrets
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import Invalid
from app.core.i18n import N_
from app.core.storage import write_after_commit

MAX_BYTES = 10 * 1024 * 1024
# Limits for zip-based documents: a real DOCX or ODT stays far below them, a zip bomb does not.
MAX_ZIP_MEMBERS = 1000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
RATIO_GRACE_BYTES = 1024 * 1024
MAX_MIMETYPE_BYTES = 200
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
        return _zip_document_type(data)
    return None


def detect_picture(data: bytes) -> str | None:
    """"png", "jpg" or "webp" by the file's first bytes; anything else (SVG too) is no picture."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    kind = detect_type(data)
    return kind if kind in ("png", "jpg") else None


def _zip_document_type(data: bytes) -> str | None:
    """DOCX or ODT, judged without unpacking more than a few hundred bytes; a zip bomb is no document."""
    # Each central directory entry starts with this signature, so this bounds what ZipFile would parse.
    if data.count(b"PK\x01\x02") > MAX_ZIP_MEMBERS:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if not _zip_looks_safe(members):
                return None
            names = {member.filename for member in members}
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return "docx"
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(MAX_MIMETYPE_BYTES + 1)
                if len(mimetype) <= MAX_MIMETYPE_BYTES and mimetype.strip() == CONTENT_TYPES["odt"].encode():
                    return "odt"
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, RuntimeError, NotImplementedError,
            zlib.error):
        return None
    return None


def _zip_looks_safe(members: list[zipfile.ZipInfo]) -> bool:
    """Few members, plainly compressed, with believable declared sizes and compression ratios."""
    if not members or len(members) > MAX_ZIP_MEMBERS:
        return False
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        return False
    for member in members:
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return False
        if member.filename == "mimetype" and member.file_size > MAX_MIMETYPE_BYTES:
            return False
        if member.file_size > RATIO_GRACE_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            return False
    return True


def clean_name(name: str) -> str:
    name = Path((name or "").replace("\\", "/")).name.strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"/|?*')
    return name[:200] or "tiedosto"


def download_name(original_name: str, content_type: str) -> str:
    """The person's name for the file with the extension of its detected type, never the one they gave."""
    kind = next((k for k, t in CONTENT_TYPES.items() if t == content_type), "bin")
    base = Path(clean_name(original_name)).stem.lstrip(".") or "tiedosto"
    return f"{base}.{kind}"


def store_upload(storage_dir: str, original_name: str, data: bytes, accept=ALL_TYPES) -> StoredFile:
    """Check and store the bytes, in place once the session commits (app.core.storage); raise Invalid with
    a message the learner understands.
    """
    if not data:
        raise Invalid(N_("The file is empty. Choose the file again."))
    if len(data) > MAX_BYTES:
        raise Invalid(N_("The file is too large. The largest allowed size is 10 MB."))
    kind = detect_type(data)
    if kind is None or kind not in accept:
        raise Invalid(N_("This type of file cannot be used here. Allowed: %(types)s."),
                      types=", ".join(t.upper() for t in accept))
    folder = _private_folder(_private_folder(Path(storage_dir)) / "uploads")
    stored_name = f"{secrets.token_hex(16)}.{kind}"
    write_after_commit(folder, stored_name, data)
    return StoredFile(stored_name, clean_name(original_name), kind, CONTENT_TYPES[kind], len(data),
                      hashlib.sha256(data).hexdigest())


def _private_folder(folder: Path) -> Path:
    """The folder, readable only by the app's own user (0700), made so if an older version left it open."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def stored_path(storage_dir: str, stored_name: str) -> Path:
    return Path(storage_dir) / "uploads" / Path(stored_name).name


def remove_stored(storage_dir: str, stored_name: str) -> None:
    stored_path(storage_dir, stored_name).unlink(missing_ok=True)
