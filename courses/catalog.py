"""The published course tree (live courses, modules and steps) as a per-process snapshot.

Progress bars, My path, the module list, the step navigation and My skills need the tree's shape and
titles, never the texts; the snapshot holds exactly that, frozen, and is rebuilt only when content is
imported (app/core/content_cache.py). A module points at its course and a step at its module; the
catalog lists each course's modules and each module's steps. The full rows (texts, quiz settings)
are still read from the database, one step or module at a time, by the pages that show them.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from app.core import content_cache
from app.core.content_cache import frozen
from app.core.db import db
from courses.models import Course, Module, Step


@dataclass(frozen=True, slots=True, eq=False)
class CourseEntry:
    id: int
    code: str
    title: str
    summary: str
    language: str
    slug: str
    framework_code: str | None
    variants: Mapping[str, Mapping[str, str]]  # {language: {"title": ..., "summary": ...}}


@dataclass(frozen=True, slots=True, eq=False)
class ModuleEntry:
    id: int
    course: CourseEntry
    code: str
    title: str
    position: int
    minutes: int
    objectives: tuple[str, ...]
    variants: Mapping[str, Mapping[str, str]]  # {variant: {"title": ...}}: titles only


@dataclass(frozen=True, slots=True, eq=False)
class StepEntry:
    id: int
    module: ModuleEntry
    code: str
    kind: str
    title: str
    position: int
    minutes: int
    objectives: tuple[str, ...]
    variants: Mapping[str, Mapping[str, str]]  # {variant: {"title": ...}}: titles only, for lists

    @property
    def trains(self) -> tuple[str, ...]:
        """The objective codes this step trains: its own, else its module's."""
        return self.objectives or self.module.objectives


@dataclass(frozen=True, slots=True)
class Catalog:
    courses: tuple[CourseEntry, ...]  # by title
    modules_of: Mapping[int, tuple[ModuleEntry, ...]]  # course id: its modules by position
    steps_of: Mapping[int, tuple[StepEntry, ...]]  # module id: its steps by position
    modules: Mapping[int, ModuleEntry]
    steps: Mapping[int, StepEntry]
    practice_for: Mapping[str, ModuleEntry]  # objective code: the first module that trains it

    def live_steps(self) -> tuple[StepEntry, ...]:
        """Every live step, by course title, module and position."""
        return tuple(step for course in self.courses for module in self.modules_of[course.id]
                     for step in self.steps_of[module.id])


def _titles(variants: dict | None) -> dict:
    return {name: {"title": v["title"]} for name, v in (variants or {}).items()
            if isinstance(v, dict) and v.get("title")}


def _course_titles(variants: dict | None) -> dict:
    return {name: {"title": v["title"], "summary": v.get("summary") or ""} for name, v in (variants or {}).items()
            if isinstance(v, dict) and v.get("title")}


def _build() -> Catalog:
    """Three queries of the columns the snapshot holds (no texts, settings or bodies)."""
    courses = {
        row.id: CourseEntry(row.id, row.code, row.title, row.summary, row.language, row.slug, row.framework_code,
                            frozen(_course_titles(row.variants)))
        for row in db.session.execute(
            select(Course.id, Course.code, Course.title, Course.summary, Course.language, Course.slug,
                   Course.framework_code, Course.variants)
            .where(Course.archived_at.is_(None)).order_by(Course.title, Course.id))
    }
    modules_of: dict[int, list[ModuleEntry]] = {course_id: [] for course_id in courses}
    modules = {}
    for row in db.session.execute(
            select(Module.id, Module.course_id, Module.code, Module.title, Module.position, Module.minutes,
                   Module.objectives, Module.variants)
            .where(Module.archived_at.is_(None), Module.course_id.in_(list(courses)))
            .order_by(Module.position, Module.id)):
        module = ModuleEntry(row.id, courses[row.course_id], row.code, row.title, row.position, row.minutes,
                             tuple(row.objectives or ()), frozen(_titles(row.variants)))
        modules_of[row.course_id].append(module)
        modules[module.id] = module
    steps_of: dict[int, list[StepEntry]] = {module_id: [] for module_id in modules}
    steps = {}
    for row in db.session.execute(
            select(Step.id, Step.module_id, Step.code, Step.kind, Step.title, Step.position, Step.minutes,
                   Step.objectives, Step.variants)
            .where(Step.archived_at.is_(None), Step.module_id.in_(list(modules)))
            .order_by(Step.position, Step.id)):
        step = StepEntry(row.id, modules[row.module_id], row.code, row.kind, row.title, row.position,
                         row.minutes, tuple(row.objectives or ()), frozen(_titles(row.variants)))
        steps_of[row.module_id].append(step)
        steps[step.id] = step
    practice_for: dict[str, ModuleEntry] = {}
    for course in courses.values():
        for module in modules_of[course.id]:
            for step in steps_of[module.id]:
                for code in step.trains:
                    practice_for.setdefault(code, module)
    return Catalog(tuple(courses.values()), frozen(modules_of), frozen(steps_of), frozen(modules),
                   frozen(steps), frozen(practice_for))


def catalog() -> Catalog:
    """The snapshot of the published courses: one query when this worker's snapshot is current."""
    return content_cache.cached("courses.catalog", _build)
