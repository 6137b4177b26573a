"""The coach's competence pages: a learner's record and direct decisions, recognition requests,
evidence files, and a group's overview of points and grades.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.core.accounts import policy
from app.core.accounts import service as accounts
from app.core.errors import Invalid
from app.core.i18n import N_
from app.web.coach import bp
from app.web.coach.forms import DirectDecisionForm
from app.web.common.downloads import stored_upload
from app.web.common.edge import refused_into
from app.web.common.forms import ConfirmForm
from competence import decisions, recognition, request_lists, unit_grades
from competence.models import Method, RecognitionStatus
from competence.overview import group_table, live_units
from courses.objectives import localized
from courses.skills import learner_record


def _decision_form():
    """The direct decision form, offering every live objective."""
    language = str(get_locale())
    form = DirectDecisionForm()
    form.objective.choices = [(o.code, f"{o.code} {localized(o.name, language)}")
                              for unit in live_units() for o in unit.objectives]
    return form


def _all_choices(areas) -> list[str]:
    """Every decision value some unit offers, in order: the service checks it against the unit's scale."""
    values = [value for a in areas for u in a.units for value in decisions.choices_of(u.unit.scale_values)]
    return sorted(set(values), key=values.index)


def _profile(learner, decision_form=None, status=200):
    requests = request_lists.own_requests(learner.id)
    areas = learner_record(learner.id, requests, with_history=True)
    return render_template("coach/profile.html", learner=learner, areas=areas, choices=_all_choices(areas),
                           requests=[r for r in requests if r.status != RecognitionStatus.DRAFT],
                           decision_form=decision_form or _decision_form()), status


@bp.get("/learners/<int:learner_id>/profile")
def learner_profile(learner_id):
    return _profile(policy.require_learner(current_user, learner_id))


@bp.post("/learners/<int:learner_id>/decisions")
def learner_decision(learner_id):
    person = policy.require_learner(current_user, learner_id)
    form = _decision_form()
    if form.validate_on_submit():
        with refused_into(form.outcome.errors):
            choice = decisions.parse_choice(form.outcome.data)
            if choice is None:
                raise Invalid(N_("Choose a decision from the list."))
            outcome, grade = choice
            decisions.decide(current_user, person.id, form.objective.data, outcome, grade,
                             method=Method.WORKSHOP, note=form.note.data)
            flash(_("Decision saved. The learner sees it on My skills."), "success")
            return redirect(url_for("coach.learner_profile", learner_id=person.id, _anchor="record"))
    return _profile(person, form, 400)


@bp.post("/learners/<int:learner_id>/units/<unit_code>/grade")
def unit_grade(learner_id, unit_code):
    person = policy.require_learner(current_user, learner_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    errors = []
    with refused_into(errors):
        unit_grades.decide_grade(current_user, person.id, unit_code, request.form.get("grade", ""))
        flash(_("Grade saved. It is the grade on the learner's certificate."), "success")
        return redirect(url_for("coach.learner_profile", learner_id=person.id, _anchor=f"unit-grade-{unit_code}"))
    for error in errors:
        flash(error, "error")
    return redirect(url_for("coach.learner_profile", learner_id=person.id, _anchor=f"unit-grade-{unit_code}"))


@bp.route("/recognition/<int:request_id>", methods=["GET", "POST"])
def recognition_item(request_id):
    req = recognition.get_for_coach(current_user, request_id)
    objectives = recognition.covered_objectives(req)
    form, errors = ConfirmForm(), []
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        choices = {o.code: request.form.get(f"outcome-{o.code}", "") for o in objectives}
        with refused_into(errors):
            recognition.decide_request(current_user, req.id, choices, request.form.get("message", ""))
            flash(_("Saved. The learner sees your decision on their page."), "success")
            return redirect(url_for("coach.reviews"))
        req = recognition.get_for_coach(current_user, request_id)
        objectives = recognition.covered_objectives(req)
    history = decisions.decisions_of(req.learner_id)
    return render_template("coach/recognition.html", req=req, learner=req.learner, form=form, errors=errors,
                           objectives=[(o, decisions.choices_for(req.unit), history.get(o.id, []))
                                       for o in objectives]), 400 if errors else 200


@bp.get("/evidence/<int:file_id>")
def evidence_file(file_id):
    file = recognition.evidence_for_coach(current_user, file_id)
    return stored_upload(file)


@bp.get("/groups/<int:group_id>/overview")
def group_overview(group_id):
    group = accounts.group_name(current_user, group_id)
    learners = accounts.learners_of(group.id)
    units, table = group_table([learner.id for learner in learners])
    return render_template("coach/overview.html", group=group, learners=learners, units=units, table=table)
