"""Signed-cookie sessions through Flask-Login; the id carries a version that ends old sessions."""

import time

from flask.sessions import SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select

from app.core.accounts.models import User
from app.core.db import db

# Built once: every signed-in request runs it, and session.get rebuilt its statement's cache key each time.
_USER = select(User).where(User.id == bindparam("user_id"))


def load_user(session_id: str):
    user_id, _, version = (session_id or "").partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.execute(_USER, {"user_id": int(user_id)}).scalar_one_or_none()
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


class SlidingSessionInterface(SecureCookieSessionInterface):
    """A signed-in session lasts PERMANENT_SESSION_LIFETIME from the last visit, as Flask's default, but
    the cookie is signed and sent again at most every REFRESH_SECONDS rather than with every response:
    that was a fifth of a cheap signed-in page (issue 7's profiles). The idle limit moves in steps of
    REFRESH_SECONDS, well inside the eight hours.
    """

    REFRESH_SECONDS = 300
    _KEY = "_refreshed"

    def should_set_cookie(self, app, session) -> bool:
        if session.modified:
            session[self._KEY] = int(time.time())
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        if time.time() - session.get(self._KEY, 0) < self.REFRESH_SECONDS:
            return False
        session[self._KEY] = int(time.time())  # saved with the cookie, which is written next
        return True


def init_app(app, login_manager) -> None:
    app.session_interface = SlidingSessionInterface()
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Please sign in first.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
