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
from competence.models import Decision, EvidenceFile, Outcome, RecognitionRequest, RecognitionStatus


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
    accepted: int  # decisions of this request that recognised an objective
    not_accepted: int  # and that did not
    unit_name: dict
    objective_name: dict | None

    @property
    def outcome(self) -> str | None:
        """A decided request's result: 'accepted', 'partly' (some objectives) or 'not_accepted'."""
        if self.status != RecognitionStatus.DECIDED:
            return None
        if self.accepted and not self.not_accepted:
            return "accepted"
        return "partly" if self.accepted else "not_accepted"


def _decisions(outcome: Outcome):
    return (select(func.count(Decision.id))
            # The learner's decisions first: their index finds a handful, whatever the planner thinks of
            # the mostly empty recognition_id.
            .where(Decision.learner_id == RecognitionRequest.learner_id,
                   Decision.recognition_id == RecognitionRequest.id, Decision.outcome == constant(outcome))
            .correlate(RecognitionRequest).scalar_subquery())


def _summaries() -> Select:
    files = (select(func.count(EvidenceFile.id)).where(EvidenceFile.request_id == RecognitionRequest.id)
             .correlate(RecognitionRequest).scalar_subquery())
    return (select(RecognitionRequest.id, RecognitionRequest.learner_id, User.display_name.label("learner_name"),
                   RecognitionRequest.unit_id, RecognitionRequest.objective_id, RecognitionRequest.status,
                   RecognitionRequest.coach_message, RecognitionRequest.sent_at, RecognitionRequest.round,
                   files.label("files"), _decisions(Outcome.ACCEPTED).label("accepted"),
                   _decisions(Outcome.NOT_ACCEPTED).label("not_accepted"))
            .join(User, User.id == RecognitionRequest.learner_id))


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
    query = (_summaries().where(RecognitionRequest.status == constant(RecognitionStatus.SENT),
                                sees_learner(coach, RecognitionRequest.learner_id))
             .order_by(RecognitionRequest.sent_at, RecognitionRequest.id))
    if group_id is not None:
        query = query.where(RecognitionRequest.learner_id.in_(group_learner_ids(group_id)))
    return _named(query)


def waiting_count_query(coach) -> Select:
    """The number of sent requests waiting for the coach, as a query that can be combined with others."""
    return (select(func.count(RecognitionRequest.id))
            .where(RecognitionRequest.status == constant(RecognitionStatus.SENT),
                   sees_learner(coach, RecognitionRequest.learner_id)))


def waiting_count(coach) -> int:
    return db.session.scalar(waiting_count_query(coach)) or 0
