"""Changing a group: rename, archive and restore, move, remove and add learners. Admins may do the
same for every group; the rule of who may be added is in app.core.accounts.groups.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.core.accounts import groups as group_service
from app.core.accounts import service as accounts
from app.web.coach import bp
from app.web.coach.forms import AddLearnerForm, GroupForm, LearnerSearchForm, MoveForm
from app.web.common.edge import refused_flashed, refused_into
from app.web.common.forms import ConfirmForm


def _confirmed() -> bool:
    """A change that needs a confirmation page: only that page sends confirmed=1."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return request.form.get("confirmed") == "1"


@bp.route("/groups/<int:group_id>/rename", methods=["GET", "POST"])
def rename_group(group_id):
    group = group_service.open_group(current_user, group_id)
    form = GroupForm(obj=group)
    if form.validate_on_submit():
        with refused_into(form.name.errors):
            group = group_service.rename_group(current_user, group.id, form.name.data)
            flash(_("The group is now called %(name)s.", name=group.name), "success")
            return redirect(url_for("coach.group", group_id=group.id))
    return render_template("coach/group_rename.html", form=form, group=group), 200 if not form.errors else 400


@bp.route("/groups/<int:group_id>/archive", methods=["GET", "POST"])
def archive_group(group_id):
    group = group_service.open_group(current_user, group_id)
    if request.method == "POST":
        if _confirmed():
            group_service.archive_group(current_user, group.id)
            flash(_("The group %(name)s is archived. Its learners and their work are kept.", name=group.name),
                  "success")
            return redirect(url_for("coach.home"))
        return render_template("coach/group_archive.html", group=group), 400
    return render_template("coach/group_archive.html", group=group)


@bp.post("/groups/<int:group_id>/restore")
def restore_group(group_id):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    group = group_service.restore_group(current_user, group_id)
    flash(_("The group %(name)s is in use again.", name=group.name), "success")
    return redirect(url_for("coach.group", group_id=group.id))


@bp.get("/groups/archived")
def archived_groups():
    return render_template("coach/groups_archived.html", groups=group_service.archived_groups(current_user))


@bp.route("/groups/<int:group_id>/learners/<int:learner_id>/remove", methods=["GET", "POST"])
def remove_learner(group_id, learner_id):
    group = group_service.open_group(current_user, group_id)
    learner = group_service.member_of_group(group, learner_id)
    if request.method == "POST":
        if _confirmed():
            group_service.remove_learner(current_user, group.id, learner.id)
            flash(_("%(name)s was removed from the group. Their account and work are kept.",
                    name=learner.display_name), "success")
            return redirect(url_for("coach.group", group_id=group.id, _anchor="learners"))
        return render_template("coach/learner_remove.html", group=group, learner=learner), 400
    return render_template("coach/learner_remove.html", group=group, learner=learner)


@bp.route("/groups/<int:group_id>/learners/<int:learner_id>/move", methods=["GET", "POST"])
def move_learner(group_id, learner_id):
    group = group_service.open_group(current_user, group_id)
    learner = group_service.member_of_group(group, learner_id)
    form = MoveForm()
    form.to_group_id.choices = [SelectChoice(choice.id, choice.name) for choice in accounts.group_names(current_user)
                                if choice.id != group.id]
    if form.validate_on_submit():
        with refused_into(form.to_group_id.errors):
            target = group_service.move_learner(current_user, group.id, learner.id, form.to_group_id.data)
            flash(_("%(name)s moved to the group %(group)s.", name=learner.display_name, group=target.name),
                  "success")
            return redirect(url_for("coach.group", group_id=group.id, _anchor="learners"))
    return render_template("coach/learner_move.html", form=form, group=group, learner=learner), \
        200 if not form.errors else 400


@bp.route("/groups/<int:group_id>/learners/add", methods=["GET", "POST"])
def add_learner(group_id):
    group = group_service.open_group(current_user, group_id)
    search = LearnerSearchForm(request.args)
    query = search.q.data if request.args and search.validate() and search.q.data else ""
    form = AddLearnerForm()
    if form.validate_on_submit():
        with refused_flashed():
            learner = group_service.add_learner(current_user, group.id, form.username.data)
            flash(_("%(name)s was added to the group.", name=learner.display_name), "success")
            return redirect(url_for("coach.group", group_id=group.id, _anchor="learners"))
        return redirect(url_for("coach.add_learner", group_id=group.id, q=query or None))
    if request.method == "POST":
        abort(400)
    found = group_service.find_learners_to_add(current_user, group.id, query)
    return render_template("coach/learner_add.html", group=group, search=search, query=query, found=found)
