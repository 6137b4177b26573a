"""Participation days: one row per learner and day, with how the learner took part.

A learner's own "I am working remotely today" is a row that waits for the coach's confirmation; a
second entry for the same day is a correction of the row, written to the audit log with the old and
the new value. `version` grows with every change, so a form that shows an older version is stale.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime, db, utcnow


class Mode(StrEnum):
    ON_SITE = "on_site"
    REMOTE = "remote"
    ABSENT = "absent"


class AbsenceReason(StrEnum):
    ILL = "ill"
    APPOINTMENT = "appointment"  # a doctor, an office or another agreed appointment
    LEAVE = "leave"  # an agreed day off
    NO_NOTICE = "no_notice"  # did not come and sent no word
    OTHER = "other"


def _one_of(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"


class ParticipationDay(db.Model):
    __tablename__ = "participation_day"
    __table_args__ = (
        UniqueConstraint("learner_id", "day", name="uq_participation_day_learner_day"),
        CheckConstraint(_one_of("mode", Mode), name="mode"),
        CheckConstraint(_one_of("absence_reason", AbsenceReason), name="absence_reason"),
        CheckConstraint("(mode = 'absent') = (absence_reason IS NOT NULL)", name="reason_when_absent"),
        # The figures count days of a month range by mode, learner by learner, from this index alone.
        Index("ix_participation_day_day_learner", "day", "learner_id", "mode", "confirmed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    day: Mapped[date]
    mode: Mapped[Mode] = mapped_column(String(16))
    absence_reason: Mapped[AbsenceReason | None] = mapped_column(String(16))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    def state(self) -> dict:
        """What the row says, for the audit log."""
        return {"mode": str(self.mode), "absence_reason": self.absence_reason and str(self.absence_reason),
                "confirmed": self.confirmed, "recorded_by_id": self.recorded_by_id}
