"""Pictures for course content: PNG, JPEG or WebP judged by their bytes, made phone-sized with Pillow,
saved as draft files beside the step's Markdown and published with the course.
"""

import io
import re
import unicodedata
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select

from app.core import audit
from app.core.db import db, utcnow
from app.core.errors import Invalid
from app.core.files import MAX_BYTES, detect_picture
from app.core.i18n import N_
from courses.authoring.models import DraftFile, SourceFile

MAX_WIDTH = 960  # sharp on a phone at two device pixels per CSS pixel, small on a slow line
MAX_PIXELS = 40_000_000  # a bigger picture is refused before it is decoded
FORMATS = {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".svg", ".gif")


def phone_sized(data: bytes) -> tuple[bytes, str]:
    """The picture re-encoded at most MAX_WIDTH wide, without its metadata; and its extension.

    Raises Invalid for anything but a readable PNG, JPEG or WebP (an SVG is refused: it can carry script).
    """
    kind = detect_picture(data)
    if kind is None or len(data) > MAX_BYTES:
        raise Invalid(N_("Choose a PNG, JPEG or WebP picture of at most 10 MB."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[FORMATS[kind]])
            if image.width * image.height > MAX_PIXELS:
                raise Invalid(N_("The picture is too large. Choose a smaller one."))
            image = ImageOps.exif_transpose(image)
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise Invalid(N_("The picture could not be read. Choose another PNG, JPEG or WebP file.")) from None
    if image.width > MAX_WIDTH:
        image = image.resize((MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)), Image.Resampling.LANCZOS)
    if kind == "jpg" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    options = {"JPEG": {"quality": 85, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 85}}
    image.save(out, FORMATS[kind], **options[FORMATS[kind]])
    return out.getvalue(), kind


def picture_name(original: str, kind: str, taken: set[str]) -> str:
    """A content file name from the uploaded one: lowercase a-z, 0-9 and -, not already taken."""
    stem = original.rsplit(".", 1)[0]
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:60] or "kuva"
    name, number = f"{stem}.{kind}", 2
    while name in taken:
        name, number = f"{stem}-{number}.{kind}", number + 1
    return name


def pictures_in(course_code: str, folder: str) -> list[str]:
    """The names of the pictures in a module folder (`courses/<slug>/<module>/`), published or drafted."""
    published = db.session.scalars(select(SourceFile.path).where(SourceFile.path.startswith(folder, autoescape=True)))
    drafted = db.session.execute(select(DraftFile.path, DraftFile.deleted).where(
        DraftFile.course_code == course_code, DraftFile.path.startswith(folder, autoescape=True))).all()
    names = set(published) | {path for path, deleted in drafted if not deleted}
    names -= {path for path, deleted in drafted if deleted}
    return sorted(path.removeprefix(folder) for path in names
                  if "/" not in path.removeprefix(folder) and path.lower().endswith(PICTURE_SUFFIXES))


def add_picture(actor, course_code: str, folder: str, original_name: str, data: bytes, alt: str) -> str:
    """Save an uploaded picture as a new draft file in `folder`; returns the Markdown that shows it."""
    alt = " ".join(alt.split())
    if not alt:
        raise Invalid(N_("Describe the picture in a few words for those who cannot see it."))
    picture, kind = phone_sized(data)
    taken = set(db.session.scalars(select(SourceFile.path).where(SourceFile.path.startswith(folder, autoescape=True))))
    taken |= set(db.session.scalars(select(DraftFile.path).where(DraftFile.course_code == course_code,
                                                                 DraftFile.path.startswith(folder, autoescape=True))))
    name = picture_name(original_name, kind, {path.removeprefix(folder) for path in taken})
    draft = DraftFile(course_code=course_code, path=folder + name, data=picture, base_hash="", revision=1,
                      updated_by_id=actor.id, updated_at=utcnow())
    db.session.add(draft)
    db.session.flush()
    audit.record(actor, "content.picture_added", draft, {"course": course_code, "path": draft.path})
    alt = alt.replace("[", "(").replace("]", ")")
    return f"![{alt}]({name})"
