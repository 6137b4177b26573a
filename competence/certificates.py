"""Issuing, finding and revoking certificates of competence.

A coach (of one of the learner's groups) or an admin issues a certificate for units whose points are
credited, optionally with the recognised objectives of units not complete yet. What the certificate
says is fixed at issue: the content is stored, the PDF is rendered once and its exact bytes are stored
with their SHA-256, and one signed Open Badge is made per unit. Later downloads return those bytes;
verification reads the stored record. A mistaken certificate is revoked with a reason category, and
a corrected one can be issued in its place.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, func, select

from app.core import audit, notifications
from app.core.accounts.models import User
from app.core.accounts.policy import require_learner, sees_learner
from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from competence import credentials, verification
from competence.certificate_models import BadgeCredential, Certificate, RevocationReason
from competence.issuer import IssuerSettings
from competence.pdf import render_certificate
from competence.pdf.texts import LANGUAGES
from competence.record import LearnerRecord, UnitRecord, competence_record, local_date

MAX_NOTE = 2000
PREVIEW_CODE = "XXXX-XXXX-XXXX-XXXX-XXXX"


# --- what goes on a certificate --------------------------------------------------------------------


def learner_and_record(actor: User, learner_id: int) -> tuple[User, LearnerRecord]:
    """The learner (a coach's own, or anyone for an admin) and their competence record."""
    if actor.is_learner:
        raise NotFound()  # learners see their certificates, never issue one
    learner = require_learner(actor, learner_id)
    return learner, competence_record(learner.id)


def _unit_content(unit: UnitRecord, settings: IssuerSettings) -> dict:
    return {
        "code": unit.code, "name": unit.name, "national": unit.national, "area_name": unit.area_name,
        "osp": unit.osp, "grade": unit.grade, "scale_values": list(unit.scale_values),
        "scale_name": unit.scale_name, "criteria_url": settings.achievement_url(unit.code),
        "credited_on": unit.credited_on.isoformat() if unit.credited_on else None,
        "objectives_total": unit.objectives_total,
        "objectives": [{"code": o.code, "name": o.name, "grade": o.grade, "method": o.method,
                        "assessor_name": o.assessor_name, "assessor_title": o.assessor_title,
                        "assessor_role": o.assessor_role,
                        "decided_on": o.decided_on.isoformat()} for o in unit.objectives],
    }


def certificate_content(learner: User, record: LearnerRecord, issued_by: User, settings: IssuerSettings, *,
                        units: list[str], partial_units: list[str] = (), language: str = "fi",
                        code: str = PREVIEW_CODE) -> dict:
    """What the certificate says, checked against the record: every unit credited, every partial
    unit with at least one recognised objective.
    """
    if language not in LANGUAGES:
        raise Invalid(N_("Choose the language of the certificate."))
    credited = {u.code: u for u in record.credited_units}
    partial = {u.code: u for u in record.partial_units}
    if not units:
        raise Invalid(N_("Choose at least one unit whose points have been recorded."))
    for unit_code in units:
        if unit_code not in credited:
            raise Invalid(N_("The points of unit %(code)s have not been recorded, so it cannot be on a certificate."),
                          code=unit_code)
    for unit_code in partial_units:
        if unit_code not in partial:
            raise Invalid(N_("Unit %(code)s has no recognised objectives to list."), code=unit_code)
    for unit_code in units:
        if credited[unit_code].grade is None:
            raise Invalid(N_("Decide the grade of unit %(code)s first, on the learner's competence record."),
                          code=unit_code)
    chosen = [credited[c] for c in credited if c in units]
    chosen_partial = [partial[c] for c in partial if c in partial_units]
    return {
        "version": 1,
        "language": language,
        "organiser": settings.organiser_in(language),
        "partner": settings.partner,
        "place": settings.place,
        "holder": {"name": learner.display_name,
                   "date_of_birth": learner.date_of_birth.isoformat() if learner.date_of_birth else None},
        "issued_on": local_date(utcnow()).isoformat(),
        "issued_by": {"name": issued_by.display_name, "title": issued_by.title or "", "role": str(issued_by.role)},
        "verify_url": settings.verify_url(code),
        "verify_address": settings.verify_address,
        "units": [_unit_content(u, settings) for u in chosen],
        "partial_units": [_unit_content(u, settings) for u in chosen_partial],
        "basis": any(u.national for u in chosen + chosen_partial),
        "total_osp": sum(u.osp for u in chosen),
    }


def preview_pdf(actor: User, learner_id: int, settings: IssuerSettings, **choice) -> bytes:
    """The certificate as it would be issued, marked as a preview and without a valid code."""
    learner, record = learner_and_record(actor, learner_id)
    content = certificate_content(learner, record, actor, settings, **choice)
    return render_certificate(content, code=PREVIEW_CODE, preview=True)


# --- issuing ------------------------------------------------------------------------------------------


def issue_certificate(actor: User, learner_id: int, settings: IssuerSettings, *, units: list[str],
                      partial_units: list[str] = (), language: str = "fi",
                      replaces_id: int | None = None) -> Certificate:
    """Issue, store and audit a certificate (and its badges); the view commits."""
    learner, record = learner_and_record(actor, learner_id)
    replaces = _replaceable(actor, learner, replaces_id) if replaces_id else None
    code = _unused_code()
    content = certificate_content(learner, record, actor, settings, units=units, partial_units=partial_units,
                                  language=language, code=verification.format_code(code))
    pdf = render_certificate(content, code=verification.format_code(code))
    certificate = Certificate(
        learner_id=learner.id, code=code, language=language, content=content, pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(), status_index=_unused_status_index(),
        subject_id=credentials.new_urn(), issued_at=utcnow().replace(microsecond=0), issued_by_id=actor.id,
        replaces_id=replaces.id if replaces else None,
    )
    db.session.add(certificate)
    credentials.issue_badges(certificate, settings)
    db.session.flush()
    audit.record(actor, "certificate.issue", certificate, {
        "learner_id": learner.id, "units": [u["code"] for u in content["units"]],
        "partial_units": [u["code"] for u in content["partial_units"]], "language": language,
        "sha256": certificate.sha256, "replaces_id": certificate.replaces_id,
    })
    notifications.tell_learner(learner.id, notifications.Kind.CERTIFICATE, certificate.id)
    return certificate


def _unused_code() -> str:
    while True:
        code = verification.new_code()
        if not db.session.scalar(select(exists().where(Certificate.code == code))):
            return code


def _unused_status_index() -> int:
    """A random free bit of the revocation list; the list grows so that it stays at least half empty."""
    issued = db.session.scalar(select(func.count()).select_from(Certificate)) or 0
    space = max(credentials.STATUS_LIST_SIZE, 2 * (issued + 1))
    while True:
        index = secrets.randbelow(space)
        if not db.session.scalar(select(exists().where(Certificate.status_index == index))):
            return index


def _replaceable(actor: User, learner: User, certificate_id: int) -> Certificate:
    certificate = get_certificate(actor, certificate_id)
    if certificate.learner_id != learner.id:
        raise NotFound()
    if not certificate.revoked:
        raise Invalid(N_("Revoke the old certificate first; then issue a new one in its place."))
    if db.session.scalar(select(exists().where(Certificate.replaces_id == certificate.id))):
        raise Invalid(N_("A new certificate has already been issued in place of this one."))
    return certificate


# --- finding -------------------------------------------------------------------------------------------


def get_certificate(actor: User, certificate_id: int) -> Certificate:
    """A certificate the actor may see: a learner their own, a coach their learners', an admin any."""
    certificate = db.session.scalar(select(Certificate).where(Certificate.id == certificate_id,
                                                              sees_learner(actor, Certificate.learner_id)))
    if certificate is None:
        raise NotFound()
    return certificate


@dataclass(frozen=True)
class StoredPdf:
    """A certificate's stored PDF with what its download needs, and nothing else."""

    code: str
    sha256: str
    pdf: bytes


def own_valid_pdf(learner: User, certificate_id: int) -> StoredPdf:
    """The stored PDF of one of the learner's own certificates that is not revoked, else NotFound.

    One query of three columns: a download needs neither the content (JSON) nor a Certificate object,
    whose deferred PDF column would take a second query.
    """
    query = select(Certificate.code, Certificate.sha256, Certificate.pdf).where(
        Certificate.id == certificate_id, Certificate.learner_id == learner.id, Certificate.revoked_at.is_(None))
    row = db.session.execute(query).one_or_none()
    if row is None:
        raise NotFound()
    return StoredPdf(*row)


@dataclass(frozen=True)
class IssuedCertificate:
    """A certificate as a list shows it: what it says and its status, its badges by unit, no PDF."""

    id: int
    code: str
    language: str
    content: dict
    revoked_at: datetime | None
    revocation_reason: str | None
    badge_units: tuple[str, ...]

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def certificates_of(actor: User, learner_id: int) -> list[IssuedCertificate]:
    """The learner's certificates, newest first, with their badges' units, for the learner or their coach."""
    require_learner(actor, learner_id)
    query = (select(Certificate.id, Certificate.code, Certificate.language, Certificate.content,
                    Certificate.revoked_at, Certificate.revocation_reason)
             .where(Certificate.learner_id == learner_id)
             .order_by(Certificate.issued_at.desc(), Certificate.id.desc()))
    rows = db.session.execute(query).all()
    units: dict[int, list[str]] = {}
    if rows:
        badges = (select(BadgeCredential.certificate_id, BadgeCredential.unit_code)
                  .where(BadgeCredential.certificate_id.in_([row.id for row in rows]))
                  .order_by(BadgeCredential.certificate_id, BadgeCredential.position))
        for certificate_id, unit_code in db.session.execute(badges):
            units.setdefault(certificate_id, []).append(unit_code)
    return [IssuedCertificate(*row, badge_units=tuple(units.get(row.id, ()))) for row in rows]


def replacement_of(certificate: Certificate) -> Certificate | None:
    return db.session.scalar(select(Certificate).where(Certificate.replaces_id == certificate.id))


def find_by_code(code: str) -> Certificate | None:
    """The certificate with this (normalised, well-formed) code."""
    return db.session.scalar(select(Certificate).where(Certificate.code == code))


def find_by_pdf(data: bytes) -> Certificate | None:
    """The certificate whose stored PDF is byte for byte these bytes."""
    return db.session.scalar(select(Certificate).where(Certificate.sha256 == hashlib.sha256(data).hexdigest()))


# --- revoking ------------------------------------------------------------------------------------------


def revoke_certificate(actor: User, certificate_id: int, reason: str, note: str = "") -> Certificate:
    """Revoke with a public reason category and an internal note; the audit log keeps both."""
    certificate = get_certificate(actor, certificate_id)
    if actor.is_learner:
        raise NotFound()
    if certificate.revoked:
        raise Invalid(N_("This certificate has already been revoked."))
    try:
        reason = RevocationReason(reason)
    except ValueError as error:
        raise Invalid(N_("Choose the reason for revoking.")) from error
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise Invalid(N_("The note is too long (at most 2,000 characters)."))
    if reason == RevocationReason.OTHER and not note:
        raise Invalid(N_("Write a short note about the reason."))
    certificate.revoked_at = utcnow()
    certificate.revoked_by_id = actor.id
    certificate.revocation_reason = reason.value
    certificate.revocation_note = note
    db.session.flush()
    audit.record(actor, "certificate.revoke", certificate,
                 {"learner_id": certificate.learner_id, "reason": reason.value, "note": note})
    return certificate


# --- what anyone may see of a certificate ----------------------------------------------------------


@dataclass(frozen=True)
class PublicFacts:
    """Exactly what the verification page shows: the holder's name and the certificate's units,
    points, grades and dates, its issuer, and its status. Nothing else about the learner.
    """

    holder_name: str
    language: str
    units: list[dict]
    partial_units: list[dict]
    total_osp: int
    organiser: str
    partner: str
    issued_on: date
    issued_by: str
    revoked_on: date | None
    revocation_reason: str | None
    replaced: bool

    @property
    def valid(self) -> bool:
        return self.revoked_on is None


def public_facts(certificate) -> PublicFacts:
    """The public facts of a stored certificate, read from what was issued (never re-rendered)."""
    content = certificate.content
    keep = ("code", "osp", "grade", "scale_values", "credited_on")
    units = [{"name": _names(u["name"]), **{k: u.get(k) for k in keep}} for u in content["units"]]
    partial = [{"code": u["code"], "name": _names(u["name"]), "osp": u["osp"],
                "objectives_total": u.get("objectives_total"),
                "objectives": [{"code": o["code"], "name": _names(o["name"]), "grade": o["grade"]}
                               for o in u.get("objectives", [])]}
               for u in content["partial_units"]]
    issued_by = content["issued_by"]
    return PublicFacts(
        holder_name=content["holder"]["name"], language=certificate.language, units=units, partial_units=partial,
        total_osp=content["total_osp"], organiser=content["organiser"], partner=content.get("partner") or "",
        issued_on=date.fromisoformat(content["issued_on"]),
        issued_by=", ".join(p for p in (issued_by["name"], issued_by.get("title")) if p),
        revoked_on=local_date(certificate.revoked_at) if certificate.revoked_at else None,
        revocation_reason=certificate.revocation_reason,
        replaced=certificate.revoked and replacement_of(certificate) is not None,
    )


def _names(value) -> dict:
    """Names as {language: text}; a plain text is taken as Finnish."""
    return value if isinstance(value, dict) else {"fi": str(value or "")}
