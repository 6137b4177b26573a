"""What a round's intro promises about changing answers agrees with what happens after sending."""

from app.core.db import db
from tests.course_factory import make_course
from tests.feedback_factory import make_round


def intro(world, as_user, anonymous):
    world.learner.language = "en"
    db.session.commit()
    found = make_round(world.admin, make_course(), anonymous=anonymous)
    return as_user(world.learner).get(f"/learn/feedback/{found.id}").get_data(as_text=True)


def test_anonymous_intro_says_answers_cannot_change_after_sending(world, as_user):
    """An anonymous round never promises changes until the round ends: sent answers are out of reach."""
    page = intro(world, as_user, anonymous=True)
    assert "You cannot change your answers after sending them" in page
    assert "until the round ends" not in page


def test_named_intro_says_answers_can_change_until_the_round_ends(world, as_user):
    """A named round says the learner can change their answers until the round ends."""
    page = intro(world, as_user, anonymous=False)
    assert "change your answers until the round ends" in page
    assert "cannot change" not in page
