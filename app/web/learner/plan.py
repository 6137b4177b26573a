"""The learner's My plan page in plain words (own notes and own goals) and a meeting's calendar file.

Internal meeting notes never reach these pages: the learner's reads go through `shared_notes`.
"""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.web.common.edge import refused_into
from app.web.common.service_texts import MODES, template_helpers
from app.web.learner import bp
from app.web.learner.plan_forms import GoalForm, NotesForm
from service import goals, meetings, plans
from service.calendar import meeting_ics
from service.plan_view import learner_plan

bp.context_processor(template_helpers)
bp.context_processor(lambda: {"shared_notes": meetings.shared_notes})


def _page(status=200, **forms):
    page = learner_plan(current_user, current_user.id, with_meetings=False)
    notes_form = forms.get("notes_form") or NotesForm(formdata=None,
                                                      notes=page.current.learner_notes if page.current else "")
    return render_template("learner/plan.html", page=page, notes_form=notes_form,
                           goal_form=forms.get("goal_form") or GoalForm(formdata=None),
                           upcoming=meetings.upcoming_for_learner(current_user),
                           earlier_meetings=meetings.earlier_for_learner(current_user)), status


@bp.get("/plan")
def plan():
    return _page()


@bp.post("/plan/notes")
def save_notes():
    form = NotesForm()
    page = learner_plan(current_user, current_user.id, with_meetings=False)
    if form.validate_on_submit() and page.current is not None:
        with refused_into(form.notes.errors):
            plans.save_learner_notes(current_user, page.current.id, form.notes.data)
            flash(_("Your notes were saved."), "success")
            return redirect(url_for("learner.plan", _anchor="notes"))
    if page.current is None:
        form.notes.errors.append(_("You have no current plan yet. Ask your coach."))
    return _page(400, notes_form=form)


@bp.post("/plan/goals")
def add_goal():
    form = GoalForm()
    page = learner_plan(current_user, current_user.id, with_meetings=False)
    if form.validate_on_submit() and page.current is not None:
        with refused_into(form.text.errors):
            goals.add_goal(current_user, page.current.id, form.text.data)
            flash(_("Your goal was added."), "success")
            return redirect(url_for("learner.plan", _anchor="goals"))
    if page.current is None:
        form.text.errors.append(_("You have no current plan yet. Ask your coach."))
    return _page(400, goal_form=form)


@bp.get("/meetings/<int:meeting_id>.ics")
def meeting_calendar(meeting_id):
    meeting = meetings.learner_meeting(current_user, meeting_id)
    summary = _("Meeting with %(name)s", name=meeting.coach.display_name)
    lines = [str(MODES.get(meeting.mode, meeting.mode)), meeting.planned_note]
    data = meeting_ics(meeting, summary, "\n".join(line for line in lines if line),
                       _("Workshop") if meeting.mode == "on_site" else "", request.host)
    return Response(data, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="meeting-{meeting.id}.ics"'})
