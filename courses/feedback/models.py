"""Feedback rounds (yhteiskehittäminen): questions, answers, who has answered, and what was done.

Anonymity is built into the tables. An anonymous round's answers (`FeedbackResponse`,
`FeedbackAnswer`) carry no learner id, no timestamp and no id that follows the order of answering:
their keys are random and the tables have no SQLite rowid. Who has answered is a separate marker
(`FeedbackParticipation`, round and learner only) that stops double answers and gives the response
rate; nothing joins the two. An anonymous answer is never written by the learner's own request:
until it is sent it is a sealed draft in the pool (`FeedbackPending`), found by the hash of a key the
learner holds in their signed session, and once sent it waits sealed in the pool until it is
released with others (see `pool`), so no row's transaction, position or time ties it to its sender.
"""

import secrets
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, ForeignKey, LargeBinary, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.accounts.models import Group
from app.core.db import UTCDateTime, db, utcnow
from app.core.i18n import N_
from courses.models import Course, Module, Step

# No per-group breakdown of an anonymous round, and no results at all, below this many answers.
MIN_ANSWERS = 5


def random_key() -> str:
    """A primary key that says nothing about when or by whom a row was made."""
    return secrets.token_hex(16)


class RoundStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class QuestionKind(StrEnum):
    SCALE = "scale"  # 1-5, shown as faces with words
    SINGLE = "single"
    MULTIPLE = "multiple"
    TEXT = "text"


SCALE_WORDS = {1: N_("Very bad"), 2: N_("Bad"), 3: N_("Okay"), 4: N_("Good"), 5: N_("Very good")}
# Seconds a question takes on a phone, for the "takes about N minutes" promise.
SECONDS = {QuestionKind.SCALE: 15, QuestionKind.SINGLE: 20, QuestionKind.MULTIPLE: 30, QuestionKind.TEXT: 60}

round_modules = Table(
    "feedback_round_module",
    db.metadata,
    Column("round_id", ForeignKey("feedback_round.id", ondelete="CASCADE"), primary_key=True),
    Column("module_id", ForeignKey("course_module.id"), primary_key=True, index=True),
)

round_groups = Table(
    "feedback_round_group",
    db.metadata,
    Column("round_id", ForeignKey("feedback_round.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", ForeignKey("learner_group.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class FeedbackRound(db.Model):
    """A round of questions to the learners about a course or some of its modules."""

    __tablename__ = "feedback_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    all_learners: Mapped[bool] = mapped_column(default=True)
    anonymous: Mapped[bool] = mapped_column(default=True)
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    status: Mapped[RoundStatus] = mapped_column(String(16), default=RoundStatus.DRAFT, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    course: Mapped[Course] = relationship()
    modules: Mapped[list[Module]] = relationship(secondary=round_modules, order_by=Module.position)
    groups: Mapped[list[Group]] = relationship(secondary=round_groups, order_by=Group.name)
    questions: Mapped[list["FeedbackQuestion"]] = relationship(
        back_populates="round", order_by="FeedbackQuestion.position", cascade="all, delete-orphan"
    )

    @property
    def minutes(self) -> int:
        """How long answering takes, rounded up to whole minutes."""
        seconds = sum(SECONDS[QuestionKind(q.kind)] for q in self.questions)
        return max(1, -(-seconds // 60))

    @property
    def target_key(self) -> tuple:
        """Two rounds with the same key ask about the same thing and can be compared."""
        return (self.course_id, tuple(sorted(m.id for m in self.modules)))

    def accepts_answers(self, today: date) -> bool:
        return self.status == RoundStatus.OPEN and self.opens_on <= today <= self.closes_on

    def state(self, today: date) -> str:
        """draft, scheduled (opened, not yet started), open or closed (closed, or past its last day)."""
        if self.status == RoundStatus.DRAFT:
            return "draft"
        if self.status == RoundStatus.CLOSED or today > self.closes_on:
            return "closed"
        return "scheduled" if today < self.opens_on else "open"


class FeedbackQuestion(db.Model):
    __tablename__ = "feedback_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("feedback_round.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[QuestionKind] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(String(300))
    choices: Mapped[list] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(default=False)

    round: Mapped[FeedbackRound] = relationship(back_populates="questions")

    def labels(self) -> list[tuple[int, str]]:
        """(value, label) of each option; scale labels are msgids for the web layer to translate."""
        if self.kind == QuestionKind.SCALE:
            return list(SCALE_WORDS.items())
        return list(enumerate(self.choices))


class FeedbackResponse(db.Model):
    """One learner's answers to one round. In an anonymous round: no learner, no time, no order."""

    __tablename__ = "feedback_response"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_key)
    round_id: Mapped[int] = mapped_column(ForeignKey("feedback_round.id", ondelete="CASCADE"), index=True)
    # Named rounds only; always empty in an anonymous round.
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    # The learner's groups in the audience, when at least MIN_ANSWERS learners share exactly them.
    group_ids: Mapped[list] = mapped_column(JSON, default=list, info={"references": "learner_group.id"})
    sent: Mapped[bool] = mapped_column(default=False)

    answers: Mapped[list["FeedbackAnswer"]] = relationship(back_populates="response", cascade="all, delete-orphan")


class FeedbackAnswer(db.Model):
    __tablename__ = "feedback_answer"
    __table_args__ = (UniqueConstraint("response_id", "question_id"), {"sqlite_with_rowid": False})

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_key)
    response_id: Mapped[str] = mapped_column(ForeignKey("feedback_response.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("feedback_question.id", ondelete="CASCADE"), index=True)
    number: Mapped[int | None]  # the scale value, or the index of the chosen option
    numbers: Mapped[list | None] = mapped_column(JSON)  # the chosen options of a multiple choice
    text: Mapped[str | None] = mapped_column(Text)

    response: Mapped[FeedbackResponse] = relationship(back_populates="answers")
    question: Mapped[FeedbackQuestion] = relationship()
    themes: Mapped[list["FeedbackTheme"]] = relationship(secondary="feedback_answer_theme",
                                                         order_by="FeedbackTheme.name")

    @property
    def value(self):
        return self.numbers if self.numbers is not None else (self.text if self.text is not None else self.number)


class FeedbackPending(db.Model):
    """An anonymous round's answers before their release: a draft, or sent and waiting for others.

    What the learner wrote is sealed (`sealing`), so that a row tied to its writer by its transaction
    or position says nothing readable.
    """

    __tablename__ = "feedback_pending"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_key)
    round_id: Mapped[int] = mapped_column(ForeignKey("feedback_round.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the key the learner holds in their session; emptied when the answers are sent.
    key_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    sent: Mapped[bool] = mapped_column(default=False)


class FeedbackParticipation(db.Model):
    """That a learner has sent their answers to a round: nothing more, and no time."""

    __tablename__ = "feedback_participation"
    __table_args__ = {"sqlite_with_rowid": False}

    round_id: Mapped[int] = mapped_column(ForeignKey("feedback_round.id", ondelete="CASCADE"), primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True, index=True)


class FeedbackTheme(db.Model):
    """A theme that staff tag free-text answers with, per round ("instructions", "pace")."""

    __tablename__ = "feedback_theme"
    __table_args__ = (UniqueConstraint("round_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("feedback_round.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))


answer_themes = Table(
    "feedback_answer_theme",
    db.metadata,
    Column("answer_id", ForeignKey("feedback_answer.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("feedback_theme.id", ondelete="CASCADE"), primary_key=True, index=True),
    sqlite_with_rowid=False,
)


class FeedbackAction(db.Model):
    """'You said, we did': what staff decided and did because of a round."""

    __tablename__ = "feedback_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("feedback_round.id", ondelete="CASCADE"), index=True)
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    module_id: Mapped[int | None] = mapped_column(ForeignKey("course_module.id"), index=True)
    step_id: Mapped[int | None] = mapped_column(ForeignKey("course_step.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    round: Mapped[FeedbackRound] = relationship()
    module: Mapped[Module | None] = relationship()
    step: Mapped[Step | None] = relationship()


class FeedbackNewsSeen(db.Model):
    """The newest action a learner has been told about, so that the notice appears once."""

    __tablename__ = "feedback_news_seen"

    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    last_action_id: Mapped[int] = mapped_column(default=0)
