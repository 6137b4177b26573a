"""The published course tree (live courses, modules and steps) as a per-process snapshot.

Progress bars, My path, the module list, the step navigation and My skills need the tree's shape and
titles, never the texts; the snapshot holds exactly that as plain objects and is rebuilt only when
content changes (app/core/content_cache.py). It is shared by every request of a worker: read it,
never change it. The full rows (texts, quiz settings) are still read from the database, one step or
module at a time, by the pages that show them.
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from app.core import content_cache
from app.core.db import db
from courses.models import Course, Module, Step


@dataclass(eq=False, slots=True)
class StepEntry:
    id: int
    module_id: int
    code: str
    kind: str
    title: str
    position: int
    minutes: int
    objectives: tuple[str, ...]
    variants: dict  # {variant: {"title": ...}}: titles only, for lists in plain language or the user's language
    module: "ModuleEntry" = None
    archived_at: None = None  # live by construction; here so that code written for rows reads it the same


@dataclass(eq=False, slots=True)
class ModuleEntry:
    id: int
    course_id: int
    code: str
    title: str
    position: int
    minutes: int
    objectives: tuple[str, ...]
    course: "CourseEntry" = None
    steps: list[StepEntry] = field(default_factory=list)
    archived_at: None = None


@dataclass(eq=False, slots=True)
class CourseEntry:
    id: int
    code: str
    title: str
    summary: str
    language: str
    slug: str
    framework_code: str | None
    modules: list[ModuleEntry] = field(default_factory=list)
    archived_at: None = None


@dataclass(slots=True)
class Catalog:
    courses: list[CourseEntry]
    modules: dict[int, ModuleEntry]
    steps: dict[int, StepEntry]
    # Worked out once per snapshot for My skills, which asked every live step on every visit (issue 7):
    trains: dict[int, tuple[str, ...]] = field(default_factory=dict)  # step id: the objective codes it trains
    practice_for: dict[str, ModuleEntry] = field(default_factory=dict)  # objective code: the first module for it

    def __post_init__(self):
        for step in self.live_steps():
            self.trains[step.id] = covered = step.objectives or step.module.objectives
            for code in covered:
                self.practice_for.setdefault(code, step.module)

    def live_steps(self) -> list[StepEntry]:
        """Every live step, by course title, module and position."""
        return [step for course in self.courses for module in course.modules for step in module.steps]


def _titles(variants: dict | None) -> dict:
    return {name: {"title": v["title"]} for name, v in (variants or {}).items()
            if isinstance(v, dict) and v.get("title")}


def _build() -> Catalog:
    """Three queries of the columns the snapshot holds (no texts, settings or bodies)."""
    courses = {
        row.id: CourseEntry(row.id, row.code, row.title, row.summary, row.language, row.slug, row.framework_code)
        for row in db.session.execute(
            select(Course.id, Course.code, Course.title, Course.summary, Course.language, Course.slug,
                   Course.framework_code)
            .where(Course.archived_at.is_(None)).order_by(Course.title, Course.id))
    }
    modules = {}
    for row in db.session.execute(
            select(Module.id, Module.course_id, Module.code, Module.title, Module.position, Module.minutes,
                   Module.objectives)
            .where(Module.archived_at.is_(None), Module.course_id.in_(list(courses)))
            .order_by(Module.position, Module.id)):
        course = courses[row.course_id]
        module = ModuleEntry(row.id, row.course_id, row.code, row.title, row.position, row.minutes,
                             tuple(row.objectives or ()), course)
        course.modules.append(module)
        modules[module.id] = module
    steps = {}
    for row in db.session.execute(
            select(Step.id, Step.module_id, Step.code, Step.kind, Step.title, Step.position, Step.minutes,
                   Step.objectives, Step.variants)
            .where(Step.archived_at.is_(None), Step.module_id.in_(list(modules)))
            .order_by(Step.position, Step.id)):
        module = modules[row.module_id]
        step = StepEntry(row.id, row.module_id, row.code, row.kind, row.title, row.position, row.minutes,
                         tuple(row.objectives or ()), _titles(row.variants), module)
        module.steps.append(step)
        steps[step.id] = step
    return Catalog(list(courses.values()), modules, steps)


def catalog() -> Catalog:
    """The snapshot of the published courses: one query when this worker's snapshot is current."""
    return content_cache.cached("courses.catalog", _build)
