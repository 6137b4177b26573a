"""What happened since a user's last visit: one row per person told, written by the service that
made the event, in the same transaction.

A learner is told of a task accepted or returned, a recognition request decided or returned, a
coach's own decision and a certificate issued; the coaches of the learner's groups of a task or a
recognition request sent. A "you said, we did" is not a row here: the feedback news already tracks
it per learner (`feedback_news_seen`), and My path shows it with these.

A row is seen when its user opens it or marks all read. A later e-mail or SMS sender picks rows
that are neither seen nor delivered (`delivered_at` is empty) and writes its channel in
`delivered_by`; nothing here sends anything.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, func, insert, literal, select, update
from sqlalchemy.orm import Mapped, mapped_column

from app.core.accounts.models import User
from app.core.accounts.policy import coaches_of, sees_learner
from app.core.db import UTCDateTime, db, utcnow
from app.core.errors import NotFound

SHOWN = 20  # the newest unseen ones a page lists; the count says how many there are


class Kind(StrEnum):
    TASK_ACCEPTED = "task_accepted"
    TASK_RETURNED = "task_returned"
    RECOGNITION_DECIDED = "recognition_decided"
    RECOGNITION_RETURNED = "recognition_returned"
    DECISION = "decision"
    CERTIFICATE = "certificate"
    TASK_SENT = "task_sent"
    RECOGNITION_SENT = "recognition_sent"


class Notification(db.Model):
    """One event told to one person; `subject_id` and `details` say what it links to."""

    __tablename__ = "notification"
    # The menu counts a user's unseen rows on every page.
    __table_args__ = (Index("ix_notification_recipient_seen", "recipient_id", "seen_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int | None]
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_by: Mapped[str | None] = mapped_column(String(16))


# --- writing: one statement per event, whatever the number of people told ------------------------


def tell_learner(learner_id: int, kind: Kind, subject_id: int | None = None, **details) -> None:
    """Tell the learner, unless their account is closed."""
    _insert(select(User.id).where(User.id == learner_id, User.active.is_(True)), learner_id, kind, subject_id,
            details)


def tell_coaches(learner_id: int, kind: Kind, subject_id: int | None = None, **details) -> None:
    """Tell the coaches who see the learner (the policy says who), each once."""
    _insert(coaches_of(learner_id), learner_id, kind, subject_id, details)


def _insert(recipients, learner_id: int, kind: Kind, subject_id: int | None, details: dict) -> None:
    rows = recipients.subquery()
    source = select(rows.c[0], literal(learner_id), literal(str(kind)), literal(subject_id),
                    literal(details, JSON), literal(utcnow(), UTCDateTime))
    db.session.execute(insert(Notification).from_select(
        ["recipient_id", "learner_id", "kind", "subject_id", "details", "created_at"], source))


# --- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """An unseen notification as a page shows it, with the name of the learner it is about."""

    id: int
    kind: str
    subject_id: int | None
    details: dict
    created_at: datetime
    learner_id: int
    learner_name: str


def _unseen(user: User):
    """The user's own unseen rows; a coach's only about learners they still see."""
    own = (Notification.recipient_id == user.id, Notification.seen_at.is_(None))
    return own if user.is_learner else (*own, sees_learner(user, Notification.learner_id))


def unseen_count_query(user: User):
    """How many unseen notifications the user has, as a query that can be combined with others."""
    return select(func.count(Notification.id)).where(*_unseen(user))


def unseen(user: User) -> list[Notice]:
    """The newest unseen notifications of the user, newest first: one query."""
    return unseen_and_count(user)[0]


def unseen_and_count(user: User) -> tuple[list[Notice], int]:
    """(the newest unseen notifications, newest first, how many there are in all): one query."""
    query = (select(Notification.id, Notification.kind, Notification.subject_id, Notification.details,
                    Notification.created_at, Notification.learner_id, User.display_name,
                    func.count().over().label("total"))
             .join(User, User.id == Notification.learner_id)
             .where(*_unseen(user))
             .order_by(Notification.id.desc()).limit(SHOWN))
    rows = db.session.execute(query).all()
    return [Notice(*row[:-1]) for row in rows], (rows[0].total if rows else 0)


def open_notice(user: User, notification_id: int) -> Notice:
    """Mark one of the user's own notifications seen and return it, to follow its link; another's is
    not found.
    """
    row = db.session.execute(
        select(Notification.id, Notification.kind, Notification.subject_id, Notification.details,
               Notification.created_at, Notification.learner_id, User.display_name)
        .join(User, User.id == Notification.learner_id)
        .where(Notification.id == notification_id, Notification.recipient_id == user.id,
               sees_learner(user, Notification.learner_id))).one_or_none()
    if row is None:
        raise NotFound()
    db.session.execute(update(Notification).where(Notification.id == notification_id,
                                                  Notification.seen_at.is_(None)).values(seen_at=utcnow()))
    return Notice(*row)


def mark_all_seen(user: User) -> int:
    """Mark every unseen notification of the user seen; returns how many."""
    result = db.session.execute(update(Notification)
                                .where(Notification.recipient_id == user.id, Notification.seen_at.is_(None))
                                .values(seen_at=utcnow()))
    return result.rowcount
