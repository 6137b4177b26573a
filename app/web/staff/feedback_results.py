"""Staff's pages for what a round brought: results, themes, CSV, comparison, and 'you said, we did'."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from app.core.db import db
from app.web.common.edge import refused_flashed, refused_into
from app.web.common.forms import ConfirmForm
from app.web.common.request_values import parse_id
from app.web.common.spreadsheet import csv_response
from app.web.staff import bp
from app.web.staff.feedback_forms import ActionForm, CompareForm, ThemeForm
from courses.feedback import rounds
from courses.feedback.actions import actions_of, add_action, remove_action
from courses.feedback.compare import comparable_rounds, compare_rounds
from courses.feedback.export import export_answers
from courses.feedback.results import round_results, tag_answer, untag_answer
from courses.models import Module


@bp.get("/feedback/<int:round_id>/results")
def round_results_page(round_id):
    results = round_results(current_user, round_id)
    others = comparable_rounds(current_user, round_id)
    compare_form = CompareForm(request.args)
    compare_form.other.choices = [SelectChoice(r.id, r.title + f" ({r.opens_on:%d.%m.%Y})") for r in others]
    return render_template("staff/feedback/results.html", results=results, round=results.round,
                           today=rounds.today(), theme_form=ThemeForm(), form=ConfirmForm(),
                           compare_form=compare_form if others else None)


@bp.get("/feedback/<int:round_id>/answers.csv")
def round_csv(round_id):
    with refused_flashed():
        return _csv_response(export_answers(current_user, round_id), round_id)
    return redirect(url_for("staff.round_results_page", round_id=round_id))


def _csv_response(export, round_id):
    header = [_(name) for name in export.fixed] + export.questions
    return csv_response([header, *export.rows], f"feedback-{round_id}.csv")


@bp.post("/feedback/<int:round_id>/answers/<answer_id>/themes")
def tag_answer_page(round_id, answer_id):
    form = ThemeForm()
    if not form.validate_on_submit():
        flash(_("Write a theme."), "error")
    else:
        with refused_flashed():
            tag_answer(current_user, round_id, answer_id, form.theme.data)
    return redirect(url_for("staff.round_results_page", round_id=round_id, _anchor=f"answer-{answer_id}"))


@bp.post("/feedback/<int:round_id>/answers/<answer_id>/themes/<int:theme_id>/remove")
def untag_answer_page(round_id, answer_id, theme_id):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    untag_answer(current_user, round_id, answer_id, theme_id)
    return redirect(url_for("staff.round_results_page", round_id=round_id, _anchor=f"answer-{answer_id}"))


@bp.get("/feedback/<int:round_id>/compare")
def compare_page(round_id):
    other = parse_id(request.args.get("other"))
    if other is None:
        return redirect(url_for("staff.round_results_page", round_id=round_id))
    comparison = compare_rounds(current_user, round_id, other)
    return render_template("staff/feedback/compare.html", comparison=comparison)


def _action_form(found) -> ActionForm:
    form = ActionForm()
    query = select(Module).where(Module.course_id == found.course_id, Module.archived_at.is_(None))
    if found.modules:
        query = query.where(Module.id.in_([m.id for m in found.modules]))
    modules = db.session.scalars(query.options(selectinload(Module.steps)).order_by(Module.position))
    choices = [SelectChoice("", _("Nothing in particular"))]
    for module in modules:
        choices.append(SelectChoice(f"m:{module.id}", module.title))
        choices += [SelectChoice(f"s:{s.id}", f"{module.title} – {s.title}") for s in module.steps
                    if s.archived_at is None]
    form.target.choices = choices
    return form


@bp.route("/feedback/<int:round_id>/actions", methods=["GET", "POST"])
def round_actions(round_id):
    found = rounds.get_round(current_user, round_id)
    form = _action_form(found)
    if form.validate_on_submit():
        kind, _sep, target_id = (form.target.data or "").partition(":")
        target = parse_id(target_id)
        with refused_into(form.we_did.errors):
            add_action(current_user, found.id, you_said=form.you_said.data, we_did=form.we_did.data,
                       module_id=target if kind == "m" else None, step_id=target if kind == "s" else None)
            flash(_("Published. The learners who were asked see it on their 'You said, we did' page."),
                  "success")
            return redirect(url_for("staff.round_actions", round_id=found.id))
    return render_template("staff/feedback/actions.html", round=found, form=form,
                           actions=actions_of(current_user, found.id)), 400 if form.errors else 200


@bp.post("/feedback/<int:round_id>/actions/<int:action_id>/remove")
def remove_action_page(round_id, action_id):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    remove_action(current_user, round_id, action_id)
    flash(_("The action was removed."), "success")
    return redirect(url_for("staff.round_actions", round_id=round_id))
