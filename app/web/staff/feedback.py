"""Staff's feedback round pages: list, draft, questions, preview, open and close."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from app.core.accounts import service as accounts
from app.core.db import db
from app.web.common.edge import refused_flashed, refused_into
from app.web.common.forms import ConfirmForm
from app.web.staff import bp
from app.web.staff.feedback_forms import LastDayForm, QuestionForm, RoundForm
from courses.feedback import rounds
from courses.feedback.models import FeedbackRound, RoundStatus
from courses.feedback.results import answered_count
from courses.models import Course, Module


def _confirm() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


def _round_form(**kwargs) -> RoundForm:
    form = RoundForm(**kwargs)
    courses = list(db.session.scalars(select(Course).where(Course.archived_at.is_(None)).order_by(Course.title)))
    form.course_id.choices = [SelectChoice(c.id, c.title) for c in courses]
    modules = db.session.execute(
        select(Module.id, Module.title, Course.title).join(Course)
        .where(Module.archived_at.is_(None), Course.archived_at.is_(None)).order_by(Course.title, Module.position))
    form.module_ids.choices = [SelectChoice(mid, f"{course}: {title}" if len(courses) > 1 else title)
                               for mid, title, course in modules]
    form.group_ids.choices = [SelectChoice(g.id, g.name) for g in accounts.groups_for(current_user)]
    return form


def _settings(form: RoundForm) -> dict:
    return {"title": form.title.data, "purpose": form.purpose.data, "course_id": form.course_id.data,
            "module_ids": form.module_ids.data or [], "all_learners": form.audience.data == "all",
            "group_ids": form.group_ids.data or [], "opens_on": form.opens_on.data,
            "closes_on": form.closes_on.data, "anonymous": form.anonymous.data == "anonymous"}


@bp.get("/feedback")
def feedback_rounds():
    return render_template("staff/feedback/rounds.html", rounds=rounds.list_rounds(current_user), today=rounds.today())


@bp.route("/feedback/new", methods=["GET", "POST"])
def new_round():
    form = _round_form()
    if not form.is_submitted():
        form.opens_on.data = rounds.today()
    if form.validate_on_submit():
        with refused_into(form.title.errors):
            found = rounds.create_round(current_user, **_settings(form))
            flash(_("The round is saved as a draft. Add its questions next."), "success")
            return redirect(url_for("staff.feedback_round", round_id=found.id, _anchor="add-question"))
    return render_template("staff/feedback/round_form.html", form=form, round=None), 400 if form.errors else 200


@bp.route("/feedback/<int:round_id>/edit", methods=["GET", "POST"])
def edit_round(round_id):
    found = rounds.get_round(current_user, round_id)
    if found.status != RoundStatus.DRAFT:
        flash(_("The round is already open, so its questions and settings can no longer change. "
                "Copy it to make a new round."), "error")
        return redirect(url_for("staff.feedback_round", round_id=found.id))
    form = _round_form(obj=found)
    if not form.is_submitted():
        form.module_ids.data = [m.id for m in found.modules]
        form.group_ids.data = [g.id for g in found.groups]
        form.audience.data = "all" if found.all_learners else "groups"
        form.anonymous.data = "anonymous" if found.anonymous else "named"
    if form.validate_on_submit():
        with refused_into(form.title.errors):
            rounds.update_round(current_user, found.id, **_settings(form))
            flash(_("Saved."), "success")
            return redirect(url_for("staff.feedback_round", round_id=found.id))
    return render_template("staff/feedback/round_form.html", form=form, round=found), 400 if form.errors else 200


def render_round(found, question_form=None, status=200):
    """The round's own page: settings, questions, and what can be done with it now."""
    last_day = LastDayForm(closes_on=found.closes_on)
    return render_template(
        "staff/feedback/round.html", round=found, today=rounds.today(), form=ConfirmForm(),
        question_form=question_form or QuestionForm(), last_day_form=last_day, answered=answered_count(found),
    ), status


@bp.get("/feedback/<int:round_id>")
def feedback_round(round_id):
    return render_round(rounds.get_round(current_user, round_id))


@bp.post("/feedback/<int:round_id>/questions")
def add_question(round_id):
    found = rounds.get_round(current_user, round_id)
    form = QuestionForm()
    if form.validate_on_submit():
        with refused_into(form.text.errors):
            rounds.add_question(current_user, found.id, kind=form.kind.data, text=form.text.data,
                                  choices=(form.choices.data or "").splitlines(), required=form.required.data)
            flash(_("Question added."), "success")
            return redirect(url_for("staff.feedback_round", round_id=found.id, _anchor="add-question"))
    return render_round(rounds.get_round(current_user, round_id), form, 400)


def _act(round_id, action, done_message, *args):
    """Run a life-cycle action; a refused one comes back to the round page with the reason."""
    _confirm()
    target = round_id
    with refused_flashed():
        result = action(current_user, round_id, *args)
        flash(done_message, "success")
        if isinstance(result, FeedbackRound):
            target = result.id
    return redirect(url_for("staff.feedback_round", round_id=target))


@bp.post("/feedback/<int:round_id>/questions/<int:question_id>/remove")
def remove_question(round_id, question_id):
    return _act(round_id, rounds.remove_question, _("Question removed."), question_id)


@bp.post("/feedback/<int:round_id>/open")
def open_round(round_id):
    return _act(round_id, rounds.open_round, _("The round is open. Learners see it on the first day."))


@bp.post("/feedback/<int:round_id>/close")
def close_round(round_id):
    return _act(round_id, rounds.close_round, _("The round is closed. The results stay."))


@bp.post("/feedback/<int:round_id>/copy")
def copy_round(round_id):
    return _act(round_id, rounds.copy_round, _("A copy was made as a new draft. Check its dates and open it."))


@bp.post("/feedback/<int:round_id>/last-day")
def change_last_day(round_id):
    form = LastDayForm()
    if not form.validate_on_submit():
        flash(_("Choose the last day."), "error")
        return redirect(url_for("staff.feedback_round", round_id=round_id))
    return _act(round_id, rounds.change_last_day, _("The last day was changed."), form.closes_on.data)


@bp.get("/feedback/<int:round_id>/preview")
def preview_round(round_id):
    """The round as a learner sees it, with the answer buttons switched off."""
    return render_template("staff/feedback/preview.html", round=rounds.get_round(current_user, round_id))
