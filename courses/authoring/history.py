"""Published versions of a course: the list, the difference of any two, and restoring one as a draft."""

import difflib
from dataclasses import dataclass

from sqlalchemy import select

from app.core import audit
from app.core.accounts.models import User
from app.core.db import db, utcnow
from app.core.errors import NotFound
from courses.authoring.drafts import draft_for
from courses.authoring.models import CourseVersion, CourseVersionFile, DraftFile
from courses.authoring.published import course_prefix, digest, published_files


@dataclass(frozen=True)
class VersionRow:
    id: int
    number: int
    created_at: object
    author: str | None  # None: written by `flask content import`


@dataclass(frozen=True)
class FileDiff:
    path: str
    lines: tuple[str, ...]  # unified diff lines; empty for a picture that changed
    binary: bool = False


def versions(course_code: str) -> list[VersionRow]:
    rows = db.session.execute(
        select(CourseVersion.id, CourseVersion.number, CourseVersion.created_at, User.display_name)
        .outerjoin(User, User.id == CourseVersion.created_by_id)
        .where(CourseVersion.course_code == course_code).order_by(CourseVersion.number.desc()))
    return [VersionRow(*row) for row in rows]


def version_files(course_code: str, number: int) -> dict[str, bytes]:
    rows = db.session.execute(
        select(CourseVersionFile.path, CourseVersionFile.data).join(CourseVersion)
        .where(CourseVersion.course_code == course_code, CourseVersion.number == number))
    files = dict(rows.tuples().all())
    if not files:
        raise NotFound()
    return files


def diff(course_code: str, old: int, new: int) -> list[FileDiff]:
    """What changed from version `old` to version `new`, file by file."""
    before, after = version_files(course_code, old), version_files(course_code, new)
    changes = []
    for path in sorted(set(before) | set(after)):
        a, b = before.get(path, b""), after.get(path, b"")
        if a == b:
            continue
        try:
            lines = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(),
                                         f"{old}/{path}", f"{new}/{path}", lineterm="", n=2)
            changes.append(FileDiff(path, tuple(lines)))
        except UnicodeDecodeError:
            changes.append(FileDiff(path, (), binary=True))
    return changes


def restore(actor, course_code: str, slug: str, number: int) -> int:
    """Make version `number` the course's draft: its files, and its absence of later files; flushes.
    Returns how many files the draft changes.
    """
    wanted = version_files(course_code, number)
    published = published_files(course_prefix(slug))
    changed = 0
    for path in sorted(set(wanted) | set(published)):
        data = wanted.get(path)
        draft = draft_for(course_code, path)
        if draft is None and data == published.get(path):
            continue
        if draft is None:
            draft = DraftFile(course_code=course_code, path=path, data=b"", revision=0,
                              base_hash=digest(published[path]) if path in published else "")
            db.session.add(draft)
        draft.data, draft.deleted = data or b"", data is None
        draft.revision += 1
        draft.updated_by_id, draft.updated_at = actor.id, utcnow()
        changed += 1
    db.session.flush()
    version = db.session.scalar(select(CourseVersion).where(CourseVersion.course_code == course_code,
                                                             CourseVersion.number == number))
    audit.record(actor, "content.version_restored", version, {"course": course_code, "number": number,
                                                              "files": changed})
    return changed


def number_of(course_code: str, version_id: int) -> int:
    number = db.session.scalar(select(CourseVersion.number).where(CourseVersion.id == version_id,
                                                                  CourseVersion.course_code == course_code))
    if number is None:
        raise NotFound()
    return number
