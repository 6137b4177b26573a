"""'You said, we did': actions of a round, shown to the learners it asked, newest first, news once."""

import pytest

from app.core.errors import Invalid
from courses.feedback.actions import actions_for, add_action, mark_all_seen, remove_action, take_news
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


def test_being_told_of_no_actions_writes_nothing(world):
    """Reading 'You said, we did' with no actions stores no 'seen' mark: there was nothing to tell."""
    from app.core.db import db
    from courses.feedback.models import FeedbackNewsSeen

    mark_all_seen(world.learner, [])
    assert db.session.get(FeedbackNewsSeen, world.learner.id) is None
    assert not db.session.new

def test_my_path_gets_the_news_and_the_open_rounds_in_one_query(app, world, make_round):
    """for_my_path tells whether take_news has news and gives what rounds_for gives (rounds closing first
    first, answered or not), tells the news only once, and asks one query when there is neither."""
    from sqlalchemy import event

    from app.core.db import db
    from courses.feedback import rounds
    from courses.feedback.actions import for_my_path
    from tests.feedback_factory import answer

    statements, _loaded = [], world.learner.id

    def count(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert for_my_path(world.learner) == (False, [])
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1, statements

    later = make_round(title="Myöhemmin", days=(-1, 9))
    sooner = make_round(title="Pian", days=(-2, 3))
    for_group_b = make_round(title="Ryhmä B", groups=[world.stranger.groups[0]])
    answer(world.learner, later)
    add_action(world.admin, later.id, you_said="A", we_did="B")
    db.session.commit()
    expected_rounds = rounds.rounds_for(world.learner)
    assert [(r.id, done) for r, done in expected_rounds] == [(sooner.id, False), (later.id, True)]
    assert for_my_path(world.learner2) == (True, [(sooner, False), (later, False)])
    assert for_my_path(world.learner) == (True, expected_rounds)
    assert for_my_path(world.learner) == (False, expected_rounds)
    assert for_group_b.id in {r.id for r, _ in for_my_path(world.stranger)[1]}

    past = make_round(title="Suljettu")
    rounds.close_round(world.admin, past.id)
    add_action(world.admin, past.id, you_said="C", we_did="D")
    db.session.commit()
    assert for_my_path(world.learner) == (True, expected_rounds)
    assert take_news(world.learner) == []
