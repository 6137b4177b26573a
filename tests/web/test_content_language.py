"""Every text of a learner's page comes from one language version, with a note where only Finnish exists."""

from pathlib import Path

import pytest

from app.core.db import db
from courses.content_import import import_content
from courses.models import Module, Step
from tests.course_factory import make_course


@pytest.fixture
def english_learner(world):
    world.learner.language = "en"
    db.session.commit()
    return world.learner


@pytest.fixture
def module_in_english(app):
    course = make_course()
    module = db.session.scalar(db.select(Module).where(Module.code == "K-M1"))
    module.intro_html = "<p>Suomenkielinen johdanto</p>"
    module.variants = {"en": {"title": "Module in English", "intro_html": "<p>English introduction</p>"}}
    lesson = db.session.scalar(db.select(Step).where(Step.code == "K-M1-L2"))
    lesson.variants = {"en": {"title": "Lesson in English", "body_html": "<p>English lesson</p>"}}
    db.session.commit()
    return course


def test_module_page_takes_title_and_description_from_the_same_version(english_learner, as_user, module_in_english):
    """In English the module page shows the English title and description, not the Finnish one."""
    page = as_user(english_learner).get("/learn/modules/K-M1").get_data(as_text=True)
    assert '<h1 lang="en">Module in English</h1>' in page
    assert "English introduction" in page and "Suomenkielinen johdanto" not in page
    assert "only in Finnish" not in page


def test_finnish_only_content_says_so(english_learner, as_user, module_in_english):
    """A step and a course without an English version are shown in Finnish with a visible note."""
    client = as_user(english_learner)
    finnish_only = client.get("/learn/steps/K-M1-L1").get_data(as_text=True)
    assert "This text is only in Finnish for now." in finnish_only
    translated = client.get("/learn/steps/K-M1-L2").get_data(as_text=True)
    assert "only in Finnish" not in translated and "Module in English" in translated
    my_path = client.get("/learn/").get_data(as_text=True)
    assert "Module in English" in my_path and "Moduuli 1" not in my_path
    assert '<h2 id="course-' in my_path and "This text is only in Finnish for now." in my_path


def test_finnish_pages_have_no_note(world, as_user, module_in_english):
    """Finnish pages never carry the note."""
    world.learner.language = "fi"
    db.session.commit()
    client = as_user(world.learner)
    for path in ("/learn/", "/learn/modules/K-M1", "/learn/steps/K-M1-L1"):
        assert "only-finnish" not in client.get(path).get_data(as_text=True), path


def test_module_six_reads_in_english(app, english_learner, as_user):
    """The real module 6 in English shows the description of module.en.md, not the Finnish one."""
    import_content(Path(app.config["CONTENT_DIR"]))
    db.session.commit()
    page = as_user(english_learner).get("/learn/modules/TET-M6").get_data(as_text=True)
    assert "Digital skills for job seeking" in page and "When you look for work" in page
    assert "Työnhaussa tarvitaan" not in page
