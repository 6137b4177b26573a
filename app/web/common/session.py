"""Signed-cookie sessions through Flask-Login; the id carries a version that ends old sessions."""

import time

from flask.sessions import SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from itsdangerous import BadSignature
from sqlalchemy import bindparam, select

from app.core.accounts.models import Account, User
from app.core.db import db, read

_FIELDS = ("id", "username", "display_name", "role", "language", "must_set_password", "active", "session_version")
# Built once: every signed-in request runs it.
_USER_ROW = select(*(getattr(User, name) for name in _FIELDS)).where(
    User.id == bindparam("user_id"))


class SignedInUser(Account):
    """The signed-in user as one request reads it: the columns pages and access checks use, as a plain
    row. Building a User entity on every request cost about 100 µs, a fifth of a stored PDF download
    (issue 7's profiles). Anything else (groups, e-mail, ...) comes from the entity, loaded when first
    asked for; attributes cannot be set here, so a change can never be silently lost: use `record()`.
    """

    __slots__ = (*_FIELDS, "_record")

    def __init__(self, row):
        for name, value in zip(_FIELDS, row[:len(_FIELDS)], strict=True):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_record", None)

    def __setattr__(self, name, value):
        raise AttributeError(f"the signed-in user is read-only; change {name} on its record()")

    def __getattr__(self, name):  # only for what the row does not hold
        if name.startswith("_"):  # never the entity's internals (nor _record before it is set)
            raise AttributeError(name)
        return getattr(self.record(), name)

    def record(self) -> User:
        """The User entity, for changes and relationships (one query, once a request)."""
        if self._record is None:
            object.__setattr__(self, "_record", db.session.get(User, self.id))
        return self._record

    def __repr__(self) -> str:
        return f"<SignedInUser {self.username} {self.role}>"


def load_user(session_id: str):
    user_id, _, version = (session_id or "").partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    row = read(_USER_ROW, {"user_id": int(user_id)}).one_or_none()
    if row is None:
        return None
    user = SignedInUser(row)
    if not user.active or user.session_version != int(version):
        return None
    return user


def signed_in_record() -> User:
    """The signed-in user's entity, to change: the request's user is a read-only row after sign-in."""
    user = current_user._get_current_object()
    return user.record() if isinstance(user, SignedInUser) else user


class SlidingSessionInterface(SecureCookieSessionInterface):
    """A signed-in session lasts PERMANENT_SESSION_LIFETIME from the last visit, as Flask's default, but
    the cookie is signed and sent again at most every REFRESH_SECONDS rather than with every response:
    that was a fifth of a cheap signed-in page (issue 7's profiles). The idle limit moves in steps of
    REFRESH_SECONDS, well inside the eight hours.
    """

    REFRESH_SECONDS = 300
    _KEY = "_refreshed"
    _OPENED_LIMIT = 20_000
    # Only sessions of plain values are remembered: a list or dict (flashed messages) is changed in place.
    _PLAIN = (str, int, float, bool, type(None))

    def __init__(self):
        self._opened: dict[tuple, tuple[dict, int]] = {}

    def open_session(self, app, request):
        """Flask's signed cookie, its signature checked once per cookie value and lifetime rather than on
        every request. A browser sends the same cookie for REFRESH_SECONDS, and checking it again
        (signer, HMAC, tagged JSON) cost 40 µs, a fiftieth of a signed-in page (issue 7's profiles). An
        expired cookie is refused just as itsdangerous refuses it: by the age of its signature.
        """
        value = request.cookies.get(self.get_cookie_name(app))
        if not value or not app.secret_key:
            return super().open_session(app, request)
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()), value)
        max_age = int(app.permanent_session_lifetime.total_seconds())
        found = self._opened.get(key)
        if found is not None and 0 <= int(time.time()) - found[1] <= max_age:
            return self.session_class(found[0])
        try:
            data, signed_at = self.get_signing_serializer(app).loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if all(isinstance(item, self._PLAIN) for item in data.values()):
            if len(self._opened) > self._OPENED_LIMIT:
                self._opened.clear()
            self._opened[key] = (dict(data), int(signed_at.timestamp()))
        return self.session_class(data)

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
