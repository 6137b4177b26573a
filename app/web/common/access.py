"""Access is decided once per blueprint, before any view runs, so no route can forget it."""

from flask import abort, redirect, request, url_for
from flask_login import current_user

PUBLIC = "public"
SIGNED_IN = "signed-in"


CONTENT_EDITOR = "content-editor"


def require_roles(bp, *roles: str) -> None:
    """Every route of `bp` needs a signed-in user with one of `roles` (or any role for SIGNED_IN)."""
    bp.audience = roles
    _admit(bp, lambda user: SIGNED_IN in roles or user.role in roles)


def require_content_editor(bp) -> None:
    """Every route of `bp` needs an admin, or a coach whom an admin has made a content editor."""
    bp.audience = ("admin", CONTENT_EDITOR)
    _admit(bp, lambda user: user.may_edit_content)


def _admit(bp, allowed) -> None:
    @bp.before_request
    def _check_role():
        user = current_user._get_current_object()
        if not user.is_authenticated:
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        if user.must_set_password and request.endpoint != "auth.set_password":
            return redirect(url_for("auth.set_password"))
        if not allowed(user):
            abort(403)
        return None


def public(bp) -> None:
    """Mark `bp` as open to everyone; object-level rules still apply inside its views."""
    bp.audience = (PUBLIC,)


def home_endpoint(user) -> str:
    """Where a signed-in user starts."""
    if user.must_set_password:
        return "auth.set_password"
    return {"learner": "learner.my_path", "coach": "coach.home", "admin": "staff.home"}[user.role]
