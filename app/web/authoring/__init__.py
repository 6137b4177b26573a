"""Content authoring: admins, and coaches marked as content editors, edit and publish courses.

Its own blueprint rather than part of staff, because content editors are coaches: they reach these
pages and nothing else that staff holds.
"""

from flask import Blueprint

from app.web.common.access import require_content_editor

bp = Blueprint("authoring", __name__)
require_content_editor(bp)

# The route modules register their views on bp, so they are imported once it exists.
from app.web.authoring import pictures, publishing, views
