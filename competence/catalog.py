"""The live competence framework (areas, units, objectives) as a per-process snapshot.

My skills, the learner profile, the group overview and the decision forms read the whole framework
on every request; it changes only on content import, so each worker keeps it frozen and rebuilds it
when the content token changes (app/core/content_cache.py). An area holds its units and a unit its
objectives, by position.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from app.core import content_cache
from app.core.content_cache import frozen
from app.core.db import db
from competence.grades import values_of_scale
from competence.models import CompetenceArea, Objective, Unit


@dataclass(frozen=True, slots=True, eq=False)
class ObjectiveEntry:
    id: int
    unit_id: int
    code: str
    name: Mapping[str, str]
    criteria: Mapping[str, Mapping[str, str]]
    position: int
    compulsory: bool


@dataclass(frozen=True, slots=True, eq=False)
class UnitEntry:
    id: int
    area_id: int
    code: str
    name: Mapping[str, str]
    osp: int
    scale: str
    scale_values: tuple[str, ...]  # the grades the unit's scale allows
    national: Mapping
    position: int
    objectives: tuple[ObjectiveEntry, ...]


@dataclass(frozen=True, slots=True, eq=False)
class AreaEntry:
    id: int
    code: str
    name: Mapping[str, str]
    osp: int
    units: tuple[UnitEntry, ...]


@dataclass(frozen=True, slots=True)
class Framework:
    areas: tuple[AreaEntry, ...]  # by code
    units_by_id: Mapping[int, UnitEntry]
    objectives_by_id: Mapping[int, ObjectiveEntry]

    @property
    def units(self) -> tuple[UnitEntry, ...]:
        return tuple(unit for area in self.areas for unit in area.units)


def _build() -> Framework:
    areas = db.session.execute(
        select(CompetenceArea.id, CompetenceArea.code, CompetenceArea.name, CompetenceArea.osp,
               CompetenceArea.scales)
        .where(CompetenceArea.archived_at.is_(None)).order_by(CompetenceArea.code)).all()
    units = db.session.execute(
        select(Unit.id, Unit.area_id, Unit.code, Unit.name, Unit.osp, Unit.scale, Unit.national,
               Unit.position)
        .where(Unit.archived_at.is_(None), Unit.area_id.in_([a.id for a in areas]))
        .order_by(Unit.position, Unit.id)).all()
    objectives_of: dict[int, list[ObjectiveEntry]] = {unit.id: [] for unit in units}
    for row in db.session.execute(
            select(Objective.id, Objective.unit_id, Objective.code, Objective.name, Objective.criteria,
                   Objective.position, Objective.compulsory)
            .where(Objective.archived_at.is_(None), Objective.unit_id.in_(list(objectives_of)))
            .order_by(Objective.position, Objective.id)):
        objectives_of[row.unit_id].append(ObjectiveEntry(
            row.id, row.unit_id, row.code, frozen(row.name or {}), frozen(row.criteria or {}), row.position,
            row.compulsory))
    scales = {area.id: area.scales or {} for area in areas}
    units_of: dict[int, list[UnitEntry]] = {area.id: [] for area in areas}
    for row in units:
        units_of[row.area_id].append(UnitEntry(
            row.id, row.area_id, row.code, frozen(row.name or {}), row.osp, row.scale,
            tuple(values_of_scale(scales[row.area_id], row.scale)), frozen(row.national or {}), row.position,
            tuple(objectives_of[row.id])))
    built = tuple(AreaEntry(row.id, row.code, frozen(row.name or {}), row.osp, tuple(units_of[row.id]))
                  for row in areas)
    all_units = [unit for area in built for unit in area.units]
    return Framework(built, frozen({unit.id: unit for unit in all_units}),
                     frozen({o.id: o for unit in all_units for o in unit.objectives}))


def framework() -> Framework:
    """The snapshot of the live framework: one query when this worker's snapshot is current."""
    return content_cache.cached("competence.framework", _build)


def names_of(unit_ids: set[int], objective_ids: set[int]) -> tuple[dict[int, Mapping], dict[int, Mapping]]:
    """({unit id: name}, {objective id: name}) for lists that show what something is about (the review
    queue, a learner's requests): from the snapshot, without parsing each row's JSON names again;
    archived ones, which the snapshot leaves out, in one query each.
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
