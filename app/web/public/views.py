"""Pages for everyone: the landing page, language choice, health check, accessibility statement."""

import mimetypes
from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_login import current_user
from sqlalchemy import text

from app.core.accounts import service as accounts
from app.core.db import db
from app.core.i18n import LANGUAGES
from app.web.common.access import home_endpoint
from app.web.common.safety import safe_next
from app.web.public import bp
from courses.authoring.published import published_file


@bp.get("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for(home_endpoint(current_user)))
    return render_template("public/index.html")


@bp.post("/language")
def set_language():
    language = request.form.get("lang", "")
    if language in LANGUAGES:
        session["lang"] = language
        if current_user.is_authenticated:
            accounts.set_language(current_user, language)
    return redirect(safe_next(request.form.get("next")) or url_for("public.index"))


@bp.get("/accessibility")
def accessibility():
    return render_template("public/accessibility.html")


MEDIA_TYPES = {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"}


@bp.get("/content-media/<path:path>")
def content_media(path):
    """Pictures of the course content (not personal data), only image files inside content/courses."""
    if Path(path).suffix.lower() not in MEDIA_TYPES:
        abort(404)
    # The published source in the database holds pictures added in the browser; content/ the rest.
    data = published_file(f"courses/{path}")
    if data is not None:
        response = Response(data, mimetype=mimetypes.guess_type(path)[0] or "application/octet-stream")
        response.cache_control.max_age = 3600
    else:
        response = send_from_directory(Path(current_app.config["CONTENT_DIR"]) / "courses", path, max_age=3600)
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means the database cannot serve
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok")

