"""A learner's consent to hand their recognised competence to the partner education provider."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime, db, utcnow


class ExportConsent(db.Model):
    """One consent, given to the partner named in it; a withdrawal ends it and is never undone (giving
    consent again is a new row), so the history of who allowed what, and when, stays readable.
    """

    __tablename__ = "export_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    partner: Mapped[str] = mapped_column(String(200))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
