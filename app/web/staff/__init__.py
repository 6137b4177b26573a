"""The admin's pages: everyone's accounts and the feedback rounds."""

from flask import Blueprint

from app.web.common.access import require_roles

bp = Blueprint("staff", __name__)
require_roles(bp, "admin")

# The route modules register their views on bp, so they are imported once it exists.
from app.web.staff import content_editors, feedback, feedback_results, imports, privacy, views
