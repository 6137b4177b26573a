"""'You said, we did': actions of a round, shown to the learners it asked, newest first, news once."""

import pytest

from app.core.errors import Invalid
from courses.feedback_actions import actions_for, add_action, mark_all_seen, remove_action, take_news
from tests.course_factory import step


def test_actions_reach_the_learners_the_round_asked(world, make_round):
    """A round for Ryhmä A tells its actions to Ryhmä A's learners only, newest first."""
    found = make_round(groups=[world.group])
    first = add_action(world.admin, found.id, you_said="Liian pitkä", we_did="Lyhensimme")
    second = add_action(world.admin, found.id, you_said="Kuvat puuttuvat", we_did="Lisäsimme kuvia",
                        step_id=step("K-M1-L2").id)
    assert actions_for(world.learner) == [second, first]
    assert second.module.code == "K-M1"
    assert actions_for(world.stranger) == []


def test_the_notice_of_a_new_action_appears_once(world, make_round):
    """The first look gives the new actions; the next gives none until another is published."""
    found = make_round()
    action = add_action(world.admin, found.id, you_said="A", we_did="B")
    assert take_news(world.learner) == [action]
    assert take_news(world.learner) == []
    newer = add_action(world.admin, found.id, you_said="C", we_did="D")
    mark_all_seen(world.learner2, actions_for(world.learner2))
    assert take_news(world.learner2) == []
    assert take_news(world.learner) == [newer]


def test_an_action_needs_both_texts_an_opened_round_and_its_own_course(world, make_round):
    """Empty texts, a draft round or a lesson of another course are refused; removing works."""
    found = make_round()
    with pytest.raises(Invalid):
        add_action(world.admin, found.id, you_said=" ", we_did="B")
    with pytest.raises(Invalid):
        add_action(world.admin, make_round(opened=False).id, you_said="A", we_did="B")
    with pytest.raises(Invalid):
        add_action(world.admin, found.id, you_said="A", we_did="B", module_id=99999)
    action = add_action(world.admin, found.id, you_said="A", we_did="B")
    remove_action(world.admin, found.id, action.id)
    assert actions_for(world.learner) == []
