"""What the coach, learner and public pages share about certificates: the issuer's settings from the
configuration and the request, downloads of the stored bytes, and labels in the interface language.
"""

from datetime import date
from pathlib import Path

from flask import Response, current_app, request
from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from app.core.i18n import LANGUAGES
from competence import baking, verification
from competence.issuer import IssuerSettings

REASONS = {
    "mistake": _l("Issued by mistake"),
    "corrected": _l("Details were wrong: replaced by a corrected certificate"),
    "decision_changed": _l("A competence decision behind it was changed"),
    "other": _l("Other reason"),
}
METHODS = {
    "task": _l("shown in an online task"),
    "prior_learning": _l("recognition of prior learning"),
    "workshop": _l("shown at the workshop"),
}


def issuer_settings() -> IssuerSettings:
    """The issuer as configured; the public address is VERSTAS_PUBLIC_URL, else this request's host."""
    config = current_app.config
    return IssuerSettings(
        base_url=(config.get("PUBLIC_URL") or request.host_url).rstrip("/"),
        organiser=config["ORGANISER_NAME"],
        organiser_names=tuple((language, config[f"ORGANISER_NAME_{language.upper()}"]) for language in ("sv", "en")
                              if config.get(f"ORGANISER_NAME_{language.upper()}")),
        keys_dir=str(Path(config["STORAGE_DIR"]) / "keys"),
        partner=config.get("CERTIFICATE_PARTNER", ""),
        place=config.get("CERTIFICATE_PLACE", ""),
    )


def pdf_download(certificate) -> Response:
    """The certificate's stored PDF, byte for byte (anything with `code`, `sha256` and `pdf`).

    Never stored by the browser (no-store, as every signed-in page): learners download at the
    workshop's shared computers, and a social welfare client's certificate must not stay behind in
    a cache. The SHA-256 is still given as the ETag, so a saved copy can be matched to this one.
    """
    headers = {"ETag": f'"{certificate.sha256}"', "Cache-Control": "no-store"}
    name = f"certificate-{verification.format_code(certificate.code)}.pdf"
    return Response(certificate.pdf, mimetype="application/pdf",
                    headers={**headers, "Content-Disposition": f'attachment; filename="{name}"'})


def badge_download(badge) -> Response:
    """A stored Open Badge as a .jwt file (its text is the compact JWS, as Open Badges 3.0 says)."""
    name = f"open-badge-{badge.unit_code}-{verification.format_code(badge.certificate.code)}.jwt"
    return Response(badge.token, mimetype="text/plain",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def baked_badge_download(badge) -> Response:
    """The same badge baked into a PNG (Open Badges 3.0 baking), for backpacks that import pictures."""
    code = verification.format_code(badge.certificate.code)
    png = baking.bake(baking.picture(issuer_settings().verify_url(code)), badge.token)
    return Response(png, mimetype="image/png", headers={
        "Content-Disposition": f'attachment; filename="open-badge-{badge.unit_code}-{code}.png"',
        "Cache-Control": "no-store"})


def grade_label(grade: str | None, values=()) -> str:
    """"4 (1–5)" or "pass", in the interface language."""
    if not grade:
        return ""
    if not grade.isdigit():
        return str(_l("pass"))
    numbers = sorted(int(v) for v in values if str(v).isdigit())
    return f"{grade} ({numbers[0]}–{numbers[-1]})" if numbers else grade


def day(value) -> str:
    """A date (or its ISO text) in the interface language."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value, "medium")


def template_helpers() -> dict:
    """Context for certificate templates; blueprints add it with `bp.context_processor`."""
    return {"reason_label": lambda r: str(REASONS.get(r, r)), "method_label": lambda m: str(METHODS.get(m, m)),
            "grade_label": grade_label, "cert_day": day, "code_text": verification.format_code,
            "language_name": lambda code: LANGUAGES.get(code, code)}
