"""What the content pages list: the published courses, and a course's modules and steps with the
files that have drafts.
"""

from dataclasses import dataclass

from sqlalchemy import func, select

from app.core.db import db
from courses.authoring.models import DraftFile
from courses.models import Course, Module, Step


@dataclass(frozen=True)
class CourseRow:
    code: str
    title: str
    drafts: int


@dataclass(frozen=True)
class StepRow:
    id: int
    title: str
    kind: str
    path: str
    drafted: bool


@dataclass(frozen=True)
class ModuleRow:
    id: int
    title: str
    folder: str
    steps: tuple[StepRow, ...]


def course_rows() -> list[CourseRow]:
    drafts = (select(DraftFile.course_code, func.count(DraftFile.id).label("n"))
              .group_by(DraftFile.course_code).subquery())
    rows = db.session.execute(
        select(Course.code, Course.title, func.coalesce(drafts.c.n, 0))
        .outerjoin(drafts, drafts.c.course_code == Course.code)
        .where(Course.archived_at.is_(None)).order_by(Course.title))
    return [CourseRow(*row) for row in rows]


def course_outline(course: Course, drafted_paths: set[str]) -> list[ModuleRow]:
    modules = db.session.execute(
        select(Module.id, Module.title, Module.folder)
        .where(Module.course_id == course.id, Module.archived_at.is_(None)).order_by(Module.position)).all()
    steps = db.session.execute(
        select(Step.id, Step.module_id, Step.title, Step.kind, Step.source_path)
        .join(Module).where(Module.course_id == course.id, Step.archived_at.is_(None),
                            Module.archived_at.is_(None))
        .order_by(Step.position)).all()
    by_module: dict[int, list[StepRow]] = {}
    for step in steps:
        stem = step.source_path.removesuffix(".md")
        drafted = any(path == step.source_path or path.startswith(stem + ".") for path in drafted_paths)
        by_module.setdefault(step.module_id, []).append(
            StepRow(step.id, step.title, step.kind, step.source_path, drafted))
    return [ModuleRow(m.id, m.title, m.folder, tuple(by_module.get(m.id, ()))) for m in modules]
