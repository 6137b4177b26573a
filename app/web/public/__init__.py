"""Pages for everyone: the landing page, language choice, health check, accessibility statement and
certificate verification.
"""

from flask import Blueprint

from app.web.common.access import public

bp = Blueprint("public", __name__)
public(bp)

# The route modules register their views on bp, so they are imported once it exists.
from app.web.public import achievements, health, verify, views
