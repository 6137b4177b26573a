"""The learner's own pages."""

from flask import Blueprint, render_template
from flask_login import current_user

from app.web.common.access import require_roles

bp = Blueprint("learner", __name__)
require_roles(bp, "learner")


@bp.get("/")
def my_path():
    return render_template("learner/my_path.html", groups=current_user.groups)
