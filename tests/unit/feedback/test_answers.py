"""Answering: only the audience, only inside the dates, required questions, once; named answers change until close."""

from datetime import timedelta

import pytest

from app.core.db import db
from app.core.errors import Invalid, NotFound
from courses.feedback import answers as answers_module
from courses.feedback import rounds
from courses.feedback.answers import answers_of, find_response, save_answers, send
from courses.feedback.models import FeedbackParticipation, FeedbackPending, FeedbackResponse
from tests.feedback_factory import answer


def ids(found):
    return {q.position: q.id for q in found.questions}


def test_a_learner_saves_part_then_finishes_and_sends(world, make_round):
    """Answers are saved question by question, kept with the key, and count only when sent."""
    found = make_round()
    q = ids(found)
    _response, key = save_answers(world.learner, found.id, {q[1]: ["5"]})
    response, same_key = save_answers(world.learner, found.id, {q[4]: ["Hyvä"]}, key)
    assert same_key == key and answers_of(response) == {q[1]: 5, q[4]: "Hyvä"}
    assert not response.sent and FeedbackParticipation.query.count() == 0
    assert send(world.learner, found.id, key).sent and rounds.has_answered(world.learner, found)
    assert find_response(world.learner, found, key) is None  # sent: not even the key finds it


def test_required_questions_must_be_answered_before_sending(world, make_round):
    """Sending without the required scale answer is refused and names the question."""
    found = make_round()
    q = ids(found)
    _response, key = save_answers(world.learner, found.id, {q[4]: ["Vain kommentti"]})
    with pytest.raises(Invalid) as refused:
        send(world.learner, found.id, key)
    assert refused.value.params == {"numbers": "1"}
    with pytest.raises(Invalid):
        send(world.learner2, found.id)


def test_a_sent_answer_cannot_lose_a_required_answer(world, make_round):
    """Changing sent answers keeps the required ones."""
    found = make_round(anonymous=False)
    answer(world.learner, found)
    with pytest.raises(Invalid):
        save_answers(world.learner, found.id, {ids(found)[1]: [""]})


def test_answers_only_inside_the_dates(world, make_round):
    """Before the first day, after the last day, and after closing no answer is taken."""
    found = make_round(days=(1, 7))
    q = ids(found)
    with pytest.raises(Invalid):
        save_answers(world.learner, found.id, {q[1]: ["3"]})
    with pytest.raises(Invalid):
        save_answers(world.learner, found.id, {q[1]: ["3"]}, on=rounds.today() + timedelta(days=8))
    assert save_answers(world.learner, found.id, {q[1]: ["3"]}, on=rounds.today() + timedelta(days=1))
    other = make_round()
    rounds.close_round(world.admin, other.id)
    with pytest.raises(Invalid):
        save_answers(world.learner, other.id, {ids(other)[1]: ["3"]})


def test_only_the_audience_can_see_or_answer(world, make_round):
    """A round for Ryhmä A is 'not found' for a learner of Ryhmä B, and drafts for everyone."""
    found = make_round(groups=[world.group])
    with pytest.raises(NotFound):
        save_answers(world.stranger, found.id, {ids(found)[1]: ["3"]})
    with pytest.raises(NotFound):
        rounds.round_for_learner(world.stranger, found.id)
    draft = make_round(opened=False)
    with pytest.raises(NotFound):
        rounds.round_for_learner(world.learner, draft.id)
    assert [r.id for r, _ in rounds.rounds_for(world.learner)] == [found.id]
    assert rounds.rounds_for(world.stranger) == []


def test_bad_values_are_refused(world, make_round):
    """A scale of 6, an option that does not exist or two answers to a single choice are refused."""
    found = make_round()
    q = ids(found)
    for raw in ({q[1]: ["6"]}, {q[2]: ["7"]}, {q[2]: ["0", "1"]}, {q[3]: ["x"]}, {q[4]: ["x" * 2001]}):
        with pytest.raises(Invalid):
            save_answers(world.learner, found.id, raw)


def test_an_anonymous_answer_is_sent_once(world, make_round):
    """Without the key (signed out) the answers cannot be found, and a second set is refused."""
    found = make_round()
    answer(world.learner, found)
    with pytest.raises(Invalid):
        save_answers(world.learner, found.id, {ids(found)[1]: ["1"]}, key=None)
    assert FeedbackPending.query.count() == 1


def test_an_anonymous_answer_cannot_change_once_sent(world, make_round):
    """A draft changes with its key; once sent, the key finds nothing and a new set is refused."""
    found = make_round()
    _draft, key = save_answers(world.learner, found.id, {ids(found)[1]: ["2"]})
    draft, _same = save_answers(world.learner, found.id, {ids(found)[1]: ["1"]}, key)
    assert answers_of(draft)[ids(found)[1]] == 1
    assert find_response(world.learner2, found, "wrong-key") is None
    send(world.learner, found.id, key)
    with pytest.raises(Invalid):
        save_answers(world.learner, found.id, {ids(found)[1]: ["2"]}, key)


def test_a_named_answer_can_change_until_the_round_closes(world, make_round):
    """A named round finds the learner's answers by who they are, on any device."""
    found = make_round(anonymous=False)
    response, key = answer(world.learner, found)
    assert key is None and response.learner_id == world.learner.id
    save_answers(world.learner, found.id, {ids(found)[2]: ["2"]})
    db.session.commit()
    assert answers_of(find_response(world.learner, found, None))[ids(found)[2]] == 2
    assert FeedbackResponse.query.count() == 1


def test_rounds_show_on_the_target_module_only(world, course, make_round):
    """A round about module 1 shows there; a round about the whole course shows on every module."""
    module = course.modules[0]
    about_module = make_round(modules=[module])
    about_course = make_round(title="Koko kurssi")
    shown = {r.id for r, _ in rounds.rounds_for(world.learner, module=module)}
    assert shown == {about_module.id, about_course.id}
    answer(world.learner, about_module)
    answered = {r.id: done for r, done in rounds.rounds_for(world.learner)}
    assert answered == {about_module.id: True, about_course.id: False}


def test_a_send_racing_another_browsers_send_is_told_it_is_already_answered(world, make_round, monkeypatch):
    """When the other browser's participation lands between the check and the insert, the answer is a clear refusal."""
    found = make_round()
    _draft, first_key = save_answers(world.learner, found.id, {ids(found)[1]: ["3"]})
    _draft, second_key = save_answers(world.learner, found.id, {ids(found)[1]: ["4"]})
    db.session.commit()
    send(world.learner, found.id, first_key)
    db.session.commit()
    monkeypatch.setattr(answers_module, "has_answered", lambda learner, found: False)
    with pytest.raises(Invalid) as refused:
        send(world.learner, found.id, second_key)
    assert refused.value.message == "You have already sent your answers to this round."
    db.session.rollback()
    assert FeedbackParticipation.query.count() == 1
