"""The competence framework as imported from content/frameworks (areas, units, objectives), and
what is recorded about each learner against it (recognition requests, decisions, points).

Framework rows are keyed by their stable codes and updated in place on import; removed ones are
archived, never deleted, so decisions and points that name them keep their meaning. Decisions and
points entries are never updated or deleted: a correction is a new row.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.accounts.models import User
from app.core.db import UploadedFileColumns, UTCDateTime, db, utcnow


class CompetenceArea(db.Model):
    """A group of units with its own osp, e.g. Työelämätaidot (TET)."""

    __tablename__ = "competence_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[dict] = mapped_column(JSON, default=dict)  # {"fi": ..., "sv": ..., "en": ...}
    osp: Mapped[int] = mapped_column(default=0)
    # {scale code: {"name": {fi, sv, en}, "values": [...], "criteria_for": [...]}}
    scales: Mapped[dict] = mapped_column(JSON, default=dict)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    units: Mapped[list["Unit"]] = relationship(back_populates="area", order_by="Unit.position")


class Unit(db.Model):
    """A unit (tutkinnon osa / osa-alue) with its own competence points and grading scale."""

    __tablename__ = "competence_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("competence_area.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[dict] = mapped_column(JSON, default=dict)
    osp: Mapped[int] = mapped_column(default=0)
    scale: Mapped[str] = mapped_column(String(64))
    # The national code it corresponds to (see competence/frameworks.py); {} for a local unit.
    national: Mapped[dict] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(default=0)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    area: Mapped[CompetenceArea] = relationship(back_populates="units")
    objectives: Mapped[list["Objective"]] = relationship(
        back_populates="unit", order_by="Objective.position"
    )


class Objective(db.Model):
    """What the learner can do (osaamistavoite), with criteria per grade of the unit's scale."""

    __tablename__ = "competence_objective"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("competence_unit.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[dict] = mapped_column(JSON, default=dict)
    criteria: Mapped[dict] = mapped_column(JSON, default=dict)  # {"1": {fi, sv, en}, "3": ..., "5": ...}
    position: Mapped[int] = mapped_column(default=0)
    # Optional objectives (valinnaiset) are a later extension; every objective is compulsory today.
    compulsory: Mapped[bool] = mapped_column(default=True)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[Unit] = relationship(back_populates="objectives")


# --- recognition of prior learning -------------------------------------------------------------


class RecognitionStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    MORE_NEEDED = "more_needed"
    DECIDED = "decided"


class RecognitionRequest(db.Model):
    """A learner's "I already know this": earlier competence told in their own words, for one
    objective or a whole unit (objective_id empty), with evidence files. Kept through rounds.
    """

    __tablename__ = "recognition_request"
    # The coach's queue and menu count ask for the sent requests of their learners (see Submission).
    __table_args__ = (Index("ix_recognition_request_learner_id_status", "learner_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("competence_unit.id"), index=True)
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("competence_objective.id"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[RecognitionStatus] = mapped_column(String(16), default=RecognitionStatus.DRAFT, index=True)
    round: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    coach_message: Mapped[str] = mapped_column(Text, default="")

    learner: Mapped[User] = relationship(foreign_keys=[learner_id])
    unit: Mapped[Unit] = relationship()
    objective: Mapped[Objective | None] = relationship()
    files: Mapped[list["EvidenceFile"]] = relationship(
        back_populates="request", order_by="EvidenceFile.id", cascade="all, delete-orphan"
    )

    @property
    def editable(self) -> bool:
        return self.status in (RecognitionStatus.DRAFT, RecognitionStatus.MORE_NEEDED)


class EvidenceFile(UploadedFileColumns, db.Model):
    """A work certificate, a card, a photo...: stored outside the web root under a generated name."""

    __tablename__ = "evidence_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("recognition_request.id"), index=True)

    request: Mapped[RecognitionRequest] = relationship(back_populates="files")


# --- decisions -----------------------------------------------------------------------------------


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    MORE_NEEDED = "more_needed"
    NOT_ACCEPTED = "not_accepted"


class Method(StrEnum):
    TASK = "task"  # demonstrated in a task of the platform
    PRIOR_LEARNING = "prior_learning"  # recognised prior learning
    WORKSHOP = "workshop"  # observed at the workshop


class Decision(db.Model):
    """A coach's decision on one objective of one learner. Immutable: a correction is a new row
    that supersedes the learner's previous decision on the objective; the latest one counts.

    `submission_id` names the task (courses) the decision was made on. It has no foreign key on
    purpose: competence sits below courses and its tables do not depend on theirs.
    """

    __tablename__ = "competence_decision"
    __table_args__ = (Index("ix_competence_decision_learner_objective", "learner_id", "objective_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("competence_objective.id"), index=True)
    outcome: Mapped[Outcome] = mapped_column(String(16))
    grade: Mapped[str | None] = mapped_column(String(32))
    method: Mapped[Method] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    submission_id: Mapped[int | None] = mapped_column(index=True)
    recognition_id: Mapped[int | None] = mapped_column(ForeignKey("recognition_request.id"), index=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Unique: a decision is superseded at most once, so two coaches cannot fork the history.
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("competence_decision.id"), unique=True)

    objective: Mapped[Objective] = relationship()
    assessor: Mapped[User] = relationship(foreign_keys=[assessor_id])


# --- the points ledger ---------------------------------------------------------------------------


class EntryKind(StrEnum):
    CREDIT = "credit"
    REVERSAL = "reversal"


class PointsEntry(db.Model):
    """Append-only: a unit's osp credited to a learner, or a credit reversed. Totals are sums.

    `seq` counts the entries of one learner and unit (1, 2, 3, ...): credits are odd, reversals even,
    and (learner, unit, seq) is unique. So a unit can be credited again only after a reversal, and two
    coaches crediting at the same moment collide on the key: one of the transactions fails.
    """

    __tablename__ = "points_entry"
    __table_args__ = (
        UniqueConstraint("learner_id", "unit_id", "seq", name="uq_points_entry_learner_unit_seq"),
        CheckConstraint(
            "(kind = 'credit' AND seq % 2 = 1 AND points > 0) OR (kind = 'reversal' AND seq % 2 = 0 AND points < 0)",
            name="credit_odd_reversal_even",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("competence_unit.id"), index=True)
    seq: Mapped[int]
    kind: Mapped[EntryKind] = mapped_column(String(16))
    points: Mapped[int]
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("points_entry.id"), unique=True)
    decision_ids: Mapped[list] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit] = relationship()


@event.listens_for(Decision, "before_update")
@event.listens_for(PointsEntry, "before_update")
def _refuse_update(mapper, connection, target):
    raise ValueError(f"{type(target).__name__} rows are never changed; record a new one instead")


class UnitGrade(db.Model):
    """A sub-area's grade as its assessor decided it, for one credit of the unit. Append-only: a
    correction is a newer row for the same credit; a credit made anew (after a reversal) needs a new
    decision. Verstas proposes the rounded mean of the objectives' grades (`proposed`); the coach
    confirms it or sets another (DOMAIN: sub-area grades are decided by assessors).
    """

    __tablename__ = "unit_grade"

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("competence_unit.id"))
    entry_id: Mapped[int] = mapped_column(ForeignKey("points_entry.id"), index=True)
    grade: Mapped[str] = mapped_column(String(32))
    proposed: Mapped[str | None] = mapped_column(String(32))
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
