"""The learner's "I am working remotely today" on My path."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.web.common.edge import refused_flashed
from app.web.common.forms import ConfirmForm
from app.web.learner import bp
from service import check_in


@bp.post("/check-in")
def check_in_remote():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with refused_flashed():
        check_in.check_in_remote(current_user)
        flash(_("Thank you. Your coach will confirm your remote day."), "success")
    return redirect(url_for("learner.my_path", _anchor="today"))
