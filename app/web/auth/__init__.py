"""Signing in with a password or a one-time code, choosing a password, signing out."""

from flask import Blueprint

from app.web.common.access import public

bp = Blueprint("auth", __name__)
public(bp)

# The route modules register their views on bp, so they are imported once it exists.
from app.web.auth import views
