"""Service periods: who may start, edit and renew them, and what is refused."""

from datetime import timedelta

import pytest

from app.core.audit import AuditEvent
from app.core.db import db
from app.core.errors import Forbidden, Invalid, NotFound
from service import goals, plans
from service.access import today
from service.models import ServicePeriod
from service.plan_view import learner_plan
from tests.course_factory import make_course
from tests.service_factory import plan_fields, start_period


def _actions():
    return [e.action for e in AuditEvent.query.order_by(AuditEvent.id)]


def test_a_coach_starts_and_edits_their_learners_plan_and_both_are_audited(world):
    """The coach writes the plan of a learner in their group; every write leaves an audit row."""
    period = start_period(world.coach, world.learner)
    assert period.is_current and period.channels == ("phone", "sms")
    plans.edit_plan(world.coach, period.id, **plan_fields(days_per_week=4, contact_channels=["sms", "video"]))
    assert period.days_per_week == 4 and period.contact_channels == "sms video"
    assert _actions() == ["service.period.start", "service.plan.edit"]


def test_a_coach_cannot_reach_another_coachs_learner_and_a_learner_writes_no_plan(world):
    """Another coach's learner is not found; a learner may not start or edit a plan."""
    with pytest.raises(NotFound):
        plans.start_period(world.coach, world.stranger.id, **plan_fields())
    with pytest.raises(Forbidden):
        plans.start_period(world.learner, world.learner.id, **plan_fields())
    period = start_period(world.admin, world.stranger)
    with pytest.raises(NotFound):
        plans.edit_plan(world.coach, period.id, **plan_fields())
    with pytest.raises(Forbidden):
        plans.edit_plan(world.stranger, period.id, **plan_fields())


@pytest.mark.parametrize("overrides", [
    {"planned_end_on": "start-1"}, {"days_per_week": 0}, {"days_per_week": 6}, {"kind": "holiday"},
    {"participation": "sometimes"}, {"contact_channels": ["telegram"]}, {"review_every_months": 0},
    {"planned_end_on": "start+800"},
])
def test_bad_plans_are_refused_and_nothing_is_written(world, overrides):
    """End before start, days outside 1-5, unknown codes and overlong periods are refused."""
    fields = plan_fields()
    for name, value in overrides.items():
        if isinstance(value, str) and value.startswith("start"):
            value = fields["starts_on"] + timedelta(days=int(value[5:]))
        fields[name] = value
    with pytest.raises(Invalid):
        plans.start_period(world.coach, world.learner.id, **fields)
    db.session.rollback()
    assert ServicePeriod.query.count() == 0 and AuditEvent.query.count() == 0


def test_one_current_period_per_learner_and_a_renewal_keeps_the_earlier_one(world):
    """A second start is refused; renewing ends the old row unchanged and starts a new one after it."""
    period = start_period(world.coach, world.learner)
    with pytest.raises(Invalid):
        plans.start_period(world.coach, world.learner.id, **plan_fields())
    db.session.rollback()
    with pytest.raises(Invalid):
        plans.renew_period(world.coach, period.id, **plan_fields())
    db.session.rollback()
    start = period.planned_end_on + timedelta(days=1)
    renewed = plans.renew_period(world.coach, period.id,
                                 **plan_fields(starts_on=start, planned_end_on=start + timedelta(days=90)))
    db.session.commit()
    assert renewed.renewed_from_id == period.id and period.ended_at is not None and period.days_per_week == 3
    with pytest.raises(Invalid):
        plans.edit_plan(world.coach, period.id, **plan_fields())
    page = learner_plan(world.coach, world.learner.id)
    assert page.current.id == renewed.id and [p.id for p in page.earlier] == [period.id]


def test_only_the_learner_writes_their_own_notes(world):
    """The learner saves notes on their plan; the coach cannot overwrite them, another learner cannot see it."""
    period = start_period(world.coach, world.learner)
    plans.save_learner_notes(world.learner, period.id, "  Haluan oppia Excelin.  ")
    assert period.learner_notes == "Haluan oppia Excelin."
    with pytest.raises(Forbidden):
        plans.save_learner_notes(world.coach, period.id, "Muutettu")
    with pytest.raises(NotFound):
        plans.save_learner_notes(world.learner2, period.id, "Muutettu")
    with pytest.raises(Invalid):
        plans.save_learner_notes(world.learner, period.id, "x" * 5000)


def test_an_admins_reading_of_a_plan_is_audited_and_a_coachs_is_not(world):
    """Each admin read of a plan writes an audit row naming the learner."""
    start_period(world.coach, world.learner)
    learner_plan(world.coach, world.learner.id)
    learner_plan(world.admin, world.learner.id)
    reads = AuditEvent.query.filter_by(action="service.plan.read").all()
    assert [(e.actor_id, e.subject_id) for e in reads] == [(world.admin.id, world.learner.id)]
    with pytest.raises(NotFound):
        learner_plan(world.learner2, world.learner.id)


def test_the_next_review_falls_every_few_months_from_the_start_within_the_period():
    """Reviews fall on the start's day every N months (the month's last day when shorter), none after the end."""
    from datetime import date

    period = ServicePeriod(starts_on=date(2026, 1, 31), planned_end_on=date(2026, 12, 31), review_every_months=3)
    assert period.next_review_on(date(2026, 2, 1)) == date(2026, 4, 30)
    assert period.next_review_on(date(2026, 5, 1)) == date(2026, 7, 31)
    assert period.next_review_on(date(2026, 11, 1)) is None


def test_a_renewal_carries_the_goals_not_yet_reached(world):
    """Goals that the coach has not marked reached go on in the new period with their links; a reached goal
    and every review stay in the old period."""
    period = start_period(world.coach, world.learner)
    module = make_course().modules[0]
    going = goals.add_goal(world.learner, period.id, "Opin käyttämään sähköpostia", module_ids=[module.id])
    reached = goals.add_goal(world.coach, period.id, "Tulen ajoissa paikalle")
    goals.record_review(world.coach, reached.id, reviewed_on=today(), learner_view="reached", coach_view="reached")
    goals.record_review(world.coach, going.id, reviewed_on=today(), learner_view="reached", coach_view="on_the_way")
    db.session.commit()
    start = period.planned_end_on + timedelta(days=1)
    renewed = plans.renew_period(world.coach, period.id,
                                 **plan_fields(starts_on=start, planned_end_on=start + timedelta(days=90)))
    db.session.commit()
    (carried,) = renewed.goals
    assert carried.text == going.text and carried.written_by_id == world.learner.id
    assert [m.id for m in carried.modules] == [module.id] and carried.reviews == []
    assert len(period.goals) == 2 and len(going.reviews) == 1
