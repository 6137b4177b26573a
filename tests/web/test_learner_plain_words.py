"""Learner pages use plain words and teach a term in brackets instead of showing bare jargon."""

import re

import pytest

from tests.competence_factory import make_framework


@pytest.fixture
def framework(app):
    return make_framework()


def test_my_skills_has_no_bare_osp_or_whole_unit_jargon(world, framework, as_user):
    """My skills writes 'osaamispistettä (osp)' and offers 'Osaan jo kaiken tässä osassa'."""
    page = as_user(world.learner).get("/learn/skills").get_data(as_text=True)
    assert "osaamispistettä (osp)" in page
    assert not re.search(r"\d osp\b", page)
    assert "Osaan jo koko tutkinnon osan" not in page and "Osaan jo kaiken tässä osassa" in page


def test_english_my_skills_names_competence_points(world, framework, as_user):
    """In English the points read 'competence points (osp)', never a bare 'osp'."""
    page = as_user(world.learner).get("/learn/skills", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "competence points (osp)" in page and not re.search(r"\d osp\b", page)
    assert "I already know everything in this part" in page
