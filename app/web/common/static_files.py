"""Static files carry their content's digest in the URL, and browsers keep them for a year.

Every page links verstas.css. Without this, a browser asked on every page whether the stylesheet had
changed: one more round trip before the page could be drawn, which is long on an old phone's mobile
connection. A changed file gets a new URL, so nobody keeps an old copy.
"""

import hashlib
from pathlib import Path

from flask import request

YEAR = 365 * 24 * 3600


def init_app(app) -> None:
    folder = Path(app.static_folder).resolve()
    digests: dict[str, str] = {}

    def digest(filename: str) -> str | None:
        """The first 12 hex digits of the file's SHA-256, remembered per process (not in debug mode,
        where files change under a running server); None for anything that is not a static file.
        """
        found = digests.get(filename)
        if found:
            return found
        path = (folder / filename).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            return None  # not remembered: only real files fill the memo
        found = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        if not app.debug:
            digests[filename] = found
        return found

    @app.url_defaults
    def _versioned(endpoint, values):
        if endpoint == "static" and "v" not in values:
            found = digest(values.get("filename", ""))
            if found:
                values["v"] = found

    @app.after_request
    def _kept_for_a_year(response):
        if (request.endpoint == "static" and response.status_code in (200, 304)
                and request.args.get("v") == digest(request.view_args.get("filename", ""))):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        return response
