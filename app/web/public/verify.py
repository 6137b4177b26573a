"""Checking a certificate without an account: by its code (typed, or opened from the QR code), by
uploading the PDF, or by pasting one of its Open Badges. Lookups are rate limited per address.

Also the public keys and documents that Open Badges verifiers fetch: the JWKS, the issuer's profile
and the revocation status list.
"""

from flask import Response, abort, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.extensions import limiter
from app.web.common.certificates import issuer_settings, template_helpers
from app.web.public import bp
from competence import baking, certificates, credentials, signing_keys, verification
from competence.issuer import issuer_profile

bp.context_processor(template_helpers)

lookup_limit = limiter.shared_limit(lambda: current_app.config["VERIFY_LIMIT"], scope="verify")
PUBLIC_DOCUMENT = {"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"}


def _form_page(status=200, **errors):
    return render_template("public/verify.html", code=request.values.get("code", ""), **errors), status


def _result(certificate, matched_by, unit_code=None):
    facts = certificates.public_facts(certificate)
    return render_template("public/verify_result.html", facts=facts, matched_by=matched_by, unit_code=unit_code)


@bp.get("/verify")
def verify():
    if "code" not in request.args:
        return _form_page()
    try:
        code = verification.parse_code(request.args["code"])
    except verification.CodeTypo as error:
        return _form_page(400, code_error=_(error.message))
    return redirect(url_for("public.verify_code", code=verification.format_code(code)))


@bp.get("/verify/<code>")
@lookup_limit
def verify_code(code):
    try:
        normalised = verification.parse_code(code)
    except verification.CodeTypo as error:
        return _form_page(400, code_error=_(error.message))
    certificate = certificates.find_by_code(normalised)
    if certificate is None:
        return render_template("public/verify_not_found.html", code=verification.format_code(normalised)), 404
    return _result(certificate, "code")


@bp.post("/verify/file")
@lookup_limit
def verify_file():
    upload = request.files.get("file")
    data = upload.read() if upload else b""
    if not data:
        return _form_page(400, file_error=_("Choose the PDF file of the certificate."))
    baked = baking.unbake(data)
    if baked is not None:
        check = credentials.check_badge(baked, issuer_settings())
        if not check.genuine:
            return _form_page(200, file_result=_(check.problem))
        return _result(check.badge.certificate, "badge", check.badge.unit_code)
    certificate = certificates.find_by_pdf(data)
    if certificate is None:
        return _form_page(200, file_result=_(
            "This file is not a certificate issued by this service, or it has been changed after it was issued. "
            "Only the exact file that was downloaded from the service matches."))
    return _result(certificate, "file")


@bp.post("/verify/badge")
@lookup_limit
def verify_badge():
    token = request.form.get("badge", "")
    check = credentials.check_badge(token, issuer_settings())
    if not check.genuine:
        return _form_page(200 if token.strip() else 400, badge_error=_(check.problem))
    return _result(check.badge.certificate, "badge", check.badge.unit_code)


def _key_missing():
    """What a verifier's program gets while the deploy has not made the key: a 503 to retry, in JSON."""
    response = jsonify(error="signing key not set up", retry=True)
    response.headers.update({"Retry-After": "300", "Cache-Control": "no-store"})
    return response, 503


@bp.get("/.well-known/jwks.json")
def jwks():
    settings = issuer_settings()
    try:
        published = signing_keys.jwks(settings.keys_dir, settings.keys_url)
    except signing_keys.MissingSigningKey:
        return _key_missing()
    response = jsonify(published)
    response.mimetype = "application/jwk-set+json"
    response.headers.update(PUBLIC_DOCUMENT)
    return response


@bp.get("/credentials/keys/<thumbprint>")
def public_key(thumbprint):
    settings = issuer_settings()
    try:
        key = signing_keys.find_public_key(settings.keys_dir, thumbprint)
    except signing_keys.MissingSigningKey:
        return _key_missing()
    if key is None:
        abort(404)
    response = jsonify(signing_keys.public_jwk(key, settings.keys_url))
    response.mimetype = "application/jwk+json"
    response.headers.update(PUBLIC_DOCUMENT)
    return response


@bp.get("/credentials/issuer")
def issuer():
    response = jsonify({"@context": [credentials.VC_CONTEXT, credentials.OB_CONTEXT],
                        **issuer_profile(issuer_settings())})
    response.headers.update(PUBLIC_DOCUMENT)
    return response


@bp.get("/credentials/status")
def status_list():
    try:
        listed = credentials.status_list(issuer_settings())
    except signing_keys.MissingSigningKey:
        return _key_missing()
    response = Response(listed, mimetype="application/vc+jwt")
    response.headers.update({**PUBLIC_DOCUMENT, "Cache-Control": "no-cache"})
    return response
