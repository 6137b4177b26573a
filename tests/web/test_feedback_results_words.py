"""The feedback results page speaks the reader's language: words, numbers and the scale's answers."""

import pytest

from app.core.db import db
from tests.course_factory import make_course
from tests.feedback_factory import answer, make_round


@pytest.fixture
def named_round(world):
    found = make_round(world.admin, make_course(), anonymous=False)
    answer(world.learner, found, {1: ["2"]})
    answer(world.learner2, found, {1: ["4"]})
    return found


def results_in(world, as_user, found, language):
    world.admin.language = language
    db.session.commit()
    return as_user(world.admin).get(f"/staff/feedback/{found.id}/results").get_data(as_text=True)


def test_average_is_written_in_the_page_locale(world, as_user, named_round):
    """The scale's average reads 3,0 in Finnish and Swedish and 3.0 in English."""
    assert "Keskiarvo 3,0" in results_in(world, as_user, named_round, "fi")
    assert "3,0" in results_in(world, as_user, named_round, "sv")
    page = results_in(world, as_user, named_round, "en")
    assert "Average 3.0" in page and "3,0" not in page


def test_results_table_header_is_a_noun_and_scale_words_follow_the_language(world, as_user, named_round):
    """The column is 'Vastaus' (not the verb 'Vastaa'), and scale words change with each page's language."""
    finnish = results_in(world, as_user, named_round, "fi")
    assert '<th scope="col">Vastaus</th>' in finnish and ">Vastaa<" not in finnish
    assert '<th scope="row">Hyvä</th>' in finnish
    english = results_in(world, as_user, named_round, "en")
    assert '<th scope="row">Good</th>' in english and "Hyvä" not in english
    swedish = results_in(world, as_user, named_round, "sv")
    assert '<th scope="row">Bra</th>' in swedish


def test_by_group_explanation_is_plain(world, as_user, make_user):
    """An anonymous round explains the group figures without 'carries the group' jargon."""
    found = make_round(world.admin, make_course())
    page = results_in(world, as_user, found, "en")
    assert "at least five people from that group have answered" in page
    assert "carries its group" not in page
