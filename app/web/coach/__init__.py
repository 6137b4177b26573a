"""The coach's pages: groups, learners, reviews, competence and certificates. Admins may use them for
every group.
"""

from flask import Blueprint

from app.web.common.access import require_roles

bp = Blueprint("coach", __name__)
require_roles(bp, "coach", "admin")

# The route modules register their views on bp, so they are imported once it exists.
from app.web.coach import attendance, certificates, competence, exports, groups, meetings, notifications, plans, views
