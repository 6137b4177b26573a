"""A group at a glance: points and grade of each learner in each unit, in a fixed number of queries."""

from dataclasses import dataclass

from competence.catalog import UnitEntry, framework
from competence.grades import unit_grade
from competence.models import Outcome
from competence.standing import group_standings


@dataclass
class Cell:
    points: int
    grade: str | None
    recognised: int  # objectives accepted
    total: int


@dataclass
class Row:
    cells: dict[int, Cell]  # by unit id
    points: int  # in every unit


def live_units() -> tuple[UnitEntry, ...]:
    """The live units by area code and position (the per-process framework snapshot)."""
    return framework().units


def group_table(learner_ids: list[int]) -> tuple[tuple[UnitEntry, ...], dict[int, Row]]:
    """(units, {learner id: Row}): two queries for any number of learners."""
    units = live_units()
    objectives = {unit.id: [o.id for o in unit.objectives] for unit in units}
    standings = group_standings(learner_ids)
    table: dict[int, Row] = {}
    for learner_id in learner_ids:
        cells = {}
        latest = standings[learner_id].outcomes
        for unit in units:
            live = objectives[unit.id]
            accepted = [grade for outcome, grade in (latest.get(o, (None, None)) for o in live)
                        if outcome == Outcome.ACCEPTED]
            earned = standings[learner_id].points.get(unit.id, 0)
            grade = unit_grade(accepted) if earned and len(accepted) == len(live) else None
            cells[unit.id] = Cell(earned, grade, len(accepted), len(live))
        table[learner_id] = Row(cells, sum(cell.points for cell in cells.values()))
    return units, table
