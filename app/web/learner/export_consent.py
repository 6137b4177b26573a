"""The learner gives or withdraws permission to hand their recognised competence to the partner school."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.web.common.certificates import issuer_settings
from app.web.common.edge import refused_flashed
from app.web.common.forms import ConfirmForm
from app.web.learner import bp
from competence.export import consent


def _checked() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


@bp.post("/certificates/consent")
def give_export_consent():
    _checked()
    with refused_flashed():
        partner = issuer_settings().partner
        consent.give_consent(current_user, partner)
        flash(_("Thank you. Your coach can now send your recognised skills to %(partner)s.", partner=partner),
              "success")
    return redirect(url_for("learner.certificates_page") + "#transfer")


@bp.post("/certificates/consent/withdraw")
def withdraw_export_consent():
    _checked()
    partner = issuer_settings().partner
    if consent.withdraw_consent(current_user, partner):
        flash(_("Permission withdrawn. Your information is no longer sent to %(partner)s.", partner=partner),
              "success")
    return redirect(url_for("learner.certificates_page") + "#transfer")
