"""The lists of recognition requests that pages show: a learner's own (My skills, the coach's learner
profile) and the coach's queue. Both read one shape, `RequestSummary`; code that changes a request
loads the `RecognitionRequest` entity (competence.recognition).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select

from app.core.accounts.models import User
from app.core.accounts.policy import sees_learner
from app.core.accounts.service import group_learner_ids
from app.core.db import constant, db
from competence.catalog import names_of
from competence.models import EvidenceFile, RecognitionRequest, RecognitionStatus


@dataclass(frozen=True)
class RequestSummary:
    """What a list shows of a request: its target's names, status, the coach's message, who sent it and when."""

    id: int
    learner_id: int
    learner_name: str
    unit_id: int
    objective_id: int | None  # None: the whole unit
    status: str
    coach_message: str
    sent_at: datetime | None
    round: int
    files: int  # how many
    unit_name: dict
    objective_name: dict | None


def _summaries() -> Select:
    # The tables' columns, not the mapped attributes: a read of plain columns needs no ORM loading.
    request, user, file = RecognitionRequest.__table__, User.__table__, EvidenceFile.__table__
    files = (select(func.count(file.c.id)).where(file.c.request_id == request.c.id)
             .correlate(request).scalar_subquery())
    return (select(request.c.id, request.c.learner_id, user.c.display_name, request.c.unit_id,
                   request.c.objective_id, request.c.status, request.c.coach_message, request.c.sent_at,
                   request.c.round, files)
            .select_from(request.join(user, user.c.id == request.c.learner_id)))


def _named(query: Select) -> list[RequestSummary]:
    rows = db.session.execute(query).all()
    units, objectives = names_of({row.unit_id for row in rows},
                                 {row.objective_id for row in rows if row.objective_id is not None})
    # The columns are selected in the dataclass's field order, the names follow.
    return [RequestSummary(*row, units.get(row.unit_id), objectives.get(row.objective_id)) for row in rows]


def own_requests(learner_id: int) -> list[RequestSummary]:
    """The learner's requests, drafts included, newest first: one query."""
    return _named(_summaries().where(RecognitionRequest.learner_id == learner_id)
                  .order_by(RecognitionRequest.updated_at.desc(), RecognitionRequest.id.desc()))


def waiting_requests(coach, group_id: int | None = None) -> list[RequestSummary]:
    """Sent requests of the learners the coach sees (of one group), oldest first: one query."""
    request = RecognitionRequest.__table__.c
    query = (_summaries().where(request.status == constant(RecognitionStatus.SENT),
                                sees_learner(coach, request.learner_id))
             .order_by(request.sent_at, request.id))
    if group_id is not None:
        query = query.where(request.learner_id.in_(group_learner_ids(group_id)))
    return _named(query)


def waiting_count_query(coach) -> Select:
    """The number of sent requests waiting for the coach, as a query that can be combined with others."""
    return (select(func.count(RecognitionRequest.id))
            .where(RecognitionRequest.status == constant(RecognitionStatus.SENT),
                   sees_learner(coach, RecognitionRequest.learner_id)))


def waiting_count(coach) -> int:
    return db.session.scalar(waiting_count_query(coach)) or 0
