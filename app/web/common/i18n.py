"""Which language a page is in: the user's choice, else the browser's, else Finnish.

Flask-Babel translates (`gettext` in Python; Jinja's i18n extension with new-style gettext in the
templates, installed by `babel.init_app`) and formats dates in Helsinki time.
"""

from babel import dates
from flask import request, session
from flask_babel import get_locale, get_timezone
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES


def select_locale() -> str:
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def select_timezone() -> str:
    return "Europe/Helsinki"


ROLE_NAMES = {"learner": _l("Learner"), "coach": _l("Coach"), "admin": _l("Admin (staff)")}


def page_language() -> str:
    """The page's language code."""
    return str(get_locale() or DEFAULT_LANGUAGE)


def localized(names: dict | str | None) -> str:
    """A name from content ({"fi": ..., "en": ...}) in the page's language, else Finnish; text that is
    already one string (a stored certificate's) is shown as it is. The templates' `localized` filter.
    """
    if isinstance(names, str):
        return names
    names = names or {}
    return names.get(page_language()) or names.get(DEFAULT_LANGUAGE) or next(iter(names.values()), "")


def short_datetimes():
    """A function that formats a datetime as the `datetimeformat('short')` filter does, with the page's
    locale and time zone looked up once: for lists that show many times. The templates' global.
    """
    locale, zone = get_locale(), get_timezone()
    return lambda value: dates.format_datetime(value, "short", tzinfo=zone, locale=locale)


def init_app(app) -> None:
    app.jinja_env.filters["localized"] = localized
    app.jinja_env.globals["short_datetimes"] = short_datetimes

    @app.context_processor
    def _languages():
        return {"languages": LANGUAGES, "current_language": page_language()}

    @app.template_global()
    def role_name(role: str) -> str:
        return str(ROLE_NAMES.get(role, role))
