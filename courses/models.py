"""Courses as imported from content/, and what each learner has done in them.

Content rows (Course, Module, Step) are keyed by their stable codes from content/ and updated in
place on import; removed ones are archived, never deleted, so a learner's work never loses its step.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import UploadedFileColumns, UTCDateTime, db, utcnow


class StepKind(StrEnum):
    LESSON = "lesson"
    QUIZ = "quiz"
    WRITTEN_TASK = "written_task"
    FILE_TASK = "file_task"
    SELF_ASSESSMENT = "self_assessment"


TASK_KINDS = (StepKind.WRITTEN_TASK, StepKind.FILE_TASK)


class Course(db.Model):
    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="fi")
    summary: Mapped[str] = mapped_column(Text, default="")
    intro_html: Mapped[str] = mapped_column(Text, default="")
    framework_code: Mapped[str | None] = mapped_column(String(64))
    slug: Mapped[str] = mapped_column(String(120))
    variants: Mapped[dict] = mapped_column(JSON, default=dict)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    modules: Mapped[list["Module"]] = relationship(back_populates="course", order_by="Module.position")


class Module(db.Model):
    __tablename__ = "course_module"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    minutes: Mapped[int] = mapped_column(default=0)
    objectives: Mapped[list] = mapped_column(JSON, default=list)
    intro_html: Mapped[str] = mapped_column(Text, default="")
    folder: Mapped[str] = mapped_column(String(200))
    variants: Mapped[dict] = mapped_column(JSON, default=dict)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    course: Mapped[Course] = relationship(back_populates="modules")
    steps: Mapped[list["Step"]] = relationship(back_populates="module", order_by="Step.position")


class Step(db.Model):
    """One page of a module: a lesson or an activity."""

    __tablename__ = "course_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("course_module.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[StepKind] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    minutes: Mapped[int] = mapped_column(default=0)
    objectives: Mapped[list] = mapped_column(JSON, default=list)
    body_html: Mapped[str] = mapped_column(Text, default="")
    # Activity settings: quiz questions (with choices, correct flags, explanations), min_chars, accept.
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    # {"selko": {"title", "body_html", "settings"?}, "en": {...}, "sv": {...}}
    variants: Mapped[dict] = mapped_column(JSON, default=dict)
    source_path: Mapped[str] = mapped_column(String(300), default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    module: Mapped[Module] = relationship(back_populates="steps")


class ProgressEvent(db.Model):
    """Append-only: what a learner did on a step and when. Progress is computed from these."""

    __tablename__ = "progress_event"
    # With kind, a step's state comes from the index alone (courses.progress.step_states).
    __table_args__ = (Index("ix_progress_event_learner_step_kind", "learner_id", "step_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("course_step.id"), index=True)
    # opened | read | quiz_passed | quiz_failed | draft_saved | submitted | returned | accepted |
    # self_assessed
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuizAttempt(db.Model):
    __tablename__ = "quiz_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("course_step.id"), index=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # {question_id: [choice indexes]}
    correct: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SubmissionStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


class Submission(db.Model):
    """A learner's answer to a written or file task; one per learner and task, kept through rounds."""

    __tablename__ = "submission"
    # The coach's queue and menu count ask for one status of their learners' submissions: this answers
    # from the index alone, without reading each submission's row.
    __table_args__ = (UniqueConstraint("learner_id", "step_id"),
                      Index("ix_submission_learner_id_status", "learner_id", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("course_step.id"), index=True)
    status: Mapped[SubmissionStatus] = mapped_column(String(16), default=SubmissionStatus.DRAFT, index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    coach_message: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    step: Mapped[Step] = relationship()
    files: Mapped[list["SubmissionFile"]] = relationship(
        back_populates="submission", order_by="SubmissionFile.id", cascade="all, delete-orphan"
    )


class SubmissionFile(UploadedFileColumns, db.Model):
    """An uploaded file, stored outside the web root under a generated name."""

    __tablename__ = "submission_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"), index=True)

    submission: Mapped[Submission] = relationship(back_populates="files")


class SelfAssessment(db.Model):
    """The learner's own view of an objective: never a grade."""

    __tablename__ = "self_assessment"
    __table_args__ = (UniqueConstraint("learner_id", "objective_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("course_step.id"), index=True)
    objective_code: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))  # not_yet | with_help | on_my_own
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
