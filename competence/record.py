"""A learner's competence record as certificates need it: the units whose points are credited and
the objectives recognised, each with its grade, method, assessor and date.

This is the one boundary between certificates and the decisions and ledger underneath: it reads
`competence.decisions` (the latest decision on each objective counts) and `competence.ledger`
(a unit is credited while its last ledger entry is a credit), and nothing else does.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.core.db import db
from competence import decisions as decision_service
from competence import ledger
from competence.decisions import DecisionRecord
from competence.grades import scale_values, unit_grade
from competence.models import EntryKind, Objective, Outcome, Unit
from competence.unit_grades import decided_grades, grade_of

LOCAL_TIME = ZoneInfo("Europe/Helsinki")


def local_date(moment: datetime) -> date:
    """The calendar day in Finland of a stored UTC timestamp."""
    return moment.astimezone(LOCAL_TIME).date()


@dataclass(frozen=True)
class ObjectiveRecord:
    """An accepted objective: what the learner can do, how well, shown how, judged by whom, when."""

    code: str
    name: dict
    grade: str | None
    method: str
    assessor_name: str
    assessor_title: str
    assessor_role: str
    decided_on: date


@dataclass(frozen=True)
class UnitRecord:
    code: str
    name: dict
    national: dict
    area_name: dict
    osp: int
    scale: str
    scale_name: dict
    scale_values: tuple[str, ...]
    credited_on: date | None
    grade: str | None  # as the assessor decided it (competence.unit_grades)
    proposed: str | None
    objectives: tuple[ObjectiveRecord, ...]
    objectives_total: int

    @property
    def credited(self) -> bool:
        return self.credited_on is not None


@dataclass
class LearnerRecord:
    learner_id: int
    units: list[UnitRecord] = field(default_factory=list)

    @property
    def credited_units(self) -> list[UnitRecord]:
        return [u for u in self.units if u.credited]

    @property
    def partial_units(self) -> list[UnitRecord]:
        """Units not credited (yet) in which at least one objective is recognised."""
        return [u for u in self.units if not u.credited and u.objectives]

    def unit(self, code: str) -> UnitRecord | None:
        return next((u for u in self.units if u.code == code), None)


def competence_record(learner_id: int) -> LearnerRecord:
    """The learner's credited units and recognised objectives, in framework order, in a few queries.

    The caller has checked that the acting user may see this learner.
    """
    credit_days = _credited_units(learner_id)
    current = {objective_id: history[0]
               for objective_id, history in decision_service.decisions_of(learner_id).items()}
    accepted = {oid: d for oid, d in current.items() if d.outcome == Outcome.ACCEPTED}
    units = _units(set(credit_days), set(accepted))
    decided = decided_grades([learner_id])
    record = LearnerRecord(learner_id)
    for unit in units:
        objectives = tuple(_objective(o, accepted[o.id]) for o in unit.objectives if o.id in accepted)
        required = ledger.required_objectives(unit)
        credited_on = credit_days.get(unit.id)
        proposed = unit_grade([accepted[o.id].grade for o in required if o.id in accepted and accepted[o.id].grade])
        grade = grade_of(scale_values(unit), decided.get((learner_id, unit.id)))
        scale = (unit.area.scales or {}).get(unit.scale) or {}
        record.units.append(UnitRecord(
            code=unit.code, name=dict(unit.name or {}), national=dict(unit.national or {}),
            area_name=dict(unit.area.name or {}), osp=unit.osp, scale=unit.scale,
            scale_name=dict(scale.get("name") or {}), scale_values=tuple(scale_values(unit)),
            credited_on=credited_on, grade=grade if credited_on else None,
            proposed=proposed if credited_on else None,
            objectives=objectives, objectives_total=len(required),
        ))
    return record


def _credited_units(learner_id: int) -> dict[int, date]:
    """{unit id: the day of its credit} for the units whose last ledger entry is a credit."""
    last = {}
    for entry in ledger.entries(learner_id):
        last[entry.unit_id] = entry
    return {unit_id: local_date(entry.created_at) for unit_id, entry in last.items()
            if entry.kind == EntryKind.CREDIT and entry.points > 0}


def _units(unit_ids: set[int], objective_ids: set[int]) -> list[Unit]:
    if not unit_ids and not objective_ids:
        return []
    with_objective = select(Objective.unit_id).where(Objective.id.in_(objective_ids))
    query = (
        select(Unit)
        .where(or_(Unit.id.in_(unit_ids), Unit.id.in_(with_objective)))
        .options(selectinload(Unit.area), selectinload(Unit.objectives))
    )
    return sorted(db.session.scalars(query), key=lambda u: (u.area.code, u.position, u.code))


def _objective(objective: Objective, decision: DecisionRecord) -> ObjectiveRecord:
    return ObjectiveRecord(
        code=objective.code, name=dict(objective.name or {}), grade=decision.grade,
        method=str(decision.method), assessor_name=decision.assessor_name or "",
        assessor_title=decision.assessor_title or "", assessor_role=str(decision.assessor_role),
        decided_on=local_date(decision.decided_at),
    )
