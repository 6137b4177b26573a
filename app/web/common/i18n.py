"""Which language a page is in: the user's choice, else the browser's, else Finnish."""

from contextvars import ContextVar

from babel import Locale
from flask import has_request_context, request, session
from flask_babel import format_date, format_datetime, get_locale, get_translations
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup

from app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES

# Parsed once: Flask-Babel parses a code the selector returns on every request, and takes a Locale as it is.
_LOCALES = {code: Locale.parse(code) for code in LANGUAGES}


def select_locale() -> Locale:
    user = current_user._get_current_object()  # once: each use of the proxy looks the user up again
    if user and user.is_authenticated and user.language in LANGUAGES:
        return _LOCALES[user.language]
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return _LOCALES[chosen]
    return _LOCALES[request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE]


def select_timezone() -> str:
    return "Europe/Helsinki"


ROLE_NAMES = {"learner": _l("Learner"), "coach": _l("Coach"), "admin": _l("Admin (staff)")}


class _PageLanguage:
    """What a request's templates look up for each of their 20-100 texts and names: the language, its
    catalogue, and its texts already translated (the same for every request in that language).
    """

    __slots__ = ("code", "translations", "texts", "patterns", "zone", "root")

    def __init__(self):
        self.code = str(get_locale() or DEFAULT_LANGUAGE)
        self.translations = get_translations()
        self.texts, self.patterns = _TRANSLATED.setdefault(self.code, ({}, {}))
        self.zone = select_timezone()  # what Flask-Babel's get_timezone() asks, without its pytz lookup
        # Where the app is mounted: the links in a remembered fragment depend on it.
        self.root = request.environ.get("SCRIPT_NAME", "") if has_request_context() else ""


# Per language, each message id's translation as trusted Markup: ready to show (texts), and to fill in
# with values (patterns). The catalogues are read once per process (Flask-Babel caches them too), and
# the ids are the templates' own literals: a bounded set.
_TRANSLATED: dict[str, tuple[dict[str, Markup], dict[str, Markup]]] = {}
_TRANSLATED_LIMIT = 10_000  # reached only if a template passed arbitrary text to _()
# Found once per request, then read with one ContextVar lookup: `g` costs three proxy and context
# lookups per text, a tenth of a page's time in issue 7's profiles. Cleared when the request ends.
_PAGE_LANGUAGE: ContextVar[_PageLanguage | None] = ContextVar("verstas_page_language", default=None)


def _page_language() -> _PageLanguage:
    found = _PAGE_LANGUAGE.get()
    if found is None:
        found = _PageLanguage()
        _PAGE_LANGUAGE.set(found)
    return found


def _forget_page_language(_error=None) -> None:
    _PAGE_LANGUAGE.set(None)


def _finish(eval_ctx, text: str, variables: dict):
    # Our own catalogue's text, trusted as Jinja's own wrapper trusts it; the variables are escaped by %.
    text = Markup(text) if eval_ctx.autoescape else text  # noqa: S704
    # Formatting a text without a "%" changes nothing, and Markup's % was a third of each call.
    return text % variables if variables or "%" in text else text


def _remember(found: dict, string: str, value):
    if len(found) > _TRANSLATED_LIMIT:
        found.clear()
    found[string] = value
    return value


def _pattern(page: _PageLanguage, string: str) -> Markup:
    """The message's translation, to fill in with escaped values by %."""
    try:
        return page.patterns[string]
    except KeyError:
        return _remember(page.patterns, string, Markup(page.translations.ugettext(string)))  # noqa: S704


@pass_eval_context
def gettext(eval_ctx, string: str, **variables):
    if not eval_ctx.autoescape:
        return _finish(eval_ctx, _page_language().translations.ugettext(string), variables)
    page = _page_language()
    if variables:
        return _pattern(page, string) % variables
    try:
        return page.texts[string]
    except KeyError:
        return _remember(page.texts, string, _finish(eval_ctx, page.translations.ugettext(string), variables))


def filled_in(message: str, name: str, values) -> dict:
    """{value: the message in the page's language with `name` filled in by the value}, for a label that a
    page repeats in many places (the overview's points): translated once, as the templates' texts are.
    Mark the message with N_ so that it is extracted.
    """
    pattern = _pattern(_page_language(), message)
    return {value: pattern % {name: value} for value in values}


# Macro outputs by (macro, language, mount point, arguments): see remembered() and remembered_fragment().
_REMEMBERED: dict[tuple, Markup] = {}
_FRAGMENTS: dict[tuple, Markup] = {}
_FRAGMENTS_LIMIT = 2_000  # 4-6 kB each (a card with its key; its symbols make it two bytes a character): ~12 MB


def _recall(found: dict, limit: int, macro, args: tuple):
    page = _page_language()
    key = (getattr(macro, "_func", macro), page.code, page.root, args)
    try:
        return found[key]
    except KeyError:
        pass
    except TypeError:
        return macro(*args)
    if len(found) > limit:
        found.clear()
    found[key] = output = macro(*args)
    return output


def remembered(macro, *args):
    """A macro's output for these arguments in the page's language, rendered once per process. For the
    labels that a page repeats row by row (an objective's state, a grade, a self-assessment): their
    macro calls were a sixth of My skills (issue 7's profiles). Only for macros that depend on nothing
    but their arguments and the language; arguments that cannot be a key are rendered each time.
    """
    return _recall(_REMEMBERED, _TRANSLATED_LIMIT, macro, args)


def forget_fragments() -> None:
    """Drop every kept fragment: the benchmark measures a first visit's cost with it."""
    _FRAGMENTS.clear()


def kept_fragments() -> int:
    return len(_FRAGMENTS)


def remembered_fragment(macro, *args):
    """The same for a larger piece of a page, such as a unit's card on My skills: the argument is a
    plain, hashable value holding everything the macro shows (see app/web/learner/unit_cards.py), so
    two pages that would show the same card share one rendering, and a change to what it shows is a
    new key: there is nothing to invalidate. Kept in a smaller store than the labels.
    """
    return _recall(_FRAGMENTS, _FRAGMENTS_LIMIT, macro, args)


@pass_eval_context
def ngettext(eval_ctx, singular: str, plural: str, num: int, **variables):
    variables.setdefault("num", num)
    return _finish(eval_ctx, _page_language().translations.ungettext(singular, plural, num), variables)


@pass_eval_context
def pgettext(eval_ctx, context: str, string: str, **variables):
    return _finish(eval_ctx, _page_language().translations.upgettext(context, string), variables)


@pass_eval_context
def npgettext(eval_ctx, context: str, singular: str, plural: str, num: int, **variables):
    variables.setdefault("num", num)
    return _finish(eval_ctx, _page_language().translations.unpgettext(context, singular, plural, num), variables)


def _language() -> str:
    """The page's language code: `localized` runs for every name on a page."""
    return _page_language().code


def _zone() -> str:
    return _page_language().zone


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


def localized(names: dict | str | None) -> str:
    """A name from content ({"fi": ..., "en": ...}) in the page's language, else Finnish; text that is
    already one string (a stored certificate's) is shown as it is. The templates' `localized` filter.
    """
    if isinstance(names, str):
        return names
    names = names or {}
    return names.get(_language()) or names.get(DEFAULT_LANGUAGE) or next(iter(names.values()), "")


def init_app(app) -> None:
    app.teardown_request(_forget_page_language)
    app.teardown_appcontext(_forget_page_language)
    app.jinja_env.filters.update(datetimeformat=_memo(format_datetime), dateformat=_memo(format_date))
    app.jinja_env.install_gettext_callables(gettext, ngettext, pgettext=pgettext, npgettext=npgettext, newstyle=True)
    # The same new-style semantics as Jinja's wrappers (escaped, always %-formatted), without their
    # three nested context calls per text; `_` is gettext itself rather than an alias that looks it up.
    app.jinja_env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext,
                                 remembered=remembered, remembered_fragment=remembered_fragment)

    @app.context_processor
    def _languages():
        return {"languages": LANGUAGES, "current_language": _language()}

    @app.template_global()
    def role_name(role: str) -> str:
        return str(ROLE_NAMES.get(role, role))

    app.jinja_env.filters["localized"] = localized
