"""The coach's week of a group's participation days: one choice per learner and weekday, saved at once."""

from datetime import date, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.core.accounts import service as accounts
from app.web.coach import bp
from app.web.common.edge import refused_flashed, refused_into
from app.web.common.forms import ConfirmForm
from app.web.common.request_values import parse_id
from service import attendance, check_in


def _monday() -> date:
    week = request.values.get("week")
    if week is None:
        return attendance.monday_of(attendance.today())
    monday = attendance.parse_week(week)
    if monday is None:
        abort(404)
    return monday


def _submitted(grid):
    """The form's choices and versions by (learner id, day); a cell the grid does not have is refused."""
    choices, versions = {}, {}
    for name, value in request.form.items():
        kind, _sep, key = name.partition("-")
        if kind not in ("day", "version"):
            continue
        learner_text, _sep, day_text = key.partition("-")
        learner_id = parse_id(learner_text)
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            abort(400)
        if learner_id is None:
            abort(400)
        if kind == "day":
            choices[(learner_id, day)] = value
        else:
            versions[(learner_id, day)] = parse_id(value) if parse_id(value) is not None else -1
    return choices, versions


@bp.route("/groups/<int:group_id>/attendance", methods=["GET", "POST"])
def attendance_week(group_id):
    monday = _monday()
    grid = attendance.week_grid(current_user, group_id, monday)
    form = ConfirmForm()
    errors, shown, stale = [], {}, set()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        choices, versions = _submitted(grid)
        with refused_into(errors):
            count = attendance.record_week(current_user, group_id, monday, choices, versions)
            flash(ngettext("Saved %(num)d day.", "Saved %(num)d days.", count) if count
                  else _("Nothing had changed."), "success")
            return redirect(url_for("coach.attendance_week", group_id=group_id, week=attendance.week_text(monday)))
        grid = attendance.week_grid(current_user, group_id, monday)
        shown = choices
        stale = attendance.stale_cells(grid, versions)
    return render_template("coach/attendance.html", grid=grid, week=attendance.week_text(monday),
                           previous=attendance.week_text(monday - timedelta(days=7)),
                           next=attendance.week_text(monday + timedelta(days=7)),
                           errors=errors, shown=shown, stale=stale,
                           modes=_choices()), 400 if errors else 200


def _choices():
    """The grid's one choice per day: the mode, and for an absence its reason."""
    return [("on_site", _("At the workshop")), ("remote", _("Remote")),
            ("absent:ill", _("Absent: ill")), ("absent:appointment", _("Absent: appointment")),
            ("absent:leave", _("Absent: agreed day off")), ("absent:no_notice", _("Absent: no notice")),
            ("absent:other", _("Absent: other reason"))]


@bp.post("/groups/<int:group_id>/attendance/confirm")
def confirm_check_in(group_id):
    monday = _monday()
    accounts.group_name(current_user, group_id)  # the group must be the coach's
    form = ConfirmForm()
    entry_id = parse_id(request.form.get("entry_id"))
    if not form.validate_on_submit() or entry_id is None:
        abort(400)
    with refused_flashed():
        check_in.confirm(current_user, entry_id)
        flash(_("Remote day confirmed."), "success")
    return redirect(url_for("coach.attendance_week", group_id=group_id, week=attendance.week_text(monday)))
