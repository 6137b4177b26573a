"""A learner's own "I am working remotely today", and the coach's confirmation of it."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import exists, select

from app.core import audit
from app.core.accounts.models import User
from app.core.accounts.policy import require_learner
from app.core.db import db
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from service.attendance import WEEKDAYS, today
from service.attendance_models import Mode, ParticipationDay
from service.models import ServicePeriod


class CheckIn(StrEnum):
    OPEN = "open"  # the learner may check in
    WAITING = "waiting"  # checked in, the coach has not confirmed yet
    CONFIRMED = "confirmed"  # remote today, confirmed or recorded by the coach
    RECORDED = "recorded"  # the coach recorded today otherwise


@dataclass(frozen=True)
class TodayState:
    day: date
    state: CheckIn


def _current_period_covers(learner_id: int, day: date):
    """A condition: the learner's current period covers the day."""
    return exists().where(ServicePeriod.learner_id == learner_id, ServicePeriod.ended_at.is_(None),
                          ServicePeriod.starts_on <= day, ServicePeriod.planned_end_on >= day)


def today_state(learner: User, on: date | None = None) -> TodayState | None:
    """What My path offers today: None on a weekend or outside every service period; one query."""
    on = on or today()
    if on.weekday() >= WEEKDAYS:
        return None
    today_entry = (select(ParticipationDay.mode, ParticipationDay.confirmed)
                   .where(ParticipationDay.learner_id == learner.id, ParticipationDay.day == on).subquery())
    row = db.session.execute(
        select(_current_period_covers(learner.id, on).label("covered"),
               select(today_entry.c.mode).scalar_subquery().label("mode"),
               select(today_entry.c.confirmed).scalar_subquery().label("confirmed"))).one()
    if not row.covered:
        return None
    if row.mode is None:
        return TodayState(on, CheckIn.OPEN)
    if row.mode != Mode.REMOTE:
        return TodayState(on, CheckIn.RECORDED)
    return TodayState(on, CheckIn.CONFIRMED if row.confirmed else CheckIn.WAITING)


def check_in_remote(learner: User, on: date | None = None) -> ParticipationDay:
    """Record that the learner works remotely today, waiting for the coach's confirmation."""
    on = on or today()
    if not learner.is_learner:
        raise NotFound()
    if on.weekday() >= WEEKDAYS or not db.session.scalar(select(_current_period_covers(learner.id, on))):
        raise Invalid(N_("You can check in on weekdays of your service period only."))
    entry = db.session.scalar(select(ParticipationDay).where(ParticipationDay.learner_id == learner.id,
                                                             ParticipationDay.day == on))
    if entry is not None:
        if entry.mode == Mode.REMOTE:
            return entry
        raise Invalid(N_("Your coach has already recorded today. Talk to your coach if it is not right."))
    entry = ParticipationDay(learner_id=learner.id, day=on, mode=Mode.REMOTE, recorded_by_id=learner.id,
                             confirmed=False)
    db.session.add(entry)
    db.session.flush()
    audit.record(learner, "participation.check_in", entry, {"learner_id": learner.id, "day": on.isoformat()})
    return entry


def confirm(actor: User, entry_id: int) -> ParticipationDay:
    """The coach confirms a learner's own remote check-in."""
    entry = db.session.get(ParticipationDay, entry_id)
    if entry is None or actor.is_learner:
        raise NotFound()
    require_learner(actor, entry.learner_id)
    if not entry.confirmed:
        entry.confirmed = True
        db.session.flush()
        audit.record(actor, "participation.confirm", entry, {"learner_id": entry.learner_id,
                                                             "day": entry.day.isoformat()})
    return entry
