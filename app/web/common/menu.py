"""What the menu shows besides links: how many things wait for the coach."""

from flask import g
from flask_login import current_user

from courses.queue import waiting_count


def init_app(app) -> None:
    @app.context_processor
    def _review_count():
        user = current_user._get_current_object()
        if user.is_authenticated and (user.is_coach or user.is_admin):
            # The review queue leaves its own length in g.review_count when it shows the whole queue.
            count = g.get("review_count")
            return {"review_count": waiting_count(user) if count is None else count}
        return {"review_count": 0}
