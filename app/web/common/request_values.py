"""Odd input gets a 4xx, never a 5xx: ids out of the database's range, non-ASCII digits, NUL bytes."""

from flask import render_template, request
from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter

# PostgreSQL's integer; SQLite's is wider, so one limit serves both.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` in a URL: ASCII digits up to MAX_ID, else the route does not match (404)."""

    regex = r"[0-9]+"

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def parse_id(value) -> int | None:
    """A whole number from a query or form value: ASCII digits within MAX_ID, else None."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def form_id(value) -> int:
    """`coerce` for id choices in forms: a ValueError (the field's own error) for anything else."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_ID:
        return value
    number = parse_id(value)
    if number is None:
        raise ValueError(value)
    return number


def _has_nul(values) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values.getlist(key)) for key in values)


def init_app(app) -> None:
    # Before the blueprints add their rules, so that every `<int:...>` uses it.
    app.url_map.converters["int"] = IdConverter

    @app.before_request
    def _refuse_nul():
        # PostgreSQL cannot store a NUL byte in text; refuse it before anything reads it.
        names = [name for file in request.files.values() for name in (file.name, file.filename) if name]
        if "\x00" in request.path or _has_nul(request.args) or _has_nul(request.form) or "\x00" in "".join(names):
            message = _("The address or the form had a character that cannot be used. Go back and remove it.")
            return render_template("errors/error.html", status=400, message=message), 400
        return None
