"""The coach's plan page: start, edit, renew a period, goals and reviews, as each role."""

from datetime import timedelta

import pytest

from app.core.audit import AuditEvent
from app.core.db import db
from service.access import today
from service.models import Goal, GoalReview, ServicePeriod
from tests.conftest import post_form
from tests.service_factory import start_period


def _plan(**overrides):
    start = today()
    data = {"kind": "kuntouttava_tyotoiminta", "starts_on": start.isoformat(),
            "planned_end_on": (start + timedelta(days=90)).isoformat(), "days_per_week": "3",
            "participation": "hybrid", "contact_channels": ["phone", "video"], "review_every_months": "3"}
    return {**data, **overrides}


def test_a_coach_starts_a_period_from_the_learners_page(world, as_user):
    """The learner's page links to the plan; the start form writes the period and its plan."""
    client = as_user(world.coach)
    assert f"/coach/learners/{world.learner.id}/plan" in client.get(f"/coach/learners/{world.learner.id}").text
    path = f"/coach/learners/{world.learner.id}/plan"
    response = post_form(client, f"{path}/start", _plan(), token_from=path)
    assert response.status_code == 302
    period = db.session.query(ServicePeriod).one()
    assert period.contact_channels == "phone video" and period.created_by_id == world.coach.id
    page = client.get(path).text
    assert "Kuntouttava työtoiminta" in page or "Rehabilitative work activity" in page


@pytest.mark.parametrize("overrides", [
    {"planned_end_on": (today() - timedelta(days=1)).isoformat()}, {"kind": ""}, {"days_per_week": "9"},
    {"starts_on": "31.2.2026"},
])
def test_bad_plans_get_a_message_and_nothing_is_written(world, as_user, overrides):
    """End before start, no kind, odd days or dates: 400 with a message, no period, no audit row."""
    client = as_user(world.coach)
    path = f"/coach/learners/{world.learner.id}/plan"
    response = post_form(client, f"{path}/start", _plan(**overrides), token_from=path)
    assert response.status_code == 400 and 'class="error"' in response.text
    assert db.session.query(ServicePeriod).count() == 0
    assert db.session.query(AuditEvent).filter(AuditEvent.action.like("service.%")).count() == 0


def test_the_end_before_the_start_is_named(world, as_user):
    """The service's refusal is shown beside the start day."""
    client = as_user(world.coach)
    path = f"/coach/learners/{world.learner.id}/plan"
    response = post_form(client, f"{path}/start",
                         _plan(planned_end_on=(today() - timedelta(days=3)).isoformat()), token_from=path)
    assert "cannot be before the start" in response.text or "ei voi olla ennen" in response.text


def test_other_coaches_and_learners_do_not_reach_a_plan(world, as_user):
    """Another coach's learner is 404 on every plan route; a learner gets 403 on the coach's pages."""
    period = start_period(world.other_coach, world.stranger)
    goal = Goal(period=period, text="Oma", written_by_id=world.stranger.id)
    db.session.add(goal)
    db.session.commit()
    client = as_user(world.coach)
    assert client.get(f"/coach/learners/{world.stranger.id}/plan").status_code == 404
    token_page = f"/coach/learners/{world.learner.id}/plan"
    for path in (f"/coach/learners/{world.stranger.id}/plan/start", f"/coach/plan-periods/{period.id}/edit",
                 f"/coach/plan-periods/{period.id}/renew", f"/coach/plan-periods/{period.id}/end",
                 f"/coach/plan-periods/{period.id}/goals", f"/coach/goals/{goal.id}/reviews"):
        assert post_form(client, path, _plan(), token_from=token_page).status_code == 404, path
    assert as_user(world.learner).get(f"/coach/learners/{world.learner.id}/plan").status_code == 403
    assert period.ended_at is None and db.session.query(GoalReview).count() == 0


def test_a_renewal_keeps_the_earlier_period_readable(world, as_user):
    """Renewing starts a new period and lists the old one, unchanged, under the earlier periods."""
    old = start_period(world.coach, world.learner)
    client = as_user(world.coach)
    path = f"/coach/learners/{world.learner.id}/plan"
    start = old.planned_end_on + timedelta(days=1)
    data = {f"renew-{k}": v for k, v in _plan(starts_on=start.isoformat(),
                                              planned_end_on=(start + timedelta(days=60)).isoformat()).items()}
    assert post_form(client, f"/coach/plan-periods/{old.id}/renew", data, token_from=path).status_code == 302
    db.session.expire_all()
    periods = db.session.query(ServicePeriod).order_by(ServicePeriod.id).all()
    assert periods[0].ended_at is not None and periods[1].renewed_from_id == periods[0].id
    assert 'id="history-heading"' in client.get(path).text
    bad = {**data, "renew-starts_on": old.starts_on.isoformat()}
    assert post_form(client, f"/coach/plan-periods/{periods[1].id}/renew", bad, token_from=path).status_code == 400
    assert db.session.query(ServicePeriod).count() == 2


def test_a_coach_writes_a_goal_and_a_review_and_a_bad_review_date_is_refused(world, as_user):
    """Goals and reviews are written from the plan page; a review before the period gets a message."""
    period = start_period(world.coach, world.learner)
    client = as_user(world.coach)
    path = f"/coach/learners/{world.learner.id}/plan"
    assert post_form(client, f"/coach/plan-periods/{period.id}/goals", {"text": "Opin Excelin"},
                     token_from=path).status_code == 302
    goal = db.session.query(Goal).one()
    review = {f"goal{goal.id}-{k}": v for k, v in {"reviewed_on": today().isoformat(), "learner_view": "on_the_way",
                                                    "coach_view": "reached", "note": "Hyvä alku"}.items()}
    assert post_form(client, f"/coach/goals/{goal.id}/reviews", review, token_from=path).status_code == 302
    early = {**review, f"goal{goal.id}-reviewed_on": (period.starts_on - timedelta(days=1)).isoformat()}
    response = post_form(client, f"/coach/goals/{goal.id}/reviews", early, token_from=path)
    assert response.status_code == 400 and 'class="error"' in response.text
    assert db.session.query(GoalReview).count() == 1
    assert "Hyvä alku" in client.get(path).text


def test_an_admins_read_of_a_plan_is_audited(world, as_user):
    """An admin reaches any learner's plan, and the reading is in the audit log."""
    start_period(world.coach, world.learner)
    assert as_user(world.admin).get(f"/coach/learners/{world.learner.id}/plan").status_code == 200
    reads = db.session.query(AuditEvent).filter_by(action="service.plan.read").all()
    assert [(e.actor_id, e.subject_id) for e in reads] == [(world.admin.id, world.learner.id)]
