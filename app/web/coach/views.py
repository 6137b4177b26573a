"""The coach's pages: groups, learners, sign-in cards. Admins may use them for every group."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms import SelectChoice

from app.core.accounts import policy
from app.core.accounts import service as accounts
from app.core.accounts.groups import open_group
from app.web.coach import bp
from app.web.coach.forms import CardsForm, GroupForm, LearnerForm, ReviewForm
from app.web.common import notices
from app.web.common.cards import keep_cards, show_cards, take_cards
from app.web.common.content_text import shown_html
from app.web.common.downloads import stored_upload
from app.web.common.edge import refused_into
from app.web.common.forms import ConfirmForm
from app.web.common.request_values import form_id
from competence.decisions import choices_for
from courses import progress, queue, review
from courses.objectives import objectives_by_code


@bp.get("/")
def home():
    return render_template("coach/home.html", groups=accounts.groups_for(current_user),
                           notices=notices.shown(current_user))


@bp.route("/groups/new", methods=["GET", "POST"])
def new_group():
    form = GroupForm()
    if form.validate_on_submit():
        group = accounts.create_group(current_user, form.name.data)
        flash(_("Group %(name)s created.", name=group.name), "success")
        return redirect(url_for("coach.group", group_id=group.id))
    return render_template("coach/group_form.html", form=form), 200 if not form.errors else 400


@bp.get("/groups/<int:group_id>")
def group(group_id):
    group = accounts.get_group(current_user, group_id)
    done = progress.learners_progress([learner.id for learner in group.learners])
    return render_template("coach/group.html", group=group, done=done)


@bp.route("/groups/<int:group_id>/learners/new", methods=["GET", "POST"])
def new_learner(group_id):
    group = open_group(current_user, group_id)
    form = LearnerForm(group_id=group.id)
    form.group_id.choices = [SelectChoice(choice.id, choice.name) for choice in accounts.group_names(current_user)]
    if form.validate_on_submit():
        username = form.username.data or accounts.suggest_username(form.display_name.data)
        with refused_into(form.username.errors):
            learner = accounts.create_user(
                current_user, username=username, display_name=form.display_name.data,
                group_ids=(form.group_id.data,),
            )
            learner, code, sign_in_code = accounts.issue_sign_in_code(current_user, learner.id)
            flash(_("Account created for %(name)s. Print the sign-in card and give it to them.",
                    name=learner.display_name), "success")
            return keep_cards([(learner, code, sign_in_code)], "coach.cards")
    return render_template("coach/learner_form.html", form=form, group=group), \
        200 if not form.errors else 400


@bp.post("/groups/<int:group_id>/cards")
def group_cards(group_id):
    group = open_group(current_user, group_id)
    form = CardsForm()
    form.learner_ids.choices = [SelectChoice(learner.id, learner.display_name) for learner in group.learners]
    if not form.validate_on_submit() or not form.learner_ids.data:
        flash(_("Choose at least one learner for a new sign-in card."), "error")
        return redirect(url_for("coach.group", group_id=group.id))
    issued = [accounts.issue_sign_in_code(current_user, learner_id) for learner_id in form.learner_ids.data]
    return keep_cards(issued, "coach.cards")


@bp.get("/cards")
def cards():
    """The cards just issued, once; a reload offers new cards instead of creating anything."""
    return show_cards(take_cards(), "coach.new_code", policy.visible_learners(current_user), "learner_id")


@bp.get("/learners/<int:learner_id>")
def learner(learner_id):
    return render_template("coach/learner.html", learner=policy.require_learner(current_user, learner_id))


@bp.post("/learners/<int:learner_id>/code")
def new_code(learner_id):
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    issued = accounts.issue_sign_in_code(current_user, learner_id)
    return keep_cards([issued], "coach.cards")


@bp.get("/reviews")
def reviews():
    group_id = request.args.get("group", type=form_id)
    kind = request.args.get("kind") or None
    groups = accounts.group_names(current_user)
    if (group_id is not None and group_id not in {group.id for group in groups}) or kind not in (None, *queue.KINDS):
        abort(404)
    items = queue.waiting_for(current_user, group_id, kind)
    if group_id is None and kind is None:
        g.review_count = len(items)  # the menu counts exactly this list: no need to ask the database again
    return render_template("coach/reviews.html", items=items, groups=groups, group_id=group_id, kind=kind)


@bp.route("/reviews/<int:submission_id>", methods=["GET", "POST"])
def review_item(submission_id):
    submission = review.get_for_coach(current_user, submission_id)
    step = submission.step
    codes = review.task_objectives(step)
    objectives = [(o, choices_for(o.unit)) for o in objectives_by_code(codes)]
    form = ReviewForm()
    errors, objective_errors = [], []
    if form.validate_on_submit():
        accept = form.decision.data == "accept"
        choices = {code: request.form.get(f"outcome-{code}", "") for code in codes}
        with refused_into(objective_errors):
            review.require_decision([o.code for o, _choices in objectives], accept, choices)
        if not objective_errors:
            with refused_into(errors):
                outcome = review.review_task(current_user, submission.id, accept, choices, form.message.data)
                flash(_saved_message(outcome), "success")
                return redirect(url_for("coach.reviews"))
            submission = review.get_for_coach(current_user, submission_id)
            step = submission.step
    learner = policy.require_learner(current_user, submission.learner_id)
    return render_template("coach/review.html", submission=submission, learner=learner, step=step,
                           task_html=shown_html(step.body_html, "fi"), objectives=objectives, form=form,
                           errors=errors, objective_errors=objective_errors), \
        200 if not (form.errors or errors or objective_errors) else 400


def _saved_message(outcome: review.TaskOutcome) -> str:
    """What the coach is told the review recorded, the same as the learner will see."""
    if not outcome.accepted:
        return _("Saved: the task went back to the learner with your message.")
    if not outcome.trains:
        return _("Saved: task accepted. It trains no objective, so no competence is recorded.")
    return ngettext("Saved: task accepted; %(num)d objective recognised.",
                    "Saved: task accepted; %(num)d objectives recognised.", outcome.recognised)


@bp.get("/files/<int:file_id>")
def learner_file(file_id):
    file = review.file_for_coach(current_user, file_id)
    return stored_upload(file)

