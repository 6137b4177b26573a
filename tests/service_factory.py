"""Service periods and meetings built through the services, for tests that start from a plan."""

from datetime import timedelta

from app.core.db import db, utcnow
from service import meetings, plans
from service.access import today


def plan_fields(**overrides) -> dict:
    """A three-month hybrid period of work activity that began a month ago."""
    start = today() - timedelta(days=30)
    fields = {"kind": "kuntouttava_tyotoiminta", "starts_on": start, "planned_end_on": start + timedelta(days=91),
              "days_per_week": 3, "participation": "hybrid", "contact_channels": ["phone", "sms"],
              "review_every_months": 3}
    return {**fields, **overrides}


def start_period(actor, learner, **overrides):
    period = plans.start_period(actor, learner.id, **plan_fields(**overrides))
    db.session.commit()
    return period


def schedule(actor, learner=None, group=None, days=2, **overrides):
    fields = {"starts_at": utcnow() + timedelta(days=days), "minutes": 45, "mode": "on_site",
              "planned_note": "Tavoitteiden katsaus"}
    meeting = meetings.schedule_meeting(actor, learner_id=learner.id if learner else None,
                                        group_id=group.id if group else None, **{**fields, **overrides})
    db.session.commit()
    return meeting
