"""A group at a glance: points and grade of each learner in each unit, in a fixed number of queries."""

from dataclasses import dataclass

from competence.catalog import UnitEntry, framework
from competence.models import Outcome
from competence.standing import group_standings
from competence.unit_grades import decided_grades, grade_of


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
    """(units, {learner id: Row}): three queries for any number of learners. A credited unit's grade is
    the one its coach decided (competence.unit_grades); None while it waits for that decision.
    """
    units = live_units()
    objectives = [(unit.id, [o.id for o in unit.objectives], unit.scale_values) for unit in units]
    decided = decided_grades(learner_ids)
    table: dict[int, Row] = {}
    for learner_id, (points, outcomes) in group_standings(learner_ids).items():
        cells = {}
        for unit_id, live, values in objectives:
            accepted = [newest[1] for newest in map(outcomes.get, live)
                        if newest is not None and newest[0] == Outcome.ACCEPTED]
            earned = points.get(unit_id, 0)
            grade = grade_of(values, decided.get((learner_id, unit_id))) if earned and len(accepted) == len(live) \
                else None
            cells[unit_id] = Cell(earned, grade, len(accepted), len(live))
        table[learner_id] = Row(cells, sum(points.get(unit_id, 0) for unit_id, _, _ in objectives))
    return units, table
