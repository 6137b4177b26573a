"""A learner's service periods and plans, their goals with reviews, and the coach's meetings.

A period is never rewritten into another: renewing it ends the old row and starts a new one that
points back to it, so the history of periods stays as it was. Goal reviews are records: never
changed, a later review is a new row.
"""

from calendar import monthrange
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.accounts.models import Group, User
from app.core.db import UTCDateTime, db, utcnow
from competence.models import Objective
from courses.models import Module


class ServiceKind(StrEnum):
    WORK_ACTIVITY = "kuntouttava_tyotoiminta"
    SOCIAL_REHABILITATION = "sosiaalinen_kuntoutus"
    OTHER = "other"


class Participation(StrEnum):
    ON_SITE = "on_site"
    REMOTE = "remote"
    HYBRID = "hybrid"


class Channel(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    VIDEO = "video"
    CHAT = "chat"
    ON_SITE = "on_site"


class Progress(StrEnum):
    NOT_STARTED = "not_started"
    ON_THE_WAY = "on_the_way"
    REACHED = "reached"


class MeetingMode(StrEnum):
    ON_SITE = "on_site"
    PHONE = "phone"
    VIDEO = "video"
    CHAT = "chat"


class MeetingState(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    NOT_HELD = "not_held"


def _one_of(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"


class ServicePeriod(db.Model):
    """One period of service and its plan; the current one is the learner's row with no `ended_at`."""

    __tablename__ = "service_period"
    __table_args__ = (
        CheckConstraint(_one_of("kind", ServiceKind), name="kind"),
        CheckConstraint(_one_of("participation", Participation), name="participation"),
        CheckConstraint("planned_end_on >= starts_on", name="end_after_start"),
        CheckConstraint("days_per_week BETWEEN 1 AND 5", name="days_per_week"),
        CheckConstraint("review_every_months BETWEEN 1 AND 12", name="review_every_months"),
        # At most one current period per learner: a second start collides here.
        Index("uq_service_period_current", "learner_id", unique=True,
              sqlite_where=text("ended_at IS NULL"), postgresql_where=text("ended_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    kind: Mapped[ServiceKind] = mapped_column(String(32))
    starts_on: Mapped[date]
    planned_end_on: Mapped[date]
    days_per_week: Mapped[int]
    participation: Mapped[Participation] = mapped_column(String(16))
    # The agreed ways of keeping in touch: Channel codes separated by spaces, in Channel's order.
    contact_channels: Mapped[str] = mapped_column(String(100), default="")
    review_every_months: Mapped[int] = mapped_column(default=3)
    learner_notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    renewed_from_id: Mapped[int | None] = mapped_column(ForeignKey("service_period.id"), unique=True)

    learner: Mapped[User] = relationship(foreign_keys=[learner_id])
    goals: Mapped[list["Goal"]] = relationship(back_populates="period", order_by="Goal.id")

    @property
    def channels(self) -> tuple[Channel, ...]:
        return tuple(Channel(code) for code in self.contact_channels.split())

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    def next_review_on(self, today: date) -> date | None:
        """The first review day (every `review_every_months` from the start) on or after `today`, within
        the period; None when no review is left.
        """
        step = 1
        while True:
            months = self.starts_on.month - 1 + step * self.review_every_months
            year, month = self.starts_on.year + months // 12, months % 12 + 1
            day = min(self.starts_on.day, monthrange(year, month)[1])
            review = date(year, month, day)
            if review > self.planned_end_on:
                return None
            if review >= today:
                return review
            step += 1


goal_modules = Table(
    "service_goal_module",
    db.metadata,
    Column("goal_id", ForeignKey("service_goal.id", ondelete="CASCADE"), primary_key=True),
    Column("module_id", ForeignKey("course_module.id"), primary_key=True, index=True),
)

goal_objectives = Table(
    "service_goal_objective",
    db.metadata,
    Column("goal_id", ForeignKey("service_goal.id", ondelete="CASCADE"), primary_key=True),
    Column("objective_id", ForeignKey("competence_objective.id"), primary_key=True, index=True),
)


class Goal(db.Model):
    """A goal in the learner's own words, written by them or by the coach for them."""

    __tablename__ = "service_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("service_period.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    period: Mapped[ServicePeriod] = relationship(back_populates="goals")
    modules: Mapped[list[Module]] = relationship(secondary=goal_modules, order_by=Module.position)
    objectives: Mapped[list[Objective]] = relationship(secondary=goal_objectives, order_by=Objective.code)
    reviews: Mapped[list["GoalReview"]] = relationship(
        back_populates="goal", order_by="(GoalReview.reviewed_on, GoalReview.id)")


class GoalReview(db.Model):
    """The learner's and the coach's view of a goal on one day, with a short note. Never changed."""

    __tablename__ = "service_goal_review"
    __table_args__ = (
        CheckConstraint(_one_of("learner_view", Progress), name="learner_view"),
        CheckConstraint(_one_of("coach_view", Progress), name="coach_view"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("service_goal.id"), index=True)
    reviewed_on: Mapped[date]
    learner_view: Mapped[Progress] = mapped_column(String(16))
    coach_view: Mapped[Progress] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    goal: Mapped[Goal] = relationship(back_populates="reviews")


@event.listens_for(GoalReview, "before_update")
def _refuse_update(mapper, connection, target):
    raise ValueError("GoalReview rows are never changed; record a new review instead")


class Meeting(db.Model):
    """A coach's meeting with one learner or with one group, and whether it was held."""

    __tablename__ = "service_meeting"
    __table_args__ = (
        CheckConstraint("(learner_id IS NULL) <> (group_id IS NULL)", name="learner_or_group"),
        CheckConstraint(_one_of("mode", MeetingMode), name="mode"),
        CheckConstraint(_one_of("state", MeetingState), name="state"),
        CheckConstraint("minutes BETWEEN 5 AND 480", name="minutes"),
        CheckConstraint("(state = 'held') = (held_mode IS NOT NULL)", name="held_has_mode"),
        CheckConstraint("(state = 'not_held') = (not_held_reason IS NOT NULL)", name="not_held_has_reason"),
        Index("ix_service_meeting_learner_starts", "learner_id", "starts_at"),
        Index("ix_service_meeting_group_starts", "group_id", "starts_at"),
        Index("ix_service_meeting_coach_starts", "coach_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    coach_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("learner_group.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    minutes: Mapped[int]
    mode: Mapped[MeetingMode] = mapped_column(String(16))
    video_link: Mapped[str | None] = mapped_column(String(500))
    planned_note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[MeetingState] = mapped_column(String(16), default=MeetingState.PLANNED)
    held_mode: Mapped[MeetingMode | None] = mapped_column(String(16))
    not_held_reason: Mapped[str | None] = mapped_column(String(300))
    marked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    coach: Mapped[User] = relationship(foreign_keys=[coach_id])
    learner: Mapped[User | None] = relationship(foreign_keys=[learner_id])
    group: Mapped[Group | None] = relationship()
    notes: Mapped[list["MeetingNote"]] = relationship(back_populates="meeting", order_by="MeetingNote.id")

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)


class MeetingNote(db.Model):
    """A note on a meeting; the learner reads it unless it is internal."""

    __tablename__ = "service_meeting_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("service_meeting.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    internal: Mapped[bool] = mapped_column(default=False)
    by_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="notes")
