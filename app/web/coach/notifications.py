"""The coach's notifications: open one (marked read, then its page), or mark all read."""

from flask import url_for
from flask_login import current_user

from app.web.coach import bp
from app.web.common import notices


@bp.post("/notifications/<int:notification_id>")
def open_notification(notification_id):
    return notices.open_notice(current_user, notification_id)


@bp.post("/notifications/seen")
def notifications_seen():
    return notices.mark_all_seen(current_user, url_for("coach.home"))
