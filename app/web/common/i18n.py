"""Which language a page is in: the user's choice, else the browser's, else Finnish."""

from babel import Locale
from flask import g, request, session
from flask_babel import format_date, format_datetime, get_locale, get_timezone, get_translations
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup

from app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES

# Parsed once: Flask-Babel parses a code the selector returns on every request, and takes a Locale as it is.
_LOCALES = {code: Locale.parse(code) for code in LANGUAGES}


def select_locale() -> Locale:
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return _LOCALES[current_user.language]
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return _LOCALES[chosen]
    return _LOCALES[request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE]


def select_timezone() -> str:
    return "Europe/Helsinki"


ROLE_NAMES = {"learner": _l("Learner"), "coach": _l("Coach"), "admin": _l("Admin (staff)")}


def _translations():
    """The request's catalogue, looked up once: Flask-Babel's own template callables look it up again
    through several context proxies for each of the 20-40 texts of a page (a tenth of a lesson page's
    time in the profiles). The locale cannot change within a request: Flask-Babel caches it too.
    """
    try:
        return g._translations
    except AttributeError:
        g._translations = found = get_translations()
        return found


def _finish(eval_ctx, text: str, variables: dict):
    # Our own catalogue's text, trusted as Jinja's own wrapper trusts it; the variables are escaped by %.
    text = Markup(text) if eval_ctx.autoescape else text  # noqa: S704
    # Formatting a text without a "%" changes nothing, and Markup's % was a third of each call.
    return text % variables if variables or "%" in text else text


@pass_eval_context
def gettext(eval_ctx, string: str, **variables):
    return _finish(eval_ctx, _translations().ugettext(string), variables)


@pass_eval_context
def ngettext(eval_ctx, singular: str, plural: str, num: int, **variables):
    variables.setdefault("num", num)
    return _finish(eval_ctx, _translations().ungettext(singular, plural, num), variables)


@pass_eval_context
def pgettext(eval_ctx, context: str, string: str, **variables):
    return _finish(eval_ctx, _translations().upgettext(context, string), variables)


@pass_eval_context
def npgettext(eval_ctx, context: str, singular: str, plural: str, num: int, **variables):
    variables.setdefault("num", num)
    return _finish(eval_ctx, _translations().unpgettext(context, singular, plural, num), variables)


def _language() -> str:
    """The page's language code, looked up once per request: `localized` runs for every name on a page."""
    try:
        return g._language
    except AttributeError:
        g._language = found = str(get_locale() or DEFAULT_LANGUAGE)
        return found


def _zone() -> str:
    try:
        return g._zone
    except AttributeError:
        g._zone = found = str(get_timezone())
        return found


_FORMATTED: dict[tuple, str] = {}


def _memo(format_function):
    """Babel's date formatting, remembered per value, format, locale and zone: each call cost about
    40 µs, and the review queue and histories show a dozen dates a page, the same ones again and again.
    """

    def formatted(value, format=None):  # noqa: A002 - Flask-Babel's argument name
        if value is None:  # Babel's "now": never remembered
            return format_function(value, format)
        key = (format_function, value, format, _language(), _zone())
        try:
            return _FORMATTED[key]
        except KeyError:
            if len(_FORMATTED) > 20_000:
                _FORMATTED.clear()
            _FORMATTED[key] = text = format_function(value, format)
            return text

    return formatted


def init_app(app) -> None:
    app.jinja_env.filters.update(datetimeformat=_memo(format_datetime), dateformat=_memo(format_date))
    app.jinja_env.install_gettext_callables(gettext, ngettext, pgettext=pgettext, npgettext=npgettext, newstyle=True)
    # The same new-style semantics as Jinja's wrappers (escaped, always %-formatted), without their
    # three nested context calls per text; `_` is gettext itself rather than an alias that looks it up.
    app.jinja_env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext)

    @app.context_processor
    def _languages():
        return {"languages": LANGUAGES, "current_language": _language()}

    @app.template_global()
    def role_name(role: str) -> str:
        return str(ROLE_NAMES.get(role, role))

    @app.template_filter("localized")
    def localized(names: dict | str | None) -> str:
        """A name from content ({"fi": ..., "en": ...}) in the page's language, else Finnish; text
        that is already one string (a stored certificate's) is shown as it is.
        """
        if isinstance(names, str):
            return names
        names = names or {}
        language = _language()
        return names.get(language) or names.get(DEFAULT_LANGUAGE) or next(iter(names.values()), "")
