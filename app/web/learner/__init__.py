"""The learner's own pages: My path, modules, lessons and activities, My skills, My certificates and
feedback rounds.
"""

from flask import Blueprint

from app.web.common.access import require_roles

bp = Blueprint("learner", __name__)
require_roles(bp, "learner")

# The route modules register their views on bp, so they are imported once it exists.
from app.web.learner import (
                             certificates,
                             check_in,
                             export_consent,
                             feedback,
                             language,
                             notifications,
                             plan,
                             skills,
                             views,
)
