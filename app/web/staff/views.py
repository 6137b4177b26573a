"""The admin's pages: everyone's accounts."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from wtforms import SelectChoice

from app.core.accounts import service as accounts
from app.core.accounts.editing import update_account
from app.core.accounts.models import Group, User
from app.core.db import db
from app.core.i18n import LANGUAGES
from app.web.common.cards import keep_cards, show_cards, take_cards
from app.web.common.edge import refused_into
from app.web.common.forms import ConfirmForm
from app.web.common.i18n import ROLE_NAMES
from app.web.common.request_values import parse_id
from app.web.staff import bp
from app.web.staff.forms import EditUserForm, UserForm, UserSearchForm

PAGE_SIZE = 50


@bp.get("/")
def home():
    return render_template("staff/home.html", counts=accounts.count_users_by_role(),
                           group_count=db.session.scalar(select(func.count(Group.id))))


@bp.get("/users")
def users():
    form = UserSearchForm(request.args)
    search = form.q.data if request.args and form.validate() and form.q.data else ""
    page = max(parse_id(request.args.get("page")) or 1, 1)
    rows, has_next = accounts.list_accounts(search, form.role.data or "", page, PAGE_SIZE)
    return render_template("staff/users.html", form=form, users=rows, page=page, has_next=has_next,
                           role_names={role: str(name) for role, name in ROLE_NAMES.items()})


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    form = UserForm()
    form.group_ids.choices = [SelectChoice(g.id, g.name) for g in accounts.groups_for(current_user)]
    if form.validate_on_submit():
        with refused_into(form.username.errors):
            user = accounts.create_user(
                current_user, username=form.username.data, display_name=form.display_name.data,
                role=form.role.data, email=form.email.data, title=form.title.data,
                group_ids=tuple(form.group_ids.data or ()),
            )
            issued = accounts.issue_sign_in_code(current_user, user.id)
            flash(_("Account created for %(name)s. Print the sign-in card and give it to them.",
                    name=user.display_name), "success")
            return keep_cards([issued], "staff.cards")
    return render_template("staff/user_form.html", form=form), 200 if not form.errors else 400


@bp.get("/cards")
def cards():
    """The cards just issued, once; a reload offers new cards instead of creating anything."""
    return show_cards(take_cards(), "staff.new_code", select(User.id), "user_id")


@bp.get("/users/<int:user_id>")
def user(user_id):
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return render_template("staff/user.html", user=user,
                           retention_days=current_app.config["PERSONAL_DATA_RETENTION_DAYS"])


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
def edit_user(user_id):
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    form = EditUserForm(obj=user, language=user.language or "")
    form.language.choices = [SelectChoice("", _("Not chosen (the browser's language)")),
                             *(SelectChoice(code, name) for code, name in LANGUAGES.items())]
    errors = []
    if form.validate_on_submit():
        with refused_into(errors):
            update_account(current_user, user.id, display_name=form.display_name.data, username=form.username.data,
                           role=form.role.data, language=form.language.data)
            flash(_("The account of %(name)s is saved.", name=user.display_name), "success")
            return redirect(url_for("staff.user", user_id=user.id))
    return render_template("staff/user_edit.html", form=form, user=user, errors=errors), \
        200 if not (form.errors or errors) else 400


@bp.post("/users/<int:user_id>/code")
def new_code(user_id):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    issued = accounts.issue_sign_in_code(current_user, user_id)
    return keep_cards([issued], "staff.cards")


def _close_page(user_id, status=200):
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    if status == 200 and (not user.active or user.id == current_user.id):
        return redirect(url_for("staff.user", user_id=user.id))
    return render_template("staff/user_close.html", user=user,
                           retention_days=current_app.config["PERSONAL_DATA_RETENTION_DAYS"]), status


@bp.get("/users/<int:user_id>/close")
def confirm_close(user_id):
    """Closing ends the person's sessions and sign-in: the button is on a page that says so, with a way back."""
    return _close_page(user_id)


@bp.post("/users/<int:user_id>/active")
def set_active(user_id):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    if not active and request.form.get("confirmed") != "1":
        # only the confirmation page sends this, so no account closes without the admin seeing what follows
        return _close_page(user_id, 400)
    user = accounts.set_active(current_user, user_id, active)
    flash(_("The account is active again.") if user.active else _("The account is closed. "
          "The person can no longer sign in; their records are kept."), "success")
    return redirect(url_for("staff.user", user_id=user.id))
