"""Content HTML as shown: placeholders filled from the configuration, sources ready for the page."""

import datetime

from flask import current_app
from markupsafe import Markup

from courses.content_import.markdown import fill_placeholders


def shown_html(stored_html: str, language: str | None) -> Markup:
    """Stored (already sanitised) content HTML with `{{ organiser }}` in the language shown."""
    names = current_app.config["SERVICE_ORGANISER"]
    organiser = names.get(language or "fi") or names["fi"]
    return Markup(fill_placeholders(stored_html, {"organiser": organiser}))  # noqa: S704 - sanitised on import, values escaped


def sources_of(settings: dict) -> list[dict]:
    """A step's sources with the date checked as a date, for the foot of the page."""
    return [{**source, "checked": datetime.date.fromisoformat(source["checked"])}
            for source in settings.get("sources") or []]
