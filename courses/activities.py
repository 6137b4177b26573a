"""What a learner does on a step: read, answer a quiz, write or upload a task, assess themselves."""

from dataclasses import dataclass

from sqlalchemy import select

from app.core import notifications
from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from courses import uploads
from courses.models import (
    ProgressEvent,
    QuizAttempt,
    SelfAssessment,
    Step,
    StepKind,
    Submission,
    SubmissionFile,
    SubmissionStatus,
)
from courses.progress import State

SELF_LEVELS = ("not_yet", "with_help", "on_my_own")
MAX_TEXT = 20_000
MAX_FILES = 5
EDITABLE = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


def get_step(code: str) -> Step:
    step = db.session.scalar(select(Step).where(Step.code == code, Step.archived_at.is_(None)))
    if step is None:
        raise NotFound()
    return step


def record(learner, step: Step, kind: str) -> None:
    db.session.add(ProgressEvent(learner_id=learner.id, step_id=step.id, kind=kind, at=utcnow()))
    db.session.flush()


def open_step(learner, step: Step, states: dict | None = None) -> bool:
    """The first visit to a step marks it started (True); later visits add nothing (False).

    `states` are the learner's step states (courses.progress) when the caller has them: a step with
    any event is in them, which saves the query; the new state is written into them.
    """
    if states is not None:
        seen = step.id in states
    else:
        seen = db.session.scalar(
            select(ProgressEvent.id).where(ProgressEvent.learner_id == learner.id,
                                           ProgressEvent.step_id == step.id).limit(1)
        ) is not None
    if seen:
        return False
    record(learner, step, "opened")
    if states is not None:
        states[step.id] = State.IN_PROGRESS
    return True


def mark_read(learner, step: Step) -> None:
    if step.kind != StepKind.LESSON:
        raise Invalid(N_("Only a lesson can be marked as read."))
    record(learner, step, "read")


# --- quiz ------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: dict
    chosen: list[int]
    correct: bool
    missing: int = 0  # right choices the learner did not choose: told as a number, never named
    wrong: int = 0  # chosen choices that are not right


def _checked(question: dict, chosen: list[int]) -> QuestionResult:
    right = {i for i, c in enumerate(question["choices"]) if c.get("correct")}
    picked = set(chosen)
    return QuestionResult(question, chosen, picked == right, missing=len(right - picked), wrong=len(picked - right))


def questions_of(step: Step, variant: str | None = None) -> list[dict]:
    """The quiz questions, translated when the variant has them (same ids and choice order)."""
    questions = step.settings.get("questions", [])
    translated = (step.variants.get(variant) or {}).get("settings", {}).get("questions") if variant else None
    if not translated:
        return questions
    by_id = {q["id"]: q for q in translated}
    return [_translated_question(q, by_id.get(q["id"], {})) for q in questions]


def _translated_question(question: dict, other: dict) -> dict:
    other_choices = other.get("choices") or []
    choices = []
    for i, choice in enumerate(question["choices"]):
        theirs = other_choices[i] if i < len(other_choices) else {}
        choices.append({**choice, "text": theirs.get("text", choice["text"]),
                        "explanation": theirs.get("explanation", choice.get("explanation", ""))})
    return {**question, "text": other.get("text", question["text"]), "choices": choices}


def answer_quiz(learner, step: Step, answers: dict[str, list[int]], variant: str | None = None):
    """Check the answers at once; every question needs an answer. Returns (attempt, results)."""
    if step.kind != StepKind.QUIZ:
        raise NotFound()
    questions = questions_of(step, variant)
    results = []
    for question in questions:
        chosen = sorted(set(answers.get(question["id"], [])))
        if not chosen:
            raise Invalid(N_("Answer every question. Question %(number)s has no answer."),
                          number=questions.index(question) + 1)
        if any(i < 0 or i >= len(question["choices"]) for i in chosen):
            raise Invalid(N_("That answer is not one of the choices."))
        if question.get("type") == "single" and len(chosen) != 1:
            raise Invalid(N_("Choose only one answer in question %(number)s."),
                          number=questions.index(question) + 1)
        results.append(_checked(question, chosen))
    attempt = QuizAttempt(
        learner_id=learner.id, step_id=step.id,
        answers={r.question["id"]: r.chosen for r in results},
        correct=sum(r.correct for r in results), total=len(results),
    )
    db.session.add(attempt)
    record(learner, step, "quiz_passed" if attempt.correct == attempt.total else "quiz_failed")
    return attempt, results


def last_attempt(learner, step: Step) -> QuizAttempt | None:
    return db.session.scalar(
        select(QuizAttempt).where(QuizAttempt.learner_id == learner.id, QuizAttempt.step_id == step.id)
        .order_by(QuizAttempt.id.desc()).limit(1)
    )


def results_of(step: Step, attempt: QuizAttempt, variant: str | None = None) -> list[QuestionResult]:
    results = []
    for question in questions_of(step, variant):
        results.append(_checked(question, attempt.answers.get(question["id"], [])))
    return results


# --- written and file tasks ----------------------------------------------------------------------


def get_submission(learner, step: Step) -> Submission | None:
    return db.session.scalar(
        select(Submission).where(Submission.learner_id == learner.id, Submission.step_id == step.id)
    )


def _editable_submission(learner, step: Step) -> Submission:
    if step.kind not in (StepKind.WRITTEN_TASK, StepKind.FILE_TASK):
        raise NotFound()
    submission = get_submission(learner, step)
    if submission is None:
        submission = Submission(learner_id=learner.id, step_id=step.id, status=SubmissionStatus.DRAFT,
                                text="", created_at=utcnow(), updated_at=utcnow())
        db.session.add(submission)
        db.session.flush()
    elif submission.status not in EDITABLE:
        raise Invalid(N_("This answer is already with your coach. You can change it if the coach "
                         "returns it."))
    return submission


def save_draft(learner, step: Step, text: str, *, as_typed: bool = False) -> Submission:
    """Keep what the learner has written so far; nothing goes to the coach yet.

    `as_typed`: saved while typing, so no progress event (opening the step already marked it started).
    """
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise Invalid(N_("The answer is too long (at most 20,000 characters)."))
    submission = _editable_submission(learner, step)
    submission.text = text
    submission.updated_at = utcnow()
    if not as_typed:
        record(learner, step, "draft_saved")
    return submission


def submit(learner, step: Step, text: str) -> Submission:
    """Send the answer to the coach; a written task needs enough text, a file task a file."""
    submission = save_draft(learner, step, text)
    if step.kind == StepKind.WRITTEN_TASK:
        minimum = int(step.settings.get("min_chars") or 1)
        if len(submission.text) < minimum:
            raise Invalid(N_("Write a little more before sending: at least %(count)s characters."),
                          count=minimum)
    if step.kind == StepKind.FILE_TASK and not submission.files:
        raise Invalid(N_("Choose a file before sending."))
    if submission.status == SubmissionStatus.RETURNED:
        submission.version += 1
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = utcnow()
    record(learner, step, "submitted")
    notifications.tell_coaches(learner.id, notifications.Kind.TASK_SENT, submission.id, step=step.code,
                               title=step.title)
    return submission


def add_file(learner, step: Step, original_name: str, data: bytes, storage_dir: str) -> SubmissionFile:
    if step.kind != StepKind.FILE_TASK:
        raise NotFound()
    submission = _editable_submission(learner, step)
    if len(submission.files) >= MAX_FILES:
        raise Invalid(N_("You can add at most 5 files. Remove one first."))
    accept = tuple(step.settings.get("accept") or uploads.ALL_TYPES)
    stored = uploads.store_upload(storage_dir, original_name, data, accept)
    file = SubmissionFile(stored_name=stored.stored_name, original_name=stored.original_name,
                          content_type=stored.content_type, size=stored.size, sha256=stored.sha256,
                          uploaded_at=utcnow())
    submission.files.append(file)
    submission.updated_at = utcnow()
    record(learner, step, "draft_saved")
    return file


def remove_file(learner, file_id: int) -> str:
    """Remove one of the learner's own files from an unsent answer; returns the stored name to delete."""
    file = db.session.get(SubmissionFile, file_id)
    if file is None or file.submission.learner_id != learner.id:
        raise NotFound()
    if file.submission.status not in EDITABLE:
        raise Invalid(N_("This answer is already with your coach. You can change it if the coach "
                         "returns it."))
    stored_name = file.stored_name
    file.submission.files.remove(file)
    db.session.flush()
    return stored_name


def own_file(learner, file_id: int) -> SubmissionFile:
    file = db.session.get(SubmissionFile, file_id)
    if file is None or file.submission.learner_id != learner.id:
        raise NotFound()
    return file


# --- self-assessment -----------------------------------------------------------------------------


def self_assess(learner, step: Step, levels: dict[str, str]) -> None:
    """Save the learner's own view of each objective of the step (never a grade)."""
    if step.kind != StepKind.SELF_ASSESSMENT:
        raise NotFound()
    objectives = list(step.objectives or step.module.objectives)
    missing = [code for code in objectives if levels.get(code) not in SELF_LEVELS]
    if missing:
        raise Invalid(N_("Choose one option for every statement."))
    existing = {
        a.objective_code: a
        for a in db.session.scalars(select(SelfAssessment).where(SelfAssessment.learner_id == learner.id,
                                                                 SelfAssessment.objective_code.in_(objectives)))
    }
    for code in objectives:
        row = existing.get(code) or SelfAssessment(learner_id=learner.id, objective_code=code)
        row.step_id, row.level, row.updated_at = step.id, levels[code], utcnow()
        db.session.add(row)
    record(learner, step, "self_assessed")


def self_assessments(learner_id: int, objective_codes: list[str] | None = None) -> dict[str, str]:
    """The learner's own view of each of these objectives that they have assessed (of every objective
    they have assessed when no codes are given: My skills shows them all, without a list to expand).
    """
    query = select(SelfAssessment.objective_code, SelfAssessment.level).where(SelfAssessment.learner_id == learner_id)
    if objective_codes is not None:
        if not objective_codes:
            return {}
        query = query.where(SelfAssessment.objective_code.in_(objective_codes))
    return dict(db.session.execute(query).all())
