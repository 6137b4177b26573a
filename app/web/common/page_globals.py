"""The template callables that every page calls several times, remembered between requests.

Profiles of issue 7 showed a signed-in page spending a fifth of its time in its frame (`base.html`),
most of it building the same nine links and signing the same CSRF token again for every request.
"""

import time

from flask import current_app, g, has_request_context, request, session
from flask.templating import Environment
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

_LIMIT = 20_000
_FIELD = Markup('<input type="hidden" name="csrf_token" value="%s">')


class PageEnvironment(Environment):
    """Flask's Jinja environment, giving each template its globals as one plain dict. Jinja's default,
    a ChainMap over the environment's globals, is copied key by key into every render's context and
    compared key by key on every macro import: about a twentieth of a page (issue 7's profiles). The
    globals are all set while the app is built, before any template loads, as Jinja asks anyway.
    """

    def make_globals(self, d):
        return {**self.globals, **(d or {})}


def init_app(app) -> None:
    urls: dict[tuple, str] = {}
    signed: dict[tuple, tuple[str, float]] = {}
    reuse_seconds = app.config.get("CSRF_TOKEN_REUSE_SECONDS", 300)

    def url_for(endpoint: str, **values) -> str:
        """Flask's url_for, remembered for links within the site. A relative link depends only on the
        endpoint, its values and the mount point: this app matches no hosts or subdomains, and its only
        URL default (a static file's digest, `static_files.py`) depends on the filename alone.
        External, anchored or method-specific links are built each time.
        """
        if not has_request_context():
            return current_app.url_for(endpoint, **values)
        environ = request.environ
        key = (endpoint, environ.get("SCRIPT_NAME", ""),
               request.blueprint if endpoint[:1] == "." else None)
        if values:
            for name in values:
                if name[:1] == "_":
                    return current_app.url_for(endpoint, **values)
            key += tuple((name, type(value), value) for name, value in values.items())
        try:
            return urls[key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key
            return current_app.url_for(endpoint, **values)
        if len(urls) > _LIMIT:
            urls.clear()
        urls[key] = found = current_app.url_for(endpoint, **values)
        return found

    def csrf_token() -> str:
        """Flask-WTF's token, signed again only every few minutes for the same session: the signature
        carries its time, so a token is valid for WTF_CSRF_TIME_LIMIT less at most reuse_seconds.
        """
        token = g.get("csrf_token")
        if token:
            return token
        raw = session.get("csrf_token")
        if raw:
            key = (current_app.secret_key, raw)
            found = signed.get(key)
            if found and time.monotonic() - found[1] < reuse_seconds:
                g.csrf_token = found[0]
                return found[0]
        token = generate_csrf()
        if len(signed) > _LIMIT:
            signed.clear()
        signed[(current_app.secret_key, session["csrf_token"])] = (token, time.monotonic())
        return token

    def csrf_field() -> Markup:
        """The hidden CSRF input of every form on the site: the same token that each FlaskForm's own
        csrf_token field renders, without building a form and its widget for it (a twentieth of a
        lesson page), and without that field's id, which repeated itself on pages with several forms.
        """
        return _FIELD % csrf_token()

    app.jinja_env.globals.update(url_for=url_for, csrf_token=csrf_token, csrf_field=csrf_field)

    @app.context_processor
    def _csrf_token():
        # Flask-WTF puts its own csrf_token in every page's context, ahead of the globals: replace it.
        return {"csrf_token": csrf_token}
