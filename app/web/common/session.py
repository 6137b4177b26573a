"""Signed-cookie sessions through Flask-Login; the id carries a version that ends old sessions.

A signed-in session is permanent and Flask sends its cookie again with every response
(SESSION_REFRESH_EACH_REQUEST), so it lasts PERMANENT_SESSION_LIFETIME from the last visit.
"""

from flask_babel import lazy_gettext as _l

from app.core.accounts.models import User
from app.core.db import db


def load_user(session_id: str) -> User | None:
    """The signed-in user, unless the account was closed or the session ended (a new session version)."""
    user_id, _, version = (session_id or "").partition(":")
    if not (user_id.isascii() and user_id.isdigit() and version.isascii() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def init_app(app, login_manager) -> None:
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Please sign in first.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
