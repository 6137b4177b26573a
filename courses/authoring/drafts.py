"""Draft files: an editor's unpublished changes to a course, saved with conflict detection.

The text an editor starts from is the draft if there is one, else the published file; the form
carries that text's revision (0 for the published file) and the published file's hash. A save from
an older revision, or from a published file that has changed since, is a conflict: nothing is
overwritten and the editor sees both texts.
"""

from dataclasses import dataclass

from sqlalchemy import delete, select

from app.core import audit
from app.core.db import db, utcnow
from courses.authoring.models import DraftFile
from courses.authoring.published import digest, published_file


@dataclass(frozen=True)
class Working:
    """The text an editor starts from, and what a save must name to replace it."""

    data: bytes | None
    revision: int
    base_hash: str
    drafted: bool

    @property
    def text(self) -> str | None:
        return None if self.data is None else self.data.decode("utf-8")


class EditConflict(Exception):
    """Someone saved or published this file after the editor opened it; `saved` is what is there now."""

    def __init__(self, saved: Working):
        super().__init__("the file changed while it was being edited")
        self.saved = saved


def draft_for(course_code: str, path: str) -> DraftFile | None:
    return db.session.scalar(select(DraftFile).where(DraftFile.course_code == course_code,
                                                     DraftFile.path == path))


def working(course_code: str, path: str) -> Working:
    draft = draft_for(course_code, path)
    if draft is not None:
        return Working(None if draft.deleted else draft.data, draft.revision, draft.base_hash, True)
    data = published_file(path)
    return Working(data, 0, digest(data) if data is not None else "", False)


def save_draft(actor, course_code: str, path: str, data: bytes, revision: int, base_hash: str) -> DraftFile:
    """Save `data` as the draft of `path`; raises EditConflict when it started from an older text."""
    draft = draft_for(course_code, path)
    if draft is not None:
        if revision != draft.revision:
            raise EditConflict(working(course_code, path))
        draft.data, draft.deleted, draft.revision = data, False, draft.revision + 1
        draft.updated_by_id, draft.updated_at = actor.id, utcnow()
    else:
        now = working(course_code, path)
        if revision != 0 or base_hash != now.base_hash:
            raise EditConflict(now)
        draft = DraftFile(course_code=course_code, path=path, data=data, base_hash=base_hash, revision=1,
                          updated_by_id=actor.id, updated_at=utcnow())
        db.session.add(draft)
    db.session.flush()
    audit.record(actor, "content.draft_saved", draft, {"course": course_code, "path": path,
                                                      "revision": draft.revision})
    return draft


def course_drafts(course_code: str) -> list[DraftFile]:
    return list(db.session.scalars(select(DraftFile).where(DraftFile.course_code == course_code)
                                   .order_by(DraftFile.path)))


def drafted_paths(course_code: str) -> list[str]:
    return list(db.session.scalars(select(DraftFile.path).where(DraftFile.course_code == course_code)
                                   .order_by(DraftFile.path)))


def drop_drafts(course_code: str) -> None:
    db.session.execute(delete(DraftFile).where(DraftFile.course_code == course_code))


def discard_drafts(actor, course) -> int:
    """Drop every draft file of the course, so the published content is what editors start from again."""
    paths = drafted_paths(course.code)
    drop_drafts(course.code)
    audit.record(actor, "content.drafts_discarded", course, {"course": course.code, "files": paths})
    return len(paths)
