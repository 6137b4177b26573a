"""What the menu shows besides links: how many things are new for the user and wait for the coach,
in one query at most.
"""

from flask import g
from flask_login import current_user

from app.web.common import notices
from courses.feedback.actions import news_query
from courses.queue import waiting_count, waiting_count_columns


def init_app(app) -> None:
    app.jinja_env.globals["notice_text"] = notices.text_of

    @app.context_processor
    def _menu_counts():
        user = current_user._get_current_object()
        if not user.is_authenticated or user.must_set_password:
            return {"review_count": 0, "notice_count": 0}
        # A page that lists them leaves the counts in g: the review queue and the notifications.
        review_count, notice_count = g.get("review_count"), g.get("notice_count")
        if user.is_learner:
            if notice_count is None:
                unseen, news = notices.unseen_count(user, news_query(user))
                notice_count = unseen + (1 if news else 0)
            return {"review_count": 0, "notice_count": notice_count}
        if notice_count is None and review_count is None:
            notice_count, tasks, requests = notices.unseen_count(user, *waiting_count_columns(user))
            review_count = (tasks or 0) + (requests or 0)
        elif notice_count is None:
            notice_count = notices.unseen_count(user)[0]
        elif review_count is None:
            review_count = waiting_count(user)
        return {"review_count": review_count, "notice_count": notice_count}
