"""One place turns errors into translated pages: HTTP errors, expired forms, domain errors."""

from datetime import UTC, datetime

from flask import render_template, request
from flask_babel import format_time, gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from app.core.db import db
from app.core.errors import DomainError


def _retry_at() -> str | None:
    from app.extensions import limiter

    current = limiter.current_limit
    if current is None:
        return None
    return format_time(datetime.fromtimestamp(current.reset_at, UTC), "short")


def register_error_handlers(app) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(error):
        db.session.rollback()
        message = gettext(error.message, **error.params)
        return render_template("errors/error.html", status=error.status, message=message), error.status

    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return render_template("errors/expired_form.html", back=request.referrer), 400

    @app.errorhandler(429)
    def _too_many(error):
        return render_template("errors/too_many.html", retry_at=_retry_at()), 429

    @app.errorhandler(SecurityError)
    def _untrusted_host(error):
        # The request named a host this app does not answer to: no page, no links built from that host.
        return gettext("Bad request."), 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(HTTPException)
    def _http_error(error):
        return render_template("errors/error.html", status=error.code, message=None), error.code

    @app.errorhandler(500)
    def _server_error(error):
        db.session.rollback()
        return render_template("errors/error.html", status=500, message=None), 500
