"""The live competence framework (areas, units, objectives) as a per-process snapshot.

My skills, the learner profile, the group overview and the decision forms read the whole framework
on every request; it changes only on content import, so each worker keeps it as plain objects and
rebuilds it when the content token changes (app/core/content_cache.py). Shared by every request of
a worker: read it, never change it (the name, criteria and scale dictionaries included).
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from app.core import content_cache
from app.core.db import db
from competence.models import CompetenceArea, Objective, Unit


@dataclass(eq=False, slots=True)
class ObjectiveEntry:
    id: int
    unit_id: int
    code: str
    name: dict
    criteria: dict
    position: int
    compulsory: bool
    unit: "UnitEntry" = None
    archived_at: None = None  # live by construction; here so that code written for rows reads it the same


@dataclass(eq=False, slots=True)
class UnitEntry:
    id: int
    area_id: int
    code: str
    name: dict
    osp: int
    scale: str
    national_name: str
    position: int
    area: "AreaEntry" = None
    objectives: list[ObjectiveEntry] = field(default_factory=list)
    archived_at: None = None


@dataclass(eq=False, slots=True)
class AreaEntry:
    id: int
    code: str
    name: dict
    osp: int
    scales: dict
    units: list[UnitEntry] = field(default_factory=list)
    archived_at: None = None


@dataclass(slots=True)
class Framework:
    areas: list[AreaEntry]  # by code; units and objectives by position
    units_by_id: dict[int, UnitEntry] = field(default_factory=dict)
    objectives_by_id: dict[int, ObjectiveEntry] = field(default_factory=dict)

    @property
    def units(self) -> list[UnitEntry]:
        return [unit for area in self.areas for unit in area.units]


def _build() -> Framework:
    areas = {row.id: AreaEntry(row.id, row.code, row.name or {}, row.osp, row.scales or {})
             for row in db.session.execute(
                 select(CompetenceArea.id, CompetenceArea.code, CompetenceArea.name, CompetenceArea.osp,
                        CompetenceArea.scales)
                 .where(CompetenceArea.archived_at.is_(None)).order_by(CompetenceArea.code))}
    units = {}
    for row in db.session.execute(
            select(Unit.id, Unit.area_id, Unit.code, Unit.name, Unit.osp, Unit.scale, Unit.national_name,
                   Unit.position)
            .where(Unit.archived_at.is_(None), Unit.area_id.in_(list(areas))).order_by(Unit.position, Unit.id)):
        area = areas[row.area_id]
        unit = UnitEntry(row.id, row.area_id, row.code, row.name or {}, row.osp, row.scale, row.national_name,
                         row.position, area)
        area.units.append(unit)
        units[unit.id] = unit
    objectives = {}
    for row in db.session.execute(
            select(Objective.id, Objective.unit_id, Objective.code, Objective.name, Objective.criteria,
                   Objective.position, Objective.compulsory)
            .where(Objective.archived_at.is_(None), Objective.unit_id.in_(list(units)))
            .order_by(Objective.position, Objective.id)):
        unit = units[row.unit_id]
        objective = ObjectiveEntry(row.id, row.unit_id, row.code, row.name or {}, row.criteria or {},
                                   row.position, row.compulsory, unit)
        unit.objectives.append(objective)
        objectives[objective.id] = objective
    return Framework(list(areas.values()), units, objectives)


def framework() -> Framework:
    """The snapshot of the live framework: one query when this worker's snapshot is current."""
    return content_cache.cached("competence.framework", _build)


def names_of(unit_ids: set[int], objective_ids: set[int]) -> tuple[dict[int, dict], dict[int, dict]]:
    """({unit id: name}, {objective id: name}) for lists that show what something is about (the review
    queue, a learner's requests): from the snapshot, without parsing each row's JSON names again (a
    tenth of the queue's database time); archived ones, which the snapshot leaves out, in one query each.
    """
    snapshot = framework()
    units = {i: snapshot.units_by_id[i].name for i in unit_ids if i in snapshot.units_by_id}
    objectives = {i: snapshot.objectives_by_id[i].name for i in objective_ids if i in snapshot.objectives_by_id}
    if missing := unit_ids - units.keys():
        units.update(db.session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(missing))).all())
    if missing := objective_ids - objectives.keys():
        objectives.update(db.session.execute(select(Objective.id, Objective.name)
                                             .where(Objective.id.in_(missing))).all())
    return units, objectives
