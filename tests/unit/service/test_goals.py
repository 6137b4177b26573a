"""Goals and their reviews: the learner's own words, and reviews as a record."""

from datetime import timedelta

import pytest

from app.core.db import db
from app.core.errors import Forbidden, Invalid, NotFound
from service import goals, plans
from service.access import today
from service.models import GoalReview
from tests.course_factory import make_course
from tests.service_factory import plan_fields, start_period


def test_the_learner_and_the_coach_write_goals_linked_to_modules(world):
    """A learner adds a goal for themself, a coach for the learner, with an optional module link."""
    period = start_period(world.coach, world.learner)
    module = make_course().modules[0]
    own = goals.add_goal(world.learner, period.id, "Opin käyttämään sähköpostia")
    written = goals.add_goal(world.coach, period.id, "Käyn pajalla kolme päivää viikossa", module_ids=[module.id])
    assert own.written_by_id == world.learner.id and written.modules == [module]
    with pytest.raises(Invalid):
        goals.add_goal(world.coach, period.id, "Tuntematon", module_ids=[module.id + 100])
    with pytest.raises(Invalid):
        goals.add_goal(world.learner, period.id, "   ")
    with pytest.raises(NotFound):
        goals.add_goal(world.learner2, period.id, "Vieras tavoite")


def test_reviews_are_dated_within_the_period_and_never_changed(world):
    """A review outside the period or in the future is refused; an earlier review stays as written."""
    period = start_period(world.coach, world.learner)
    goal = goals.add_goal(world.learner, period.id, "Opin käyttämään sähköpostia")
    for day in (period.starts_on - timedelta(days=1), today() + timedelta(days=1)):
        with pytest.raises(Invalid):
            goals.record_review(world.coach, goal.id, reviewed_on=day, learner_view="on_the_way",
                                coach_view="on_the_way")
    with pytest.raises(Forbidden):
        goals.record_review(world.learner, goal.id, reviewed_on=today(), learner_view="reached", coach_view="reached")
    with pytest.raises(Invalid):
        goals.record_review(world.coach, goal.id, reviewed_on=today(), learner_view="done", coach_view="reached")
    first = goals.record_review(world.coach, goal.id, reviewed_on=today() - timedelta(days=7),
                                learner_view="not_started", coach_view="on_the_way", note="Alku")
    goals.record_review(world.coach, goal.id, reviewed_on=today(), learner_view="on_the_way",
                        coach_view="on_the_way")
    db.session.commit()
    assert [r.learner_view for r in goal.reviews] == ["not_started", "on_the_way"]
    first.note = "Muutettu"
    with pytest.raises(ValueError):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(GoalReview, first.id).note == "Alku"


def test_goals_are_added_only_to_the_current_period(world):
    """An ended period's goals are kept as they were: no new goal joins them."""
    period = start_period(world.coach, world.learner)
    plans.end_period(world.coach, period.id)
    with pytest.raises(Invalid):
        goals.add_goal(world.learner, period.id, "Myöhäinen")
    assert plan_fields()["days_per_week"] == 3
