"""The audit log: who did what to whom, when and from where. Rows are never updated or deleted."""

from contextvars import ContextVar
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime, db, utcnow

_origin: ContextVar[str | None] = ContextVar("audit_origin", default=None)


def set_origin(address: str | None) -> None:
    """The web layer tells where the current request comes from, once per request."""
    _origin.set(address)


class AuditEvent(db.Model):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    subject_type: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[int | None] = mapped_column(index=True)
    origin: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict] = mapped_column(JSON, default=dict)


def record(actor, action: str, subject, details: dict | None = None) -> AuditEvent:
    """Add an audit row for `action` by `actor` on `subject` (a model instance) in this transaction."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        subject_type=type(subject).__name__,
        subject_id=getattr(subject, "id", None),
        origin=_origin.get(),
        details=details or {},
    )
    db.session.add(event)
    return event
