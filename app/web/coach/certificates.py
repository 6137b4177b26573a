"""The coach's certificate pages: choose what goes on a certificate, preview it, issue it, download
and revoke it, and issue a corrected one in place of a revoked one. Admins use them for everyone.
"""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.web.coach import bp
from app.web.coach.certificate_forms import CertificateForm, RevokeForm
from app.web.common.certificates import grade_label, issuer_settings, pdf_download, template_helpers
from app.web.common.edge import refused_into
from competence import certificates
from competence.export.consent import current_consent
from competence.pdf.texts import localised
from competence.verification import format_code

bp.context_processor(template_helpers)


def _form(record, formdata=None, **kwargs) -> CertificateForm:
    language = str(get_locale())
    form = CertificateForm(formdata=formdata, **kwargs)
    form.units.choices = [
        SelectChoice(u.code, f"{u.code} {localised(u.name, language)} – {u.osp} osp, "
                             f"{grade_label(u.grade, u.scale_values)}")
        for u in record.credited_units]
    form.partial_units.choices = [
        SelectChoice(u.code, f"{u.code} {localised(u.name, language)} – " + _(
            "%(done)s of %(total)s objectives recognised", done=len(u.objectives), total=u.objectives_total))
        for u in record.partial_units]
    return form


def _query_form(record) -> CertificateForm:
    """The choices from the address (the preview is a GET), without CSRF."""
    if not request.args:
        form = _form(record, formdata=None, meta={"csrf": False})
        form.units.data = [u.code for u in record.credited_units]
        return form
    return _form(record, formdata=request.args, meta={"csrf": False})


@bp.get("/learners/<int:learner_id>/certificates")
def certificates_page(learner_id):
    learner, record = certificates.learner_and_record(current_user, learner_id)
    issued = certificates.certificates_of(current_user, learner.id)
    partner = issuer_settings().partner
    return render_template("coach/certificates.html", learner=learner, record=record, issued=issued,
                           partner=partner, consent=current_consent(learner.id, partner))


@bp.get("/learners/<int:learner_id>/certificates/new")
def new_certificate(learner_id):
    learner, record = certificates.learner_and_record(current_user, learner_id)
    form = _query_form(record)
    if request.args:
        form.validate()
    return render_template("coach/certificate_new.html", learner=learner, record=record, form=form), \
        400 if form.errors else 200


@bp.get("/learners/<int:learner_id>/certificates/preview")
def preview_certificate(learner_id):
    learner, record = certificates.learner_and_record(current_user, learner_id)
    form = _query_form(record)
    if form.validate():
        with refused_into(form.units.errors):
            content = certificates.certificate_content(learner, record, current_user, issuer_settings(),
                                                       **form.choice())
            return render_template("coach/certificate_preview.html", learner=learner, content=content,
                                   choice=form.choice(), replaces=form.replaces_id(),
                                   query=request.args.to_dict(flat=False))
    return render_template("coach/certificate_new.html", learner=learner, record=record, form=form), 400


@bp.get("/learners/<int:learner_id>/certificates/preview.pdf")
def preview_certificate_pdf(learner_id):
    learner, record = certificates.learner_and_record(current_user, learner_id)
    form = _query_form(record)
    if not form.validate():
        abort(400)
    pdf = certificates.preview_pdf(current_user, learner.id, issuer_settings(), **form.choice())
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": 'attachment; filename="certificate-preview.pdf"'})


@bp.post("/learners/<int:learner_id>/certificates")
def issue_certificate(learner_id):
    learner, record = certificates.learner_and_record(current_user, learner_id)
    form = _form(record, formdata=request.form)
    if form.validate():
        with refused_into(form.units.errors):
            certificate = certificates.issue_certificate(current_user, learner.id, issuer_settings(),
                                                         **form.choice(), replaces_id=form.replaces_id())
            flash(_("The certificate is issued. Its verification code is %(code)s.",
                    code=format_code(certificate.code)), "success")
            return redirect(url_for("coach.certificate", certificate_id=certificate.id))
    return render_template("coach/certificate_new.html", learner=learner, record=record, form=form), 400


@bp.get("/certificates/<int:certificate_id>")
def certificate(certificate_id):
    certificate = certificates.get_certificate(current_user, certificate_id)
    return render_template("coach/certificate.html", certificate=certificate, learner=certificate.learner,
                           replacement=certificates.replacement_of(certificate))


@bp.get("/certificates/<int:certificate_id>/pdf")
def certificate_pdf(certificate_id):
    return pdf_download(certificates.get_certificate(current_user, certificate_id))


def _revoke_page(certificate_id, form, status=200):
    certificate = certificates.get_certificate(current_user, certificate_id)
    if certificate.revoked:
        return redirect(url_for("coach.certificate", certificate_id=certificate_id))
    return render_template("coach/certificate_revoke.html", certificate=certificate,
                           learner=certificate.learner, form=form), status


@bp.get("/certificates/<int:certificate_id>/revoke")
def confirm_revoke(certificate_id):
    """Revoking cannot be undone: its reason and its button are on a page of their own, with a way back."""
    return _revoke_page(certificate_id, RevokeForm())


@bp.post("/certificates/<int:certificate_id>/revoke")
def revoke_certificate(certificate_id):
    form = RevokeForm()
    if form.validate():
        if request.form.get("confirmed") != "1":
            # only the confirmation page sends this, so nothing revokes without the user seeing what follows
            return _revoke_page(certificate_id, form, 400)
        with refused_into(form.note.errors):
            certificates.revoke_certificate(current_user, certificate_id, form.reason.data, form.note.data)
            flash(_("The certificate is revoked. The verification page now shows it as revoked."), "success")
            return redirect(url_for("coach.certificate", certificate_id=certificate_id))
    return _revoke_page(certificate_id, form, 400)
