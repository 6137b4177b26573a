"""The plan page's read model: a learner's current period with its goals and reviews, the earlier
periods, and their meetings, loaded in a fixed number of queries whatever their number.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core.accounts.models import User
from app.core.accounts.policy import require_learner
from app.core.db import db
from service.access import log_admin_read
from service.meetings import meetings_of_learner
from service.models import Goal, Meeting, ServicePeriod


@dataclass(frozen=True)
class PlanPage:
    learner: User
    current: ServicePeriod | None
    earlier: tuple[ServicePeriod, ...]
    meetings: tuple[Meeting, ...]

    @property
    def periods(self) -> tuple[ServicePeriod, ...]:
        return ((self.current,) if self.current else ()) + self.earlier


def learner_plan(actor: User, learner_id: int, *, with_meetings: bool = True) -> PlanPage:
    """A learner's plan as the actor may see it, with every meeting unless the page lists only the next
    ones; an admin's reading is written to the audit log.
    """
    learner = require_learner(actor, learner_id)
    periods = list(db.session.scalars(
        select(ServicePeriod).where(ServicePeriod.learner_id == learner.id)
        .order_by(ServicePeriod.starts_on.desc(), ServicePeriod.id.desc())
        .options(selectinload(ServicePeriod.goals).options(
            selectinload(Goal.reviews), selectinload(Goal.modules), selectinload(Goal.objectives)))))
    log_admin_read(actor, learner)
    current = next((p for p in periods if p.is_current), None)
    return PlanPage(learner=learner, current=current, earlier=tuple(p for p in periods if p is not current),
                    meetings=tuple(meetings_of_learner(actor, learner.id, checked=True)) if with_meetings else ())
