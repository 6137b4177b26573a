"""Where learners stand: the points of each unit and the newest decision on each objective, for one
learner (My skills) or a group (the coach's overview), in two queries: the ledger's balances and
the decisions.

The ledger (competence.ledger) and the decisions (competence.decisions) stay the only writers.
"""

from typing import NamedTuple

from sqlalchemy import func, select

from app.core.db import db
from competence.ledger import balances
from competence.models import Decision, PointsEntry


class Newest(NamedTuple):
    """The newest decision on an objective."""

    outcome: str
    grade: str | None
    note: str


class Standing(NamedTuple):
    points: dict[int, int]  # unit id: the sum of its ledger entries
    newest: dict[int, Newest]  # objective id: the newest decision on it


class GroupStanding(NamedTuple):
    points: dict[int, int]  # unit id: the sum of its ledger entries
    outcomes: dict[int, tuple[str, str | None]]  # objective id: (outcome, grade) of the newest decision


def _decisions(learner_ids: list[int]):
    """(learner id, objective id, outcome, grade, note) rows, oldest first, so a later row is newer."""
    return (select(Decision.learner_id, Decision.objective_id, Decision.outcome, Decision.grade, Decision.note)
            .where(Decision.learner_id.in_(learner_ids))
            .order_by(Decision.id))


def standing(learner_id: int) -> Standing:
    """The learner's points per unit and newest decision per objective."""
    points = {unit_id: int(total or 0) for unit_id, total in db.session.execute(
        select(PointsEntry.unit_id, func.sum(PointsEntry.points))
        .where(PointsEntry.learner_id == learner_id).group_by(PointsEntry.unit_id))}
    # Oldest first, so each objective keeps its newest decision.
    newest = {objective_id: Newest(outcome, grade, note or "") for objective_id, outcome, grade, note in
              db.session.execute(select(Decision.objective_id, Decision.outcome, Decision.grade, Decision.note)
                                 .where(Decision.learner_id == learner_id).order_by(Decision.id))}
    return Standing(points, newest)


def group_standings(learner_ids: list[int]) -> dict[int, GroupStanding]:
    """{learner id: their points per unit and (outcome, grade) of the newest decision per objective}."""
    if not learner_ids:
        return {}
    outcomes: dict[int, dict[int, tuple[str, str | None]]] = {learner_id: {} for learner_id in learner_ids}
    # Oldest first, so that a later row is newer; a group's table shows no notes.
    query = (select(Decision.learner_id, Decision.objective_id, Decision.outcome, Decision.grade)
             .where(Decision.learner_id.in_(learner_ids)).order_by(Decision.id))
    for learner_id, objective_id, outcome, grade in db.session.execute(query):
        outcomes[learner_id][objective_id] = (outcome, grade)
    points = balances(learner_ids)
    return {learner_id: GroupStanding(points[learner_id], outcomes[learner_id]) for learner_id in learner_ids}
