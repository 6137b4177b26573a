"""Notifications as pages show them: each kind in plain words with where it leads, for the learner's
My path and the coach's home, and the count the menu shows.
"""

from flask import abort, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from app.core import notifications
from app.core.db import db
from app.core.notifications import Kind, Notice
from app.web.common.forms import ConfirmForm
from app.web.common.i18n import localized


def text_of(notice: Notice) -> str:
    """What happened, in plain words, in the page's language."""
    title = notice.details.get("title", "")
    name = localized(notice.details.get("name"))
    texts = {
        Kind.TASK_ACCEPTED: lambda: _("Your coach accepted your task: %(title)s", title=title),
        Kind.TASK_RETURNED: lambda: _("Your coach asked you to add to your task: %(title)s", title=title),
        Kind.RECOGNITION_DECIDED: lambda: _("Your coach decided on what you already know: %(name)s", name=name),
        Kind.RECOGNITION_RETURNED: lambda: _("Your coach asked for more about what you already know: %(name)s",
                                             name=name),
        Kind.DECISION: lambda: _("Your coach recorded a decision on your skills: %(name)s", name=name),
        Kind.CERTIFICATE: lambda: _("You have a new certificate."),
        Kind.TASK_SENT: lambda: _("%(learner)s sent a task: %(title)s", learner=notice.learner_name, title=title),
        Kind.RECOGNITION_SENT: lambda: _("%(learner)s asked you to recognise what they already know: %(name)s",
                                         learner=notice.learner_name, name=name),
    }
    return texts[Kind(notice.kind)]()


def link_of(notice: Notice) -> str:
    """The page the notification is about."""
    kind = Kind(notice.kind)
    if kind in (Kind.TASK_ACCEPTED, Kind.TASK_RETURNED):
        return url_for("learner.step", code=notice.details.get("step", ""))
    if kind in (Kind.RECOGNITION_DECIDED, Kind.RECOGNITION_RETURNED):
        return url_for("learner.recognition_request", request_id=notice.subject_id)
    if kind == Kind.DECISION:
        return url_for("learner.skills")
    if kind == Kind.CERTIFICATE:
        return url_for("learner.certificates_page")
    if kind == Kind.TASK_SENT:
        return url_for("coach.review_item", submission_id=notice.subject_id)
    return url_for("coach.recognition_item", request_id=notice.subject_id)


def shown(user) -> list[Notice]:
    """The user's unseen notifications for a page, leaving their number for the menu."""
    notices, g.notice_count = notifications.unseen_and_count(user)
    return notices


def open_notice(user, notification_id: int):
    """Mark the notification seen and go where it leads; another user's is not found."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return redirect(link_of(notifications.open_notice(user, notification_id)))


def mark_all_seen(user, back: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    count = notifications.mark_all_seen(user)
    if count:
        flash(ngettext("%(num)d notification marked as read.", "%(num)d notifications marked as read.", count),
              "success")
    return redirect(back)


def unseen_count(user, *more) -> tuple:
    """(unseen notifications, *more) in one query: the menu's counts together."""
    query = db.select(notifications.unseen_count_query(user).scalar_subquery(), *more)
    return tuple(db.session.execute(query).one())
