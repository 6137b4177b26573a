"""The learner gives or withdraws consent to hand their recognised competence to the partner
education provider (the one configured as the certificates' partner). Only the learner does either;
coaches and admins read it. Both are audited.
"""

from sqlalchemy import select

from app.core import audit
from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from competence.export.models import ExportConsent

NO_PARTNER = N_("No partner education provider is set for this service, so nothing can be handed over.")


def current_consent(learner_id: int, partner: str) -> ExportConsent | None:
    """The learner's consent in force for this partner, or None; one query."""
    if not partner:
        return None
    return db.session.scalar(select(ExportConsent).where(
        ExportConsent.learner_id == learner_id, ExportConsent.partner == partner,
        ExportConsent.withdrawn_at.is_(None)).order_by(ExportConsent.id.desc()).limit(1))


def give_consent(learner, partner: str) -> ExportConsent:
    """Record the learner's consent for the partner; giving it twice keeps the first. The view commits."""
    if not learner.is_learner:
        raise NotFound()
    if not partner:
        raise Invalid(NO_PARTNER)
    existing = current_consent(learner.id, partner)
    if existing is not None:
        return existing
    consent = ExportConsent(learner_id=learner.id, partner=partner, given_at=utcnow())
    db.session.add(consent)
    db.session.flush()
    audit.record(learner, "export_consent.give", consent, {"learner_id": learner.id, "partner": partner})
    return consent


def withdraw_consent(learner, partner: str) -> ExportConsent | None:
    """End the learner's consent for the partner from now on; nothing to withdraw is no error."""
    if not learner.is_learner:
        raise NotFound()
    consent = current_consent(learner.id, partner)
    if consent is None:
        return None
    consent.withdrawn_at = utcnow()
    db.session.flush()
    audit.record(learner, "export_consent.withdraw", consent, {"learner_id": learner.id, "partner": partner})
    return consent
