"""Where learners stand: the points of each unit and the newest decision on each objective, read
together in one query, for one learner (My skills) or a group (the coach's overview).

Each query costs about 40 µs of SQLAlchemy on SQLite and a round trip on PostgreSQL: two questions to
two tables for the same learners were a twentieth of My skills and, on PostgreSQL, a tenth of the
overview (issue 7's profiles). The newest decision is picked here rather than in SQL: PostgreSQL took
longer to group a group's decisions by learner and objective than to send them all.
The ledger (competence.ledger) and the decisions (competence.decisions) stay the only writers.
"""

from typing import NamedTuple

from sqlalchemy import Integer, String, Text, bindparam, cast, func, literal, null, select, union_all

from app.core.db import read
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


_p, _d = PointsEntry.__table__.c, Decision.__table__.c
# kind, target id (unit or objective), number (points or decision id), then the decision's columns.
_STANDING = union_all(
    select(literal("points"), _p.unit_id, func.sum(_p.points), cast(null(), String), cast(null(), String),
           cast(null(), Text))
    .where(_p.learner_id == bindparam("learner_id", type_=Integer)).group_by(_p.unit_id),
    select(literal("decision"), _d.objective_id, _d.id, _d.outcome, _d.grade, _d.note)
    .where(_d.learner_id == bindparam("learner_id", type_=Integer)),
)


def standing(learner_id: int) -> Standing:
    points: dict[int, int] = {}
    newest: dict[int, tuple[int, Newest]] = {}
    for kind, target, number, outcome, grade, note in read(_STANDING, {"learner_id": learner_id}).all():
        if kind == "points":
            points[target] = int(number or 0)
        elif target not in newest or number > newest[target][0]:
            newest[target] = (number, Newest(outcome, grade, note or ""))
    return Standing(points, {target: decision for target, (_, decision) in newest.items()})


_IN_GROUP = bindparam("learner_ids", expanding=True)
# learner id, kind, target id (unit or objective), number (points or decision id), outcome, grade.
_GROUP_STANDINGS = union_all(
    select(_p.learner_id, literal("points"), _p.unit_id, func.sum(_p.points), cast(null(), String),
           cast(null(), String))
    .where(_p.learner_id.in_(_IN_GROUP)).group_by(_p.learner_id, _p.unit_id),
    select(_d.learner_id, literal("decision"), _d.objective_id, _d.id, _d.outcome, _d.grade)
    .where(_d.learner_id.in_(_IN_GROUP)),
)


def group_standings(learner_ids: list[int]) -> dict[int, GroupStanding]:
    """{learner id: their points per unit and (outcome, grade) of the newest decision per objective}."""
    result = {learner_id: GroupStanding({}, {}) for learner_id in learner_ids}
    if not result:
        return result
    newest_id: dict[tuple[int, int], int] = {}
    for learner_id, kind, target, number, outcome, grade in read(_GROUP_STANDINGS,
                                                                 {"learner_ids": list(result)}).all():
        if kind == "points":
            result[learner_id].points[target] = int(number or 0)
        elif number > newest_id.get((learner_id, target), 0):
            newest_id[learner_id, target] = number
            result[learner_id].outcomes[target] = (outcome, grade)
    return result
