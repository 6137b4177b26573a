"""The coach's review of submitted tasks: a queue of their groups' learners' work, oldest first.

A review (`review_task`) accepts or returns the task (`review_submission`) and records the coach's
decision on each objective the task covers (`decide_objectives`, method "task", pointing at the
submission); that is where a task turns into recognised competence and points. Accepting a task that
trains objectives needs at least one of them decided, so "accepted" never hides an empty record;
`task_outcome` tells the learner what the review recognised.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.core import audit, notifications
from app.core.accounts.models import User
from app.core.accounts.policy import sees_learner
from app.core.accounts.service import group_learner_ids
from app.core.db import constant, db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from competence import decisions
from competence.models import Decision, Method, Objective, Outcome
from courses.activities import record
from courses.models import Module, Step, Submission, SubmissionFile, SubmissionStatus
from courses.objectives import objectives_by_code


@dataclass(frozen=True)
class WaitingTask:
    """What the coach's queue shows of a submitted task."""

    id: int
    learner_id: int
    learner_name: str
    submitted_at: datetime
    version: int
    step_title: str
    module_title: str
    files: int  # how many


def review_queue(coach, group_id: int | None = None) -> list[WaitingTask]:
    """Submitted tasks of the learners the coach sees (of one group), oldest first: one query."""
    files = (select(func.count(SubmissionFile.id)).where(SubmissionFile.submission_id == Submission.id)
             .correlate(Submission).scalar_subquery())
    query = (
        select(Submission.id, Submission.learner_id, User.display_name.label("learner_name"),
               Submission.submitted_at, Submission.version, Step.title.label("step_title"),
               Module.title.label("module_title"), files.label("files"))
        .join(User, User.id == Submission.learner_id)
        .join(Step, Step.id == Submission.step_id)
        .join(Module, Module.id == Step.module_id)
        .where(Submission.status == constant(SubmissionStatus.SUBMITTED), sees_learner(coach, Submission.learner_id))
        .order_by(Submission.submitted_at, Submission.id)
    )
    if group_id is not None:
        query = query.where(Submission.learner_id.in_(group_learner_ids(group_id)))
    # The columns are selected in the dataclass's field order.
    return [WaitingTask(*row) for row in db.session.execute(query)]


def queue_count_query(coach):
    """The number of submitted tasks waiting for the coach, as a query that can be combined with others."""
    return select(func.count(Submission.id)).where(Submission.status == constant(SubmissionStatus.SUBMITTED),
                                                   sees_learner(coach, Submission.learner_id))


def queue_count(coach) -> int:
    return db.session.scalar(queue_count_query(coach)) or 0


def get_for_coach(coach, submission_id: int) -> Submission:
    submission = db.session.scalar(select(Submission).where(Submission.id == submission_id,
                                                            sees_learner(coach, Submission.learner_id)))
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
    notifications.tell_learner(submission.learner_id, notifications.Kind.TASK_ACCEPTED if accept
                               else notifications.Kind.TASK_RETURNED, submission.id,
                               step=submission.step.code, title=submission.step.title)
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


NOTHING_DECIDED = N_("Choose a decision for at least one objective, or return the task.")


@dataclass(frozen=True)
class TaskOutcome:
    """What a review recorded: accepted or returned, and how many of the task's objectives it
    decided and recognised (accepted); `trains` is how many objectives the task covers.
    """

    accepted: bool
    trains: int
    decided: int
    recognised: int


def require_decision(covered: list[str], accept: bool, choices: dict[str, str]) -> None:
    """Accepting a task that trains objectives needs a decision on at least one of them: an accepted
    task that records nothing would tell the learner something My skills does not show.
    """
    if accept and covered and not any(decisions.parse_choice(choices.get(code)) for code in covered):
        raise Invalid(NOTHING_DECIDED)


def review_task(coach, submission_id: int, accept: bool, choices: dict[str, str], message: str = "",
                ) -> TaskOutcome:
    """Accept or return the task and record the objectives decided, as one review."""
    submission = get_for_coach(coach, submission_id)
    covered = [o.code for o in objectives_by_code(task_objectives(submission.step))]
    require_decision(covered, accept, choices)
    review_submission(coach, submission_id, accept, message)
    recorded = decide_objectives(coach, submission_id, choices, message)
    return TaskOutcome(accept, len(covered), len(recorded),
                       sum(1 for d in recorded if d.outcome == Outcome.ACCEPTED))


def task_outcome(submission: Submission) -> TaskOutcome:
    """What the review of a task recorded, for the learner's page of that task: one query."""
    trains = (select(func.count(Objective.id))
              .where(Objective.code.in_(task_objectives(submission.step)), Objective.archived_at.is_(None))
              .scalar_subquery())
    decided, recognised, trains = db.session.execute(
        select(func.count(Decision.id), func.count(Decision.id).filter(Decision.outcome == Outcome.ACCEPTED),
               trains)
        .where(Decision.submission_id == submission.id)).one()
    return TaskOutcome(submission.status == SubmissionStatus.ACCEPTED, trains, decided, recognised)
