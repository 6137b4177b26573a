"""What a lesson page adds to its stored text: the configured organiser and its sources."""

from app.core.db import db
from tests.conftest import post_form
from tests.course_factory import make_course, step

SOURCE = {"url": "https://www.finlex.fi/fi/laki/ajantasa/2001/20010055", "title": "Työsopimuslaki 55/2001",
          "checked": "2026-12-07"}


def _lesson_with_organiser():
    make_course()
    lesson = step("K-M1-L1")
    lesson.body_html = "<p>Sosiaalipalvelut järjestää {{ organiser }}.</p>"
    lesson.variants = {"sv": {"title": "Lektion", "body_html": "<p>Tjänsterna ordnas av {{organiser}}.</p>"}}
    lesson.settings = {"sources": [SOURCE]}
    db.session.commit()


def test_the_organiser_comes_from_configuration_in_the_language_shown(world, as_user, app):
    """{{ organiser }} shows the configured name, in Swedish on the Swedish version, escaped."""
    _lesson_with_organiser()
    app.config["SERVICE_ORGANISER"] = {"fi": "Esimerkin <kaupunki>", "sv": "Exempel stad", "en": "Example"}
    client = as_user(world.learner)
    page = client.get("/learn/steps/K-M1-L1").get_data(as_text=True)
    assert "Sosiaalipalvelut järjestää Esimerkin &lt;kaupunki&gt;." in page
    assert "{{" not in page
    post_form(client, "/language", {"lang": "sv", "next": "/learn/"}, token_from="/learn/")
    assert "Tjänsterna ordnas av Exempel stad." in client.get("/learn/steps/K-M1-L1").get_data(as_text=True)


def test_the_default_organiser_is_the_city_of_helsinki(world, as_user):
    """Without configuration the city of Helsinki, which runs its own social services, is named."""
    _lesson_with_organiser()
    page = as_user(world.learner).get("/learn/steps/K-M1-L1").get_data(as_text=True)
    assert "Sosiaalipalvelut järjestää Helsingin kaupunki." in page


def test_sources_are_listed_at_the_foot_of_the_lesson(world, as_user):
    """A lesson's sources are linked under "Lähteet" with the date they were checked."""
    _lesson_with_organiser()
    page = as_user(world.learner).get("/learn/steps/K-M1-L1").get_data(as_text=True)
    assert "<h2 id=\"sources-title\">Lähteet</h2>" in page
    assert f'<a href="{SOURCE["url"]}" rel="noopener noreferrer">Työsopimuslaki 55/2001</a>' in page
    assert "tarkistettu 7.12.2026" in page


def test_the_breadcrumb_names_the_module_in_the_language_shown(world, as_user):
    """A lesson's way back to its module reads in the learner's language when the module has it."""
    make_course()
    lesson = step("K-M1-L2")
    lesson.module.variants = {"en": {"title": "Module in English", "intro_html": "<p>Intro</p>"}}
    db.session.commit()
    client = as_user(world.learner)
    post_form(client, "/language", {"lang": "en", "next": "/learn/"}, token_from="/learn/")
    page = client.get("/learn/steps/K-M1-L2").get_data(as_text=True)
    assert 'href="/learn/modules/K-M1">Module in English</a>' in page
