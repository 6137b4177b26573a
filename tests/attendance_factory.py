"""Service periods and participation days for tests that only care that a learner has a period."""

from datetime import date

from app.core.db import db
from service.attendance_models import ParticipationDay
from service.models import ServicePeriod


def make_period(learner, starts_on=date(2026, 9, 1), planned_end_on=date(2027, 2, 28), kind="sosiaalinen_kuntoutus",
                by=None):
    """A current service period of the learner."""
    period = ServicePeriod(learner_id=learner.id, kind=kind, starts_on=starts_on, planned_end_on=planned_end_on,
                           days_per_week=3, participation="hybrid", created_by_id=(by or learner).id)
    db.session.add(period)
    db.session.commit()
    return period


def make_day(learner, day, mode="on_site", reason=None, by=None, confirmed=True):
    entry = ParticipationDay(learner_id=learner.id, day=day, mode=mode, absence_reason=reason,
                             recorded_by_id=(by or learner).id, confirmed=confirmed)
    db.session.add(entry)
    db.session.commit()
    return entry
