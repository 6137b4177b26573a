"""A learner's competence record, for My skills and the coach's learner profile: per unit, each
objective's state, the coach's decisions with their history, the learner's self-assessment beside
them (never counted as a grade), points earned of points available, and what to do next.

Built in a fixed number of queries for one learner, whatever the size of the framework or courses.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from competence import decisions, request_lists
from competence.catalog import AreaEntry, ObjectiveEntry, UnitEntry, framework
from competence.decisions import DecisionRecord
from competence.grades import area_grade, unit_grade
from competence.models import Outcome, RecognitionStatus
from competence.request_lists import RequestSummary
from competence.standing import Newest, standing
from courses.activities import self_assessments
from courses.catalog import ModuleEntry, catalog
from courses.progress import State, step_states


class ObjectiveState(StrEnum):
    NOT_STARTED = "not_started"
    PRACTISING = "practising"  # the learner has done something in a step that trains it
    WAITING = "waiting"  # a task or a recognition request covering it is with the coach
    MORE_NEEDED = "more_needed"
    NOT_ACCEPTED = "not_accepted"
    RECOGNISED = "recognised"


@dataclass
class ObjectiveRecord:
    objective: ObjectiveEntry
    state: ObjectiveState
    latest: Newest | None  # the newest decision: its outcome, grade and note
    history: list[DecisionRecord]  # newest first; [] unless asked
    self_level: str | None  # the learner's own view: not_yet | with_help | on_my_own
    module: ModuleEntry | None  # where to practise it

    @property
    def grade(self) -> str | None:
        return self.latest.grade if self.state == ObjectiveState.RECOGNISED else None


@dataclass
class UnitRecord:
    unit: UnitEntry
    objectives: list[ObjectiveRecord]
    points: int

    @property
    def recognised(self) -> int:
        return sum(1 for o in self.objectives if o.state == ObjectiveState.RECOGNISED)

    @property
    def percent(self) -> int:
        return round(100 * self.recognised / len(self.objectives)) if self.objectives else 0

    @property
    def grade(self) -> str | None:
        """The unit's grade once its points are credited (the rule is in competence.grades)."""
        required = [o for o in self.objectives if o.objective.compulsory]
        if not self.points or any(o.state != ObjectiveState.RECOGNISED for o in required):
            return None
        return unit_grade([o.grade for o in required])

    @property
    def next(self) -> ObjectiveRecord | None:
        """The first objective that is neither recognised nor waiting for the coach."""
        return next((o for o in self.objectives
                     if o.state not in (ObjectiveState.RECOGNISED, ObjectiveState.WAITING)), None)


@dataclass
class AreaRecord:
    area: AreaEntry
    units: list[UnitRecord] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(u.points for u in self.units)

    @property
    def available(self) -> int:
        return sum(u.unit.osp for u in self.units)

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.available) if self.available else 0

    @property
    def grade(self) -> str | None:
        return area_grade([(u.unit.osp, u.grade) for u in self.units])


def live_areas() -> tuple[AreaEntry, ...]:
    """Every live area with its live units and objectives (the per-process framework snapshot)."""
    return framework().areas


def learner_record(learner_id: int, requests: list[RequestSummary] | None = None,
                   with_history: bool = False) -> list[AreaRecord]:
    """The learner's whole competence record in three queries of its own, and one more for the learner's
    recognition requests unless the page has read them and passes them in. Each objective's every
    decision with its assessor (one more query) only `with_history`, for the coach's profile; My skills
    shows the newest decision's outcome and note.
    """
    areas = live_areas()
    points, newest = standing(learner_id)
    history = decisions.decisions_of(learner_id) if with_history else {}
    own_view = self_assessments(learner_id)
    courses = catalog()
    states = step_states(learner_id)
    if requests is None:
        requests = request_lists.own_requests(learner_id)
    pending = [r for r in requests if r.status == RecognitionStatus.SENT]

    practised, waiting = set(), set()
    for step_id, state in states.items():
        step = courses.steps.get(step_id)
        covered = step.trains if step is not None else ()  # archived steps train nothing
        if state != State.NOT_STARTED:
            practised.update(covered)
        if state == State.WAITING:
            waiting.update(covered)
    waiting_objectives = {r.objective_id for r in pending if r.objective_id}
    waiting_units = {r.unit_id for r in pending if r.objective_id is None}

    result = []
    for area in areas:
        area_record = AreaRecord(area)
        for unit in area.units:
            records = []
            for objective in unit.objectives:
                latest = newest.get(objective.id)
                is_waiting = (objective.code in waiting or objective.id in waiting_objectives
                              or unit.id in waiting_units)
                state = _state(latest, is_waiting, objective.code in practised)
                records.append(ObjectiveRecord(objective, state, latest, history.get(objective.id, []),
                                               own_view.get(objective.code), courses.practice_for.get(objective.code)))
            area_record.units.append(UnitRecord(unit, records, points.get(unit.id, 0)))
        result.append(area_record)
    return result


def _state(latest: Newest | None, waiting: bool, practised: bool) -> ObjectiveState:
    if latest is not None and latest.outcome == Outcome.ACCEPTED:
        return ObjectiveState.RECOGNISED
    if waiting:
        return ObjectiveState.WAITING
    if latest is not None:
        return ObjectiveState(latest.outcome)
    return ObjectiveState.PRACTISING if practised else ObjectiveState.NOT_STARTED
