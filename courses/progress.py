"""A learner's progress, computed from the progress events in a fixed number of queries."""

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from sqlalchemy import func, select

from app.core.db import db
from courses.catalog import CourseEntry, ModuleEntry, StepEntry, catalog
from courses.models import ProgressEvent, StepKind


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
    query = (select(ProgressEvent.step_id, ProgressEvent.kind, func.max(ProgressEvent.id))
             .where(ProgressEvent.learner_id == learner_id)
             .group_by(ProgressEvent.step_id, ProgressEvent.kind))
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
    """A page's view of a module's progress. The counts are worked out once, when the page first asks:
    My path asks for them some fifty times. `states` may still change before that (open_step writes the
    first visit into them), never after.
    """

    module: ModuleEntry
    steps: tuple[StepEntry, ...]
    states: dict[int, State]

    @cached_property
    def done(self) -> int:
        return sum(1 for s in self.steps if self.states.get(s.id) == State.DONE)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @cached_property
    def state(self) -> State:
        if self.total and self.done == self.total:
            return State.DONE
        if any(self.states.get(s.id, State.NOT_STARTED) != State.NOT_STARTED for s in self.steps):
            return State.IN_PROGRESS
        return State.NOT_STARTED

    def state_of(self, step) -> State:
        return self.states.get(step.id, State.NOT_STARTED)


@dataclass
class CourseProgress:
    course: CourseEntry
    modules: list[ModuleProgress] = field(default_factory=list)

    @cached_property
    def done(self) -> int:
        return sum(m.done for m in self.modules)

    @cached_property
    def total(self) -> int:
        return sum(m.total for m in self.modules)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def next_step(self) -> StepEntry | None:
        """The exact next thing to do: the first step that is neither done nor waiting for the coach."""
        for module in self.modules:
            for step in module.steps:
                if module.state_of(step) not in (State.DONE, State.WAITING):
                    return step
        return None

    @property
    def returned(self) -> list[StepEntry]:
        """The steps the coach sent back for more, in course order: the learner's first things to do."""
        return [step for module in self.modules for step in module.steps if module.state_of(step) == State.RETURNED]

    @property
    def started(self) -> bool:
        return any(m.state != State.NOT_STARTED for m in self.modules)


def course_progress(learner_id: int) -> list[CourseProgress]:
    """Progress in each published course: two queries whatever the number of courses or steps."""
    states = step_states(learner_id)
    snapshot = catalog()
    return [CourseProgress(course, [ModuleProgress(module, snapshot.steps_of[module.id], states)
                                    for module in snapshot.modules_of[course.id]])
            for course in snapshot.courses]


def returned_steps(states: dict[int, State]) -> list[StepEntry]:
    """The published steps the coach sent back for more, in course order, from `step_states`."""
    return [step for step in catalog().steps.values() if states.get(step.id) == State.RETURNED]


def module_progress(learner_id: int, module_id: int) -> ModuleProgress | None:
    """Progress in one published module (None when it is not published): two queries."""
    snapshot = catalog()
    module = snapshot.modules.get(module_id)
    if module is None:
        return None
    steps = snapshot.steps_of[module.id]
    return ModuleProgress(module, steps, step_states(learner_id, [s.id for s in steps]))


def is_activity(step) -> bool:
    return step.kind != StepKind.LESSON


def learners_progress(learner_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(done, total) steps of the published courses for each learner, in two queries for any group size."""
    steps = list(catalog().steps)
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
