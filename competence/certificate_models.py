"""Issued certificates: the exact PDF bytes with their SHA-256, what the certificate says (for the
verification page, which never re-renders), and the Open Badges issued with it.

A certificate is never changed after issue except to record its revocation; a corrected one is a
new certificate that names the one it replaces.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.accounts.models import User
from app.core.db import UTCDateTime, db, utcnow


class RevocationReason(StrEnum):
    """Why a certificate stopped being valid; the category is public, the note is not."""

    MISTAKE = "mistake"  # issued by mistake
    CORRECTED = "corrected"  # details were wrong; a corrected certificate replaces it
    DECISION_CHANGED = "decision_changed"  # a competence decision behind it was changed
    OTHER = "other"


class Certificate(db.Model):
    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # normalised, without dashes
    language: Mapped[str] = mapped_column(String(8))
    content: Mapped[dict] = mapped_column(JSON)  # what the certificate says, as issued
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # The bit of this certificate in the public revocation list of its Open Badges.
    status_index: Mapped[int] = mapped_column(unique=True)
    subject_id: Mapped[str] = mapped_column(String(64))  # urn:uuid: of the holder in the badges
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    revocation_reason: Mapped[str | None] = mapped_column(String(32))
    revocation_note: Mapped[str] = mapped_column(Text, default="")

    learner: Mapped[User] = relationship(foreign_keys=[learner_id])
    issued_by: Mapped[User] = relationship(foreign_keys=[issued_by_id])
    replaces: Mapped["Certificate | None"] = relationship(remote_side=[id], foreign_keys=[replaces_id])
    credentials: Mapped[list["BadgeCredential"]] = relationship(
        back_populates="certificate", order_by="BadgeCredential.position", cascade="all, delete-orphan"
    )

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class BadgeCredential(db.Model):
    """One unit of a certificate as a signed Open Badges 3.0 credential (a compact JWS, VC-JWT)."""

    __tablename__ = "certificate_badge"
    __table_args__ = (UniqueConstraint("certificate_id", "unit_code", name="uq_certificate_badge_unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    unit_code: Mapped[str] = mapped_column(String(64))
    credential_id: Mapped[str] = mapped_column(String(64), unique=True)  # urn:uuid:..., the JWT's jti
    token: Mapped[str] = mapped_column(Text)

    certificate: Mapped[Certificate] = relationship(back_populates="credentials")


IMMUTABLE = ("learner_id", "code", "language", "content", "pdf", "sha256", "status_index", "subject_id",
             "issued_at", "issued_by_id", "replaces_id")


@event.listens_for(Certificate, "before_update")
def _refuse_rewriting(mapper, connection, target):
    state = inspect(target)
    changed = [name for name in IMMUTABLE if state.attrs[name].history.has_changes()]
    if changed:
        raise ValueError(f"an issued certificate is never rewritten ({', '.join(changed)}); issue a new one")


@event.listens_for(BadgeCredential, "before_update")
def _refuse_badge_update(mapper, connection, target):
    raise ValueError("an issued badge is never rewritten; issue a new certificate")


class StatusListDocument(db.Model):
    """The signed revocation list as last published at one address, with the state it was signed for
    (revoked count, highest status index, signing key): it is signed again only when that changes
    (decision 0007), so an anonymous GET never costs an RSA signature.
    """

    __tablename__ = "status_list_document"

    list_url: Mapped[str] = mapped_column(String(500), primary_key=True)
    state: Mapped[str] = mapped_column(String(200))
    token: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
