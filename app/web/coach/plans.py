"""The coach's plan page for one learner: the service period and its plan, renewal, goals and reviews.
Admins reach every learner's plan; each admin read is audited by the service.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.web.coach import bp
from app.web.coach.plan_forms import CoachGoalForm, PlanForm, ReviewForm
from app.web.common.edge import refused_into
from app.web.common.forms import ConfirmForm
from app.web.common.service_texts import template_helpers
from competence.catalog import framework
from competence.pdf.texts import localised
from courses.catalog import catalog
from service import goals, plans
from service.access import get_period, today
from service.plan_view import learner_plan

bp.context_processor(template_helpers)


def _goal_form(formdata=None) -> CoachGoalForm:
    form = CoachGoalForm(formdata=formdata) if formdata is not None else CoachGoalForm()
    live = catalog()
    form.module_ids.choices = [SelectChoice(m.id, f"{c.title}: {m.title}") for c in live.courses
                               for m in live.modules_of.get(c.id, ())]
    language = str(get_locale())
    form.objective_ids.choices = [SelectChoice(o.id, f"{o.code} {localised(o.name, language)}")
                                  for unit in framework().units for o in unit.objectives]
    return form


def _page(learner_id: int, status: int = 200, **forms):
    page = learner_plan(current_user, learner_id)
    plan_form = forms.get("plan_form") or PlanForm(formdata=None)
    if "plan_form" not in forms and page.current is not None:
        plan_form.fill(page.current)
    renew_form = forms.get("renew_form") or PlanForm(formdata=None, prefix="renew")
    if "renew_form" not in forms and page.current is not None:
        renew_form.fill(page.current)
        renew_form.starts_on.data = page.current.planned_end_on
        renew_form.planned_end_on.data = None
    goals_now = page.current.goals if page.current else []
    review_forms = {goal.id: ReviewForm(formdata=None, prefix=f"goal{goal.id}", reviewed_on=today())
                    for goal in goals_now}
    if "review_form" in forms:
        review_forms[forms["review_goal_id"]] = forms["review_form"]
    return render_template("coach/plan.html", page=page, plan_form=plan_form, renew_form=renew_form,
                           goal_form=forms.get("goal_form") or _goal_form(formdata=None), review_forms=review_forms,
                           end_form=ConfirmForm(), today=today()), status


@bp.get("/learners/<int:learner_id>/plan")
def plan(learner_id):
    return _page(learner_id)


@bp.post("/learners/<int:learner_id>/plan/start")
def start_period(learner_id):
    form = PlanForm()
    if form.validate_on_submit():
        with refused_into(form.starts_on.errors):
            plans.start_period(current_user, learner_id, **form.values())
            flash(_("The period started and its plan was saved."), "success")
            return redirect(url_for("coach.plan", learner_id=learner_id))
    return _page(learner_id, 400, plan_form=form)


@bp.post("/plan-periods/<int:period_id>/edit")
def edit_plan(period_id):
    learner_id = get_period(current_user, period_id).learner_id
    form = PlanForm()
    if form.validate_on_submit():
        with refused_into(form.starts_on.errors):
            plans.edit_plan(current_user, period_id, **form.values())
            flash(_("The plan was saved."), "success")
            return redirect(url_for("coach.plan", learner_id=learner_id))
    return _page(learner_id, 400, plan_form=form)


@bp.post("/plan-periods/<int:period_id>/renew")
def renew_period(period_id):
    learner_id = get_period(current_user, period_id).learner_id
    form = PlanForm(prefix="renew")
    if form.validate_on_submit():
        with refused_into(form.starts_on.errors):
            plans.renew_period(current_user, period_id, **form.values())
            flash(_("The period was renewed. The earlier period is kept in the history."), "success")
            return redirect(url_for("coach.plan", learner_id=learner_id))
    return _page(learner_id, 400, renew_form=form)


@bp.post("/plan-periods/<int:period_id>/end")
def end_period(period_id):
    learner_id = get_period(current_user, period_id).learner_id
    form = ConfirmForm()
    errors: list[str] = []
    if form.validate_on_submit():
        with refused_into(errors):
            plans.end_period(current_user, period_id)
            flash(_("The period ended. Its plan is kept in the history."), "success")
            return redirect(url_for("coach.plan", learner_id=learner_id))
    for error in errors:
        flash(error, "error")
    return redirect(url_for("coach.plan", learner_id=learner_id))


@bp.post("/plan-periods/<int:period_id>/goals")
def add_goal(period_id):
    learner_id = get_period(current_user, period_id).learner_id
    form = _goal_form()
    if form.validate_on_submit():
        with refused_into(form.text.errors):
            goals.add_goal(current_user, period_id, form.text.data, module_ids=form.module_ids.data or (),
                           objective_ids=form.objective_ids.data or ())
            flash(_("The goal was added."), "success")
            return redirect(url_for("coach.plan", learner_id=learner_id, _anchor="goals"))
    return _page(learner_id, 400, goal_form=form)


@bp.post("/goals/<int:goal_id>/reviews")
def review_goal(goal_id):
    goal = goals.get_goal(current_user, goal_id)
    learner_id = goal.period.learner_id
    form = ReviewForm(prefix=f"goal{goal.id}")
    if form.validate_on_submit():
        with refused_into(form.reviewed_on.errors):
            goals.record_review(current_user, goal.id, reviewed_on=form.reviewed_on.data,
                                learner_view=form.learner_view.data, coach_view=form.coach_view.data,
                                note=form.note.data)
            flash(_("The review was saved."), "success")
            return redirect(url_for("coach.plan", learner_id=learner_id, _anchor=f"goal-{goal.id}"))
    return _page(learner_id, 400, review_form=form, review_goal_id=goal.id)
