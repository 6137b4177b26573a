"""Access is decided once per blueprint, before any view runs, so no route can forget it."""

from flask import abort, redirect, request, url_for
from flask_login import current_user

PUBLIC = "public"
SIGNED_IN = "signed-in"


def require_roles(bp, *roles: str) -> None:
    """Every route of `bp` needs a signed-in user with one of `roles` (or any role for SIGNED_IN)."""
    bp.audience = roles

    @bp.before_request
    def _check_role():
        user = current_user._get_current_object()
        if not user.is_authenticated:
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        if user.must_set_password and request.endpoint != "auth.set_password":
            return redirect(url_for("auth.set_password"))
        if SIGNED_IN not in roles and user.role not in roles:
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
