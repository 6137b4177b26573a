"""The coach's review of submitted tasks: a queue of their groups' learners' work, oldest first.

The competence issue builds decisions on `review_submission`: accepting is where a task turns
into recognised competence.
"""

from sqlalchemy import exists, func, select, true
from sqlalchemy.orm import joinedload, selectinload

from app.core import audit
from app.core.accounts.models import User, group_coaches, group_members
from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from courses.activities import record
from courses.models import Module, Step, Submission, SubmissionFile, SubmissionStatus


def _visible_to(coach):
    """A condition: the submission's learner is in one of the coach's groups (admins see all)."""
    if coach.is_admin:
        return true()
    return exists().where(
        group_members.c.user_id == Submission.learner_id,
        group_coaches.c.group_id == group_members.c.group_id,
        group_coaches.c.user_id == coach.id,
    )


def review_queue(coach, group_id: int | None = None) -> list[Submission]:
    """Submitted tasks waiting for this coach, oldest first, with learner and step loaded."""
    query = (
        select(Submission)
        .where(Submission.status == SubmissionStatus.SUBMITTED, _visible_to(coach))
        .options(joinedload(Submission.step).joinedload(Step.module).joinedload(Module.course),
                 selectinload(Submission.files))
        .order_by(Submission.submitted_at, Submission.id)
    )
    if group_id is not None:
        query = query.where(exists().where(group_members.c.user_id == Submission.learner_id,
                                           group_members.c.group_id == group_id))
    return list(db.session.scalars(query).unique())


def queue_count(coach) -> int:
    query = select(func.count(Submission.id)).where(Submission.status == SubmissionStatus.SUBMITTED,
                                                    _visible_to(coach))
    return db.session.scalar(query) or 0


def learners_by_id(ids) -> dict[int, User]:
    ids = set(ids)
    if not ids:
        return {}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}


def get_for_coach(coach, submission_id: int) -> Submission:
    submission = db.session.scalar(select(Submission).where(Submission.id == submission_id,
                                                            _visible_to(coach)))
    if submission is None or submission.status == SubmissionStatus.DRAFT:
        raise NotFound()
    return submission


def file_for_coach(coach, file_id: int) -> SubmissionFile:
    file = db.session.get(SubmissionFile, file_id)
    if file is None:
        raise NotFound()
    get_for_coach(coach, file.submission_id)
    return file


def review_submission(coach, submission_id: int, accept: bool, message: str = "") -> Submission:
    """Accept the task, or return it to the learner with a message saying what more is needed."""
    submission = get_for_coach(coach, submission_id)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise Invalid(N_("This task has already been reviewed."))
    message = (message or "").strip()
    if not accept and not message:
        raise Invalid(N_("Write a message: tell the learner what to add or change."))
    submission.status = SubmissionStatus.ACCEPTED if accept else SubmissionStatus.RETURNED
    submission.reviewed_at = utcnow()
    submission.reviewed_by_id = coach.id
    submission.coach_message = message
    learner = db.session.get(User, submission.learner_id)
    record(learner, submission.step, "accepted" if accept else "returned")
    audit.record(coach, "submission.accept" if accept else "submission.return", submission,
                 {"learner_id": submission.learner_id, "step": submission.step.code})
    return submission
