"""Figures of the service for staff (every group) and coaches (their own groups): /staff/figures."""

from flask import Blueprint

from app.web.common.access import require_roles

bp = Blueprint("figures", __name__)
require_roles(bp, "coach", "admin")

# The route modules register their views on bp, so they are imported once it exists.
from app.web.figures import views
