"""The admin adds many learners at once: paste or upload, preview, then create them all with cards."""

import hashlib

from flask import flash, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms import SelectChoice

from app.core.accounts import bulk
from app.core.accounts import service as accounts
from app.core.i18n import LANGUAGES
from app.web.common.cards import keep_cards
from app.web.common.edge import refused_into
from app.web.staff import bp
from app.web.staff.forms import ImportForm


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@bp.route("/users/import", methods=["GET", "POST"])
def import_users():
    form = ImportForm()
    form.group_id.choices = [SelectChoice("", _("No group")),
                             *(SelectChoice(group.id, group.name) for group in accounts.group_names(current_user))]
    form.language.choices = [SelectChoice("", _("Not chosen (the browser's language)")),
                             *(SelectChoice(code, name) for code, name in LANGUAGES.items())]
    plan, errors = None, []
    if form.validate_on_submit():
        upload = request.files.get(form.file.name)
        with refused_into(errors):
            text = bulk.read_upload(upload.read()) if upload and upload.filename else form.text.data or ""
            form.text.data = text
            plan = bulk.plan_import(text)
            if request.form.get("action") == "create" and form.previewed.data == _digest(text):
                issued = bulk.import_learners(current_user, text, group_id=form.group_id.data or None,
                                              language=form.language.data or None)
                flash(ngettext("%(num)d account created. Print the sign-in cards and give them out.",
                               "%(num)d accounts created. Print the sign-in cards and give them out.",
                               len(issued)), "success")
                return keep_cards(issued, "staff.cards")
            form.previewed.data = _digest(text)
    problems = [(problem.line, _(problem.message, **problem.params)) for problem in plan.problems] if plan else []
    status = 400 if form.errors or errors or problems else 200
    return render_template("staff/users_import.html", form=form, plan=plan, problems=problems, errors=errors,
                           max_learners=bulk.MAX_LEARNERS), status

