"""A group at a glance: points and grade of each learner in each unit, in a fixed number of queries."""

from dataclasses import dataclass

from competence import decisions, ledger
from competence.catalog import UnitEntry, framework
from competence.grades import unit_grade
from competence.models import Outcome


@dataclass
class Cell:
    points: int
    grade: str | None
    recognised: int  # objectives accepted
    total: int


def live_units() -> list[UnitEntry]:
    """The live units by area code and position (the per-process framework snapshot)."""
    return framework().units


def group_table(learner_ids: list[int]) -> tuple[list[UnitEntry], dict[int, dict[int, Cell]]]:
    """(units, {learner id: {unit id: Cell}}): five queries for any number of learners."""
    units = live_units()
    points = ledger.balances(learner_ids)
    history = decisions.decisions_of(learner_ids)
    table: dict[int, dict[int, Cell]] = {}
    for learner_id in learner_ids:
        row = {}
        for unit in units:
            objectives = [o for o in unit.objectives if o.archived_at is None]
            latest = [history[learner_id].get(o.id, [None])[0] for o in objectives]
            accepted = [d for d in latest if d is not None and d.outcome == Outcome.ACCEPTED]
            earned = points[learner_id].get(unit.id, 0)
            grade = unit_grade([d.grade for d in accepted]) if earned and len(accepted) == len(objectives) else None
            row[unit.id] = Cell(earned, grade, len(accepted), len(objectives))
        table[learner_id] = row
    return units, table
