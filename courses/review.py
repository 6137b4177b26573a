"""The coach's review of submitted tasks: a queue of their groups' learners' work, oldest first.

A review is two calls in one transaction: `review_submission` accepts or returns the task, and
`decide_objectives` records the coach's decision on each objective the task covers (method "task",
pointing at the submission); that is where a task turns into recognised competence and points.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import defer, joinedload, selectinload

from app.core import audit
from app.core.accounts.models import User
from app.core.accounts.service import coaches_learner, in_group
from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from competence import decisions
from competence.models import Decision, Method
from courses.activities import record
from courses.models import Course, Module, Step, Submission, SubmissionFile, SubmissionStatus


def _visible_to(coach):
    """A condition: the submission's learner is in one of the coach's groups (admins see all)."""
    return coaches_learner(coach, Submission.learner_id)


def review_queue(coach, group_id: int | None = None) -> list[Submission]:
    """Submitted tasks waiting for this coach, oldest first, with learner and step loaded."""
    query = (
        select(Submission)
        .where(Submission.status == SubmissionStatus.SUBMITTED, _visible_to(coach))
        # The queue shows titles only: not the answers' text nor each step's body, settings and
        # language variants, which joined onto every row made the queue several times slower.
        .options(defer(Submission.text),
                 joinedload(Submission.step)
                 .load_only(Step.id, Step.module_id, Step.code, Step.kind, Step.title, Step.archived_at)
                 .joinedload(Step.module).load_only(Module.id, Module.course_id, Module.code, Module.title)
                 .joinedload(Module.course).load_only(Course.id, Course.code, Course.title),
                 selectinload(Submission.files))
        .order_by(Submission.submitted_at, Submission.id)
    )
    if group_id is not None:
        query = query.where(in_group(group_id, Submission.learner_id))
    return list(db.session.scalars(query).unique())


def queue_count_query(coach):
    """The number of submitted tasks for the coach, as a query that can be combined with others."""
    return select(func.count(Submission.id)).where(Submission.status == SubmissionStatus.SUBMITTED,
                                                   _visible_to(coach))


def queue_count(coach) -> int:
    return db.session.scalar(queue_count_query(coach)) or 0


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


def task_objectives(step: Step) -> list[str]:
    """The objective codes a task covers: its own, else its module's."""
    return list(step.objectives or step.module.objectives)


def decide_objectives(coach, submission_id: int, choices: dict[str, str], message: str = "") -> list[Decision]:
    """Record a decision for each objective the coach chose ({code: "accepted:3" | "more_needed" |
    "not_accepted" | ""}); codes the task does not cover are refused, empty choices decide nothing.
    """
    submission = get_for_coach(coach, submission_id)
    covered = task_objectives(submission.step)
    if any(code not in covered for code in choices):
        raise NotFound()
    recorded = []
    for code in covered:
        choice = decisions.parse_choice(choices.get(code))
        if choice is not None:
            outcome, grade = choice
            recorded.append(decisions.decide(coach, submission.learner_id, code, outcome, grade,
                                             method=Method.TASK, note=message, submission_id=submission.id))
    return recorded
