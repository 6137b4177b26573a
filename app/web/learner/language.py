"""The first sign-in's question: which language the learner wants, by the languages' own names."""

from flask import redirect, render_template, request, session, url_for
from flask_login import current_user

from app.core.accounts import service as accounts
from app.core.i18n import LANGUAGES
from app.web.common.edge import refused_into
from app.web.common.forms import ConfirmForm
from app.web.common.safety import safe_next
from app.web.learner import bp

# The question in each language, so a learner who cannot read the page's language still finds theirs.
PROMPTS = {"fi": "Valitse kieli", "sv": "Välj språk", "en": "Choose your language"}


@bp.route("/language", methods=["GET", "POST"])
def first_language():
    next_url = safe_next(request.values.get("next"))
    onwards = redirect(next_url or url_for("learner.my_path"))
    if not accounts.must_choose_language(current_user):
        return onwards
    form = ConfirmForm()
    errors: list[str] = []
    if form.validate_on_submit():
        language = request.form.get("lang", "")
        with refused_into(errors):
            accounts.set_language(current_user, language)
            session["lang"] = language
            return onwards
    return render_template("learner/first_language.html", form=form, errors=errors, languages=LANGUAGES,
                           prompts=PROMPTS, next_url=next_url), 400 if errors else 200
