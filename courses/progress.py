"""A learner's progress, computed from the progress events in a fixed number of queries."""

from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import load_only, selectinload

from app.core.db import db
from courses.models import Course, Module, ProgressEvent, Step, StepKind


class State(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"  # sent to the coach
    RETURNED = "returned"  # the coach asked for more
    DONE = "done"


# The event that decides each state; the latest of these events for a step wins.
_EVENT_STATE = {
    "opened": State.IN_PROGRESS,
    "draft_saved": State.IN_PROGRESS,
    "quiz_failed": State.IN_PROGRESS,
    "read": State.DONE,
    "quiz_passed": State.DONE,
    "self_assessed": State.DONE,
    "submitted": State.WAITING,
    "returned": State.RETURNED,
    "accepted": State.DONE,
}
# Once a step is done, opening it again does not make it unfinished.
_STICKY_DONE = {"read", "quiz_passed", "self_assessed", "accepted"}


def step_states(learner_id: int, step_ids: list[int] | None = None) -> dict[int, State]:
    """Each step's state for the learner (steps without events are absent: not started)."""
    query = (
        select(ProgressEvent.step_id, ProgressEvent.kind, func.max(ProgressEvent.id))
        .where(ProgressEvent.learner_id == learner_id)
        .group_by(ProgressEvent.step_id, ProgressEvent.kind)
    )
    if step_ids is not None:
        query = query.where(ProgressEvent.step_id.in_(step_ids))
    latest: dict[int, dict[str, int]] = {}
    for step_id, kind, last_id in db.session.execute(query):
        latest.setdefault(step_id, {})[kind] = last_id
    return {step_id: _state_of(kinds) for step_id, kinds in latest.items()}


def _state_of(kinds: dict[str, int]) -> State:
    task_kinds = {k: v for k, v in kinds.items() if k in ("submitted", "returned", "accepted")}
    if task_kinds:
        return _EVENT_STATE[max(task_kinds, key=task_kinds.get)]
    if any(k in _STICKY_DONE for k in kinds):
        return State.DONE
    known = {k: v for k, v in kinds.items() if k in _EVENT_STATE}
    if not known:
        return State.NOT_STARTED
    return _EVENT_STATE[max(known, key=known.get)]


@dataclass
class ModuleProgress:
    module: Module
    steps: list[Step]
    states: dict[int, State]

    @property
    def done(self) -> int:
        return sum(1 for s in self.steps if self.states.get(s.id) == State.DONE)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def state(self) -> State:
        if self.total and self.done == self.total:
            return State.DONE
        if any(self.states.get(s.id, State.NOT_STARTED) != State.NOT_STARTED for s in self.steps):
            return State.IN_PROGRESS
        return State.NOT_STARTED

    def state_of(self, step: Step) -> State:
        return self.states.get(step.id, State.NOT_STARTED)


@dataclass
class CourseProgress:
    course: Course
    modules: list[ModuleProgress] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(m.done for m in self.modules)

    @property
    def total(self) -> int:
        return sum(m.total for m in self.modules)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def next_step(self) -> Step | None:
        """The exact next thing to do: the first step that is neither done nor waiting for the coach."""
        for module in self.modules:
            for step in module.steps:
                if module.state_of(step) not in (State.DONE, State.WAITING):
                    return step
        return None

    @property
    def started(self) -> bool:
        return any(m.state != State.NOT_STARTED for m in self.modules)


def _live(items):
    return [item for item in items if item.archived_at is None]


def published_courses() -> list[Course]:
    """Every live course with its live modules and steps, in three queries.

    Only the columns that progress and the course lists use are loaded: the texts, settings and
    language variants (JSON) of every step made My path ten times slower on the real course.
    """
    query = (
        select(Course)
        .where(Course.archived_at.is_(None))
        .options(
            load_only(Course.id, Course.code, Course.title, Course.summary, Course.language, Course.slug,
                      Course.framework_code, Course.archived_at),
            selectinload(Course.modules)
            .load_only(Module.id, Module.course_id, Module.code, Module.title, Module.position, Module.minutes,
                       Module.archived_at)
            .selectinload(Module.steps)
            .load_only(Step.id, Step.module_id, Step.code, Step.kind, Step.title, Step.position, Step.minutes,
                       Step.archived_at),
        )
        .order_by(Course.title)
    )
    return list(db.session.scalars(query))


def course_progress(learner_id: int, courses: list[Course] | None = None) -> list[CourseProgress]:
    """Progress in each published course: four queries whatever the number of courses or steps."""
    courses = published_courses() if courses is None else courses
    states = step_states(learner_id)
    result = []
    for course in courses:
        progress = CourseProgress(course)
        for module in _live(course.modules):
            progress.modules.append(ModuleProgress(module, _live(module.steps), states))
        result.append(progress)
    return result


def module_progress(learner_id: int, module: Module) -> ModuleProgress:
    steps = _live(module.steps)
    return ModuleProgress(module, steps, step_states(learner_id, [s.id for s in steps]))


def is_activity(step: Step) -> bool:
    return step.kind != StepKind.LESSON


def learners_progress(learner_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(done, total) steps of the published courses for each learner, in four queries for any group size."""
    steps = [s.id for c in published_courses() for m in _live(c.modules) for s in _live(m.steps)]
    total = len(steps)
    if not learner_ids:
        return {}
    query = (
        select(ProgressEvent.learner_id, ProgressEvent.step_id, ProgressEvent.kind, func.max(ProgressEvent.id))
        .where(ProgressEvent.learner_id.in_(learner_ids), ProgressEvent.step_id.in_(steps))
        .group_by(ProgressEvent.learner_id, ProgressEvent.step_id, ProgressEvent.kind)
    )
    latest: dict[int, dict[int, dict[str, int]]] = {}
    for learner_id, step_id, kind, last_id in db.session.execute(query):
        latest.setdefault(learner_id, {}).setdefault(step_id, {})[kind] = last_id
    return {
        learner_id: (sum(1 for kinds in latest.get(learner_id, {}).values() if _state_of(kinds) == State.DONE),
                     total)
        for learner_id in learner_ids
    }
