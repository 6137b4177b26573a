"""One place turns errors into translated pages: HTTP errors, expired forms, domain errors."""

from datetime import UTC, datetime

from flask import current_app, render_template, request, session
from flask_babel import force_locale, format_time, gettext
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from redis.exceptions import RedisError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, SecurityError

from app.core.db import db
from app.core.errors import DomainError
from app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from app.web.common.request_log import request_id

RETRY_AFTER_SECONDS = 30
# The last resort when even the error template cannot be rendered: plain HTML in the three languages.
STATIC_SERVER_ERROR = """<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><title>Verstas</title></head><body>
<h1>Jokin meni vikaan</h1><p>Yritä hetken kuluttua uudelleen.</p>
<h1 lang="sv">Något gick fel</h1><p lang="sv">Försök igen om en stund.</p>
<h1 lang="en">Something went wrong</h1><p lang="en">Please try again in a moment.</p>
<p>Virhekoodi / Felkod / Error code: <code>%s</code></p>
</body></html>
"""


def _retry_at() -> str | None:
    from app.extensions import limiter

    current = limiter.current_limit
    if current is None:
        return None
    return format_time(datetime.fromtimestamp(current.reset_at, UTC), "short")


def _rollback() -> None:
    try:
        db.session.rollback()
    except DBAPIError:
        current_app.logger.warning("The database could not roll back; the connection is discarded.")


def _language_without_user() -> str:
    """The page's language from the session or the browser: the user's own choice is in the database."""
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def unavailable_page():
    """A translated 503 that asks to retry, rendered without context processors (they load the user)."""
    _rollback()
    language = _language_without_user()
    with force_locale(language):
        html = current_app.jinja_env.get_template("errors/unavailable.html").render(language=language)
    return html, 503, {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


def _page(template: str, code: int, **context):
    """An error page in the site's layout, or the 503 page when the layout cannot load the user."""
    try:
        return render_template(template, **context), code
    except DBAPIError:
        return unavailable_page()


def register_error_handlers(app) -> None:
    @app.errorhandler(DBAPIError)
    def _database_away(error):
        current_app.logger.error("The database is unavailable: %s", error.__class__.__name__, exc_info=error,
                                 extra={"event": "database_unavailable"})
        return unavailable_page()

    @app.errorhandler(RedisError)
    def _limits_away(error):
        # Fail closed: without the shared counts, sign-in and certificate lookups would be unlimited.
        current_app.logger.error("redis_unavailable: rate limits cannot be checked (%s); limited requests answer 503",
                                 error.__class__.__name__, extra={"event": "redis_unavailable"})
        return unavailable_page()

    @app.errorhandler(DomainError)
    def _domain_error(error):
        _rollback()
        message = gettext(error.message, **error.params)
        return _page("errors/error.html", error.status, status=error.status, message=message)

    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return _page("errors/expired_form.html", 400, back=request.referrer)

    @app.errorhandler(429)
    def _too_many(error):
        return _page("errors/too_many.html", 429, retry_at=_retry_at())

    @app.errorhandler(SecurityError)
    def _untrusted_host(error):
        # The request named a host this app does not answer to: no page, no links built from that host.
        return gettext("Bad request."), 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(HTTPException)
    def _http_error(error):
        return _page("errors/error.html", error.code, status=error.code, message=None)

    @app.errorhandler(500)
    def _server_error(error):
        _rollback()
        try:
            return _page("errors/error.html", 500, status=500, message=None)
        except Exception:
            current_app.logger.exception("The error page could not be rendered.")
            page = STATIC_SERVER_ERROR % escape(request_id())
            return page, 500, {"Content-Type": "text/html; charset=utf-8"}
