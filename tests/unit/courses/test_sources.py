"""A step's sources: checked in the front matter, stored with the step, shown at its foot."""

from sqlalchemy import select

from app.core.db import db
from courses.content_import import import_content
from courses.models import Step

LESSON = "courses/demo/01-alku/01-eka.md"
SOURCES = """sources:
  - url: https://www.finlex.fi/fi/laki/ajantasa/2001/20010055
    title: Työsopimuslaki 55/2001
    checked: 2026-12-07
"""


def test_sources_are_accepted_and_stored(app, content):
    """Valid sources pass the check and are stored with the lesson, the date as YYYY-MM-DD."""
    content.replace(LESSON, "minutes: 5\n", "minutes: 5\n" + SOURCES)
    assert content.problems() == []
    import_content(content.root)
    step = db.session.scalar(select(Step).where(Step.code == "DEMO-M1-L1"))
    assert step.settings["sources"] == [{"url": "https://www.finlex.fi/fi/laki/ajantasa/2001/20010055",
                                         "title": "Työsopimuslaki 55/2001", "checked": "2026-12-07"}]


def test_a_source_needs_a_web_address_a_title_and_a_date(content):
    """A source without an https address, a title or a real date is a problem at its line."""
    content.replace(LESSON, "minutes: 5\n", "minutes: 5\nsources:\n  - url: finlex\n    checked: 7.12.2026\n")
    at = content.at(LESSON, "url: finlex")
    assert content.problems() == [
        f"{at}: source 1: checked is the date it was read, YYYY-MM-DD",
        f"{at}: source 1: missing title",
        f"{at}: source 1: url is a web address (https://...)",
    ]


def test_sources_is_a_list(content):
    """A single address instead of a list is refused."""
    content.replace(LESSON, "minutes: 5\n", "minutes: 5\nsources: https://finlex.fi\n")
    assert content.problems() == [f"{content.at(LESSON, 'sources:')}: sources is a list of {{url, title, checked}}"]
