"""An admin changes an account: name, username, role and preferred language."""

from app.core import audit
from app.core.accounts.models import Role, User
from app.core.accounts.service import checked_name, checked_username, end_sessions
from app.core.db import db
from app.core.errors import Forbidden, Invalid, NotFound
from app.core.i18n import LANGUAGES, N_


def update_account(actor: User, user_id: int, *, display_name: str, username: str, role: str,
                   language: str | None) -> User:
    """Change an account with the same rules as creating one. A new role ends the person's sessions,
    so that what they may do changes at once; it is refused while they are in groups, where a learner
    and a coach have different places.
    """
    if not actor.is_admin:
        raise Forbidden()
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    try:
        role = Role(role)
    except ValueError:
        raise Invalid(N_("Choose a role.")) from None
    language = language or None
    if language is not None and language not in LANGUAGES:
        raise Invalid(N_("Unknown language."))
    new = {"display_name": checked_name(display_name), "username": checked_username(username, user.id),
           "role": role, "language": language}
    changed = [field for field, value in new.items() if getattr(user, field) != value]
    if "role" in changed:
        if user.id == actor.id:
            raise Invalid(N_("You cannot change your own role."))
        if user.groups or user.coached_groups:
            raise Invalid(N_("Remove the person from their groups before changing the role."))
    if not changed:
        return user
    details = {"changed": changed}
    if "role" in changed:
        details["role"] = [str(user.role), str(role)]
        end_sessions(user)
    for field in changed:
        setattr(user, field, new[field])
    db.session.flush()
    audit.record(actor, "user.update", user, details)
    return user
