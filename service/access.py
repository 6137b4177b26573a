"""Who may read and write the service records, on top of the one access policy, and the service's day."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.core import audit
from app.core.accounts.models import User
from app.core.accounts.policy import sees_learner
from app.core.db import db
from app.core.errors import Forbidden, NotFound
from service.models import ServicePeriod

HELSINKI = ZoneInfo("Europe/Helsinki")


def today() -> date:
    """The date in Helsinki: plans and reviews are dated in the service's days."""
    return datetime.now(HELSINKI).date()


def require_writer(actor: User) -> None:
    """Coaches and admins write plans, reviews and meetings; a learner only their own goals and notes."""
    if not (actor.is_coach or actor.is_admin):
        raise Forbidden()


def get_period(actor: User, period_id: int) -> ServicePeriod:
    """A period of a learner the actor sees, else NotFound."""
    period = db.session.scalar(select(ServicePeriod).where(ServicePeriod.id == period_id,
                                                           sees_learner(actor, ServicePeriod.learner_id)))
    if period is None:
        raise NotFound()
    return period


def log_admin_read(actor: User, learner: User) -> None:
    """An admin reading a learner's plan leaves a row in the audit log: these are client records."""
    if actor.is_admin:
        audit.record(actor, "service.plan.read", learner)
