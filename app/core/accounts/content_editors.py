"""Who may edit course content: admins always, and coaches an admin marks as content editors."""

from app.core import audit
from app.core.accounts.models import Role, User
from app.core.db import db
from app.core.errors import Forbidden, Invalid, NotFound
from app.core.i18n import N_


def set_content_editor(actor: User, user_id: int, editor: bool) -> User:
    """Mark a coach as a content editor, or no longer one; only an admin may, and only for a coach."""
    if not actor.is_admin:
        raise Forbidden()
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    if user.role != Role.COACH:
        raise Invalid(N_("Only a coach can be made a content editor; admins may edit content anyway."))
    user.content_editor = editor
    db.session.flush()
    audit.record(actor, "user.content_editor" if editor else "user.not_content_editor", user)
    return user
