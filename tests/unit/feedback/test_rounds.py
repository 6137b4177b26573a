"""The life cycle of a round: draft, open, closed, and who may do what with it."""

from datetime import timedelta

import pytest

from app.core.audit import AuditEvent
from app.core.db import db
from app.core.errors import Forbidden, Invalid, NotFound
from courses.feedback import rounds
from courses.feedback.models import RoundStatus
from tests.feedback_factory import QUESTIONS


def test_a_draft_is_edited_then_opened_and_closed(world, make_round):
    """A draft takes questions and changes; opening and closing move it on and are logged."""
    found = make_round(opened=False)
    assert found.status == RoundStatus.DRAFT and len(found.questions) == 4
    question = rounds.add_question(world.admin, found.id, kind="single", text="Extra?", choices=["Yes", "No"])
    rounds.remove_question(world.admin, found.id, question.id)
    assert [q.position for q in found.questions] == [1, 2, 3, 4]
    rounds.open_round(world.admin, found.id)
    assert found.status == RoundStatus.OPEN and found.state(rounds.today()) == "open"
    rounds.close_round(world.admin, found.id)
    assert found.status == RoundStatus.CLOSED and found.state(rounds.today()) == "closed"
    actions = [e.action for e in AuditEvent.query.order_by(AuditEvent.id)]
    assert actions == ["feedback.round.create", "feedback.round.open", "feedback.round.close"]


def test_questions_are_frozen_once_the_round_is_opened(world, make_round):
    """After opening, no question can be added, removed or the settings changed: answers must compare."""
    found = make_round()
    with pytest.raises(Invalid):
        rounds.add_question(world.admin, found.id, kind="text", text="One more?")
    with pytest.raises(Invalid):
        rounds.remove_question(world.admin, found.id, found.questions[0].id)
    with pytest.raises(Invalid):
        rounds.update_round(world.admin, found.id, title="New", purpose="", course_id=found.course_id,
                              module_ids=[], all_learners=True, group_ids=[], opens_on=found.opens_on,
                              closes_on=found.closes_on, anonymous=False)
    db.session.rollback()
    assert len(found.questions) == 4 and found.anonymous


def test_an_open_round_can_run_longer_but_not_into_the_past(world, make_round):
    """Only the last day of an open round may change, and not to a day already gone."""
    found = make_round()
    rounds.change_last_day(world.admin, found.id, rounds.today() + timedelta(days=30))
    assert found.closes_on == rounds.today() + timedelta(days=30)
    with pytest.raises(Invalid):
        rounds.change_last_day(world.admin, found.id, rounds.today() - timedelta(days=1))


def test_a_round_without_questions_or_with_past_dates_does_not_open(world, make_round):
    """Opening needs a question and a last day that has not passed."""
    empty = make_round(questions=[], opened=False)
    with pytest.raises(Invalid):
        rounds.open_round(world.admin, empty.id)
    past = make_round(opened=False, days=(-10, -2))
    with pytest.raises(Invalid):
        rounds.open_round(world.admin, past.id)


def test_settings_are_checked(world, course, make_group):
    """A round needs a title, the course's own modules, an audience and dates in order."""
    today = rounds.today()
    good = {"title": "T", "purpose": "", "course_id": course.id, "module_ids": [], "all_learners": True,
            "group_ids": [], "opens_on": today, "closes_on": today, "anonymous": True}
    for change in ({"title": " "}, {"course_id": 99999}, {"module_ids": [99999]},
                   {"all_learners": False}, {"closes_on": today - timedelta(days=1)}):
        with pytest.raises(Invalid):
            rounds.create_round(world.admin, **{**good, **change})
    assert rounds.create_round(world.admin, **good).status == RoundStatus.DRAFT


def test_question_kinds_need_their_options(world, make_round):
    """Single and multiple choice need 2-8 options; an unknown kind or empty text is refused."""
    found = make_round(questions=[], opened=False)
    for bad in ({"kind": "single", "text": "Q", "choices": ["only one"]}, {"kind": "odd", "text": "Q"},
                {"kind": "text", "text": " "}, {"kind": "multiple", "text": "Q", "choices": list("abcdefghi")}):
        with pytest.raises(Invalid):
            rounds.add_question(world.admin, found.id, **bad)
    question = rounds.add_question(world.admin, found.id, kind="text", text="Q", choices=["ignored"])
    assert question.choices == []


def test_only_admins_run_rounds(world, make_round):
    """Coaches and learners cannot see, create or open rounds."""
    found = make_round(opened=False)
    for person in (world.coach, world.learner):
        with pytest.raises(Forbidden):
            rounds.get_round(person, found.id)
        with pytest.raises(Forbidden):
            rounds.open_round(person, found.id)
    with pytest.raises(NotFound):
        rounds.get_round(world.admin, 99999)


def test_copy_makes_a_comparable_draft(world, make_round):
    """A copy has the same target, audience and questions, as a new draft."""
    found = make_round()
    copy = rounds.copy_round(world.admin, found.id)
    assert copy.status == RoundStatus.DRAFT and copy.target_key == found.target_key
    assert [(q.kind, q.text, q.choices) for q in copy.questions] == [
        (q.kind, q.text, q.choices) for q in found.questions]


def test_the_time_estimate_counts_the_questions(make_round):
    """One question of each kind takes just over two minutes, promised as three (rounded up)."""
    assert make_round().minutes == 3
    assert make_round(questions=QUESTIONS[:1]).minutes == 1
