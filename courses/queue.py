"""Everything waiting for a coach in one list, oldest first: submitted tasks (courses) and sent
recognition requests (competence), for the coach's groups, filtered by group and kind.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.core.db import db
from competence import request_lists
from competence.request_lists import RequestSummary
from courses import review
from courses.review import WaitingTask

KINDS = ("task", "recognition")


@dataclass(frozen=True)
class QueueItem:
    """One line of the queue: a task or a request, by the time it was sent."""

    kind: str  # "task" or "recognition"
    sent_at: datetime
    learner_id: int
    submission: WaitingTask | None = None
    request: RequestSummary | None = None


def waiting_for(coach, group_id: int | None = None, kind: str | None = None) -> list[QueueItem]:
    """The coach's queue in a fixed number of queries, whatever its length."""
    items = []
    if kind in (None, "task"):
        items += [QueueItem("task", s.submitted_at, s.learner_id, submission=s)
                  for s in review.review_queue(coach, group_id)]
    if kind in (None, "recognition"):
        items += [QueueItem("recognition", r.sent_at, r.learner_id, request=r)
                  for r in request_lists.waiting_requests(coach, group_id)]
    return sorted(items, key=lambda item: item.sent_at)


def waiting_count_columns(coach) -> tuple:
    """The waiting tasks and requests as two columns, to be counted in one query with others."""
    return (review.queue_count_query(coach).scalar_subquery(),
            request_lists.waiting_count_query(coach).scalar_subquery())


def waiting_count(coach) -> int:
    """How many things wait for the coach, for the menu: one query."""
    tasks, requests = db.session.execute(select(*waiting_count_columns(coach))).one()
    return (tasks or 0) + (requests or 0)
