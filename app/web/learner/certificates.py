"""My certificates: the learner's certificates as PDF and as Open Badges, to download and share."""

from flask import abort, render_template
from flask_login import current_user

from app.web.common.certificates import (
    badge_download,
    baked_badge_download,
    issuer_settings,
    pdf_download,
    template_helpers,
)
from app.web.learner import bp
from competence import certificates
from competence.export.consent import current_consent

bp.context_processor(template_helpers)


@bp.get("/certificates")
def certificates_page():
    issued = certificates.certificates_of(current_user, current_user.id)
    partner = issuer_settings().partner
    return render_template("learner/certificates.html", issued=issued, partner=partner,
                           consent=current_consent(current_user.id, partner))


def _valid_own(certificate_id):
    certificate = certificates.get_certificate(current_user, certificate_id)
    if certificate.revoked:
        abort(404)
    return certificate


@bp.get("/certificates/<int:certificate_id>/pdf")
def certificate_pdf(certificate_id):
    return pdf_download(certificates.own_valid_pdf(current_user, certificate_id))


def _own_badge(certificate_id, unit_code):
    certificate = _valid_own(certificate_id)
    found = next((b for b in certificate.credentials if b.unit_code == unit_code), None)
    if found is None:
        abort(404)
    return found


@bp.get("/certificates/<int:certificate_id>/badges/<unit_code>")
def badge(certificate_id, unit_code):
    return badge_download(_own_badge(certificate_id, unit_code))


@bp.get("/certificates/<int:certificate_id>/badges/<unit_code>/picture")
def baked_badge(certificate_id, unit_code):
    return baked_badge_download(_own_badge(certificate_id, unit_code))
