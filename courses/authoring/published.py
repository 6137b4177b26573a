"""The published content source: every file of content/ kept verbatim at each import.

Export writes these files back, byte for byte, so browser edits and git edits meet in content/.
Each import also records a new version of every course whose files changed.
"""

import hashlib
from pathlib import Path

from sqlalchemy import func, select

from app.core.db import db
from courses.authoring.models import CourseVersion, CourseVersionFile, SourceFile

FOLDERS = ("frameworks", "courses")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def course_prefix(slug: str) -> str:
    return f"courses/{slug}/"


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under root/frameworks and root/courses by its posix path (hidden files left out)."""
    files = {}
    for folder in FOLDERS:
        for path in sorted((Path(root) / folder).rglob("*")):
            relative = path.relative_to(root)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                files[relative.as_posix()] = path.read_bytes()
    return files


def write_tree(files: dict[str, bytes], root: Path) -> None:
    """Write `files` under `root` (a new or empty folder)."""
    for name, data in files.items():
        target = Path(root) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def published_files(prefix: str = "") -> dict[str, bytes]:
    """The published files whose path starts with `prefix`, by path."""
    rows = db.session.execute(select(SourceFile.path, SourceFile.data)
                              .where(SourceFile.path.startswith(prefix, autoescape=True))
                              .order_by(SourceFile.path))
    return dict(rows.tuples().all())


def published_file(path: str) -> bytes | None:
    return db.session.scalar(select(SourceFile.data).where(SourceFile.path == path))


def keep_source(files: dict[str, bytes], courses: dict[str, str], actor=None) -> list[CourseVersion]:
    """Replace the published source with `files`, and record a version of each course (code → folder)
    whose files differ from its newest version; flushes. Returns the new versions.
    """
    existing = {row.path: row for row in db.session.scalars(select(SourceFile))}
    for path, data in files.items():
        row = existing.pop(path, None)
        if row is None:
            db.session.add(SourceFile(path=path, data=data, sha256=digest(data)))
        elif row.data != data:
            row.data, row.sha256 = data, digest(data)
    for row in existing.values():
        db.session.delete(row)
    versions = []
    for code, slug in courses.items():
        prefix = course_prefix(slug)
        course_files = {path: data for path, data in files.items() if path.startswith(prefix)}
        newest = newest_version(code)
        if newest is not None and {f.path: f.data for f in newest.files} == course_files:
            continue
        version = CourseVersion(course_code=code, number=(newest.number if newest else 0) + 1,
                                created_by_id=getattr(actor, "id", None))
        version.files = [CourseVersionFile(path=path, data=data) for path, data in course_files.items()]
        db.session.add(version)
        versions.append(version)
    db.session.flush()
    return versions


def newest_version(course_code: str) -> CourseVersion | None:
    newest = (select(func.max(CourseVersion.number)).where(CourseVersion.course_code == course_code)
              .scalar_subquery())
    return db.session.scalar(select(CourseVersion).where(CourseVersion.course_code == course_code,
                                                         CourseVersion.number == newest))


def export_source(root: Path) -> int:
    """Write the published content under `root`; returns how many files were written."""
    files = published_files()
    write_tree(files, root)
    return len(files)
