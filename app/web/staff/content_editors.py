"""The admin marks a coach as a content editor, who may then edit and publish course content."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.accounts.content_editors import set_content_editor
from app.web.common.edge import refused_flashed
from app.web.common.forms import ConfirmForm
from app.web.staff import bp


@bp.post("/users/<int:user_id>/content-editor")
def content_editor(user_id):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with refused_flashed():
        user = set_content_editor(current_user, user_id, request.form.get("content_editor") == "1")
        flash(_("%(name)s may now edit course content.", name=user.display_name) if user.content_editor
              else _("%(name)s no longer edits course content.", name=user.display_name), "success")
    return redirect(url_for("staff.user", user_id=user_id))
