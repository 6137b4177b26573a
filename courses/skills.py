"""A learner's competence record, for My skills and the coach's learner profile: per unit, each
objective's state, the coach's decisions with their history, the learner's self-assessment beside
them (never counted as a grade), points earned of points available, and what to do next.

Built in a fixed number of queries for one learner, whatever the size of the framework or courses.
"""

from dataclasses import dataclass
from enum import StrEnum

from competence import decisions, request_lists
from competence.catalog import AreaEntry, ObjectiveEntry, UnitEntry, framework
from competence.decisions import DecisionRecord
from competence.grades import unit_grade
from competence.models import Outcome, RecognitionStatus
from competence.request_lists import RequestSummary
from competence.standing import Newest, standing
from competence.unit_grades import decided_grades, grade_of
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


@dataclass(frozen=True, slots=True)
class ObjectiveRecord:
    objective: ObjectiveEntry
    state: ObjectiveState
    latest: Newest | None  # the newest decision: its outcome, grade and note
    history: tuple[DecisionRecord, ...]  # newest first; () unless asked
    self_level: str | None  # the learner's own view: not_yet | with_help | on_my_own
    module: ModuleEntry | None  # where to practise it
    grade: str | None  # the newest decision's grade, once recognised


@dataclass(frozen=True, slots=True)
class UnitRecord:
    unit: UnitEntry
    objectives: tuple[ObjectiveRecord, ...]
    points: int
    recognised: int  # how many of its objectives
    percent: int  # of its objectives recognised
    grade: str | None  # once its points are credited, as the coach decided it (competence.unit_grades)
    next: ObjectiveRecord | None  # the first objective neither recognised nor waiting for the coach
    proposed: str | None = None  # once credited: the rounded mean of the objectives' grades

    @property
    def grade_pending(self) -> bool:
        """Credited, but the coach has not decided the grade yet."""
        return bool(self.points) and self.proposed is not None and self.grade is None


@dataclass(frozen=True, slots=True)
class AreaRecord:
    area: AreaEntry
    units: tuple[UnitRecord, ...]
    points: int
    available: int


def live_areas() -> tuple[AreaEntry, ...]:
    """Every live area with its live units and objectives (the per-process framework snapshot)."""
    return framework().areas


def learner_record(learner_id: int, requests: list[RequestSummary] | None = None,
                   with_history: bool = False, states: dict[int, State] | None = None) -> list[AreaRecord]:
    """The learner's whole competence record in four queries of its own, and one more for the learner's
    recognition requests unless the page has read them and passes them in. Each objective's every
    decision with its assessor (one more query) only `with_history`, for the coach's profile; My skills
    shows the newest decision's outcome and note. `states` are the learner's step states when the page
    has read them (My skills also lists the returned steps).
    """
    areas = live_areas()
    points, newest = standing(learner_id)
    decided = decided_grades([learner_id])
    history = decisions.decisions_of(learner_id) if with_history else {}
    own_view = self_assessments(learner_id)
    courses = catalog()
    if requests is None:
        requests = request_lists.own_requests(learner_id)
    practised, waiting = _practised_and_waiting(step_states(learner_id) if states is None else states, courses.steps)
    pending = [r for r in requests if r.status == RecognitionStatus.SENT]
    waiting_objectives = {r.objective_id for r in pending if r.objective_id}
    waiting_units = {r.unit_id for r in pending if r.objective_id is None}

    result = []
    for area in areas:
        units = []
        for unit in area.units:
            unit_waits = unit.id in waiting_units
            records = []
            for objective in unit.objectives:
                latest = newest.get(objective.id)
                if latest is not None and latest.outcome == Outcome.ACCEPTED:
                    state = ObjectiveState.RECOGNISED
                elif unit_waits or objective.code in waiting or objective.id in waiting_objectives:
                    state = ObjectiveState.WAITING
                elif latest is not None:
                    state = ObjectiveState(latest.outcome)
                elif objective.code in practised:
                    state = ObjectiveState.PRACTISING
                else:
                    state = ObjectiveState.NOT_STARTED
                records.append(ObjectiveRecord(
                    objective, state, latest, tuple(history.get(objective.id, ())), own_view.get(objective.code),
                    courses.practice_for.get(objective.code),
                    latest.grade if state == ObjectiveState.RECOGNISED else None))
            units.append(_unit_record(unit, tuple(records), points.get(unit.id, 0),
                                      decided.get((learner_id, unit.id))))
        result.append(AreaRecord(area, tuple(units), sum(u.points for u in units),
                                 sum(u.unit.osp for u in units)))
    return result


def _practised_and_waiting(states: dict[int, State], steps) -> tuple[set[str], set[str]]:
    """The codes of the objectives that a step the learner has begun trains, and of those that a step
    waiting for the coach trains.
    """
    practised, waiting = set(), set()
    for step_id, state in states.items():
        step = steps.get(step_id)
        if step is None or state == State.NOT_STARTED:  # archived steps train nothing
            continue
        practised.update(step.trains)
        if state == State.WAITING:
            waiting.update(step.trains)
    return practised, waiting


def _unit_record(unit: UnitEntry, records: tuple[ObjectiveRecord, ...], points: int,
                 decided: str | None) -> UnitRecord:
    recognised = sum(1 for o in records if o.state == ObjectiveState.RECOGNISED)
    required = [o for o in records if o.objective.compulsory]
    credited = points and all(o.state == ObjectiveState.RECOGNISED for o in required)
    return UnitRecord(
        unit, records, points, recognised,
        round(100 * recognised / len(records)) if records else 0,
        grade_of(unit.scale_values, decided) if credited else None,
        next((o for o in records if o.state not in (ObjectiveState.RECOGNISED, ObjectiveState.WAITING)), None),
        unit_grade([o.grade for o in required]) if credited else None)
