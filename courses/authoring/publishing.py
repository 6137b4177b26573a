"""Publishing a course: its drafts over the published tree, checked and imported exactly as
`flask content import` does, then a version of the course with who and when.
"""

from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import select

from app.core import audit
from app.core.db import db
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from competence.sourcefiles import Problem
from courses.authoring.drafts import course_drafts, drop_drafts
from courses.authoring.models import CourseVersion
from courses.authoring.published import newest_version, published_files, write_tree
from courses.content_import.checker import inspect_content
from courses.content_import.loader import ContentErrors, import_content
from courses.models import Course


def course_by_code(course_code: str) -> Course:
    course = db.session.scalar(select(Course).where(Course.code == course_code, Course.archived_at.is_(None)))
    if course is None:
        raise NotFound()
    return course


def _tree_with_drafts(course_code: str) -> dict[str, bytes]:
    files = published_files()
    if not files:
        raise Invalid(N_("The published content is not in the database yet: run flask content import once."))
    for draft in course_drafts(course_code):
        if draft.deleted:
            files.pop(draft.path, None)
        else:
            files[draft.path] = draft.data
    return files


def check_course(course_code: str) -> list[Problem]:
    """Every problem the content check finds in the published content with this course's drafts."""
    course_by_code(course_code)
    with TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        write_tree(_tree_with_drafts(course_code), root)
        return inspect_content(root).problems


class NotPublished(Invalid):
    """The content check found problems, so nothing was published; `problems` lists them."""

    message = N_("Nothing was published: the content check found problems. Fix them and publish again.")

    def __init__(self, problems: list[Problem]):
        super().__init__()
        self.problems = problems


def publish_course(actor, course_code: str) -> CourseVersion:
    """Import the published content with this course's drafts, as `flask content import` does, and
    drop the drafts; raises NotPublished, having changed nothing, while the check finds a problem.
    """
    course_by_code(course_code)
    drafts = course_drafts(course_code)
    if not drafts:
        raise Invalid(N_("There are no changes to publish."))
    with TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        write_tree(_tree_with_drafts(course_code), root)
        try:
            import_content(root, actor)
        except ContentErrors as errors:
            # import_content checks the tree first and changes nothing when it finds a problem.
            raise NotPublished(errors.problems) from None
    drop_drafts(course_code)
    version = newest_version(course_code)
    audit.record(actor, "content.published", version, {"course": course_code, "number": version.number,
                                                        "files": [draft.path for draft in drafts]})
    return version
