"""What the menu shows besides links: how many things wait for the coach."""

from flask_login import current_user

from courses.queue import waiting_count


def init_app(app) -> None:
    @app.context_processor
    def _review_count():
        if current_user.is_authenticated and (current_user.is_coach or current_user.is_admin):
            return {"review_count": waiting_count(current_user)}
        return {"review_count": 0}
