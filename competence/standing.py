"""A learner's standing, as My skills shows it: the points of each unit and the newest decision on each
objective, read together in one query.

Each query costs about 40 µs of SQLAlchemy on SQLite and a round trip on PostgreSQL: for My skills,
two questions to two tables of the same learner were a twentieth of the page (issue 7's profiles).
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
