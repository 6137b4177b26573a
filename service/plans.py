"""Service periods and their plans: start, edit, renew and end a period; the learner's own notes.

A renewal ends the current period and starts a new row that points back to it, so earlier plans stay
as they were. Every write is audited; every function takes the acting user.
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core import audit
from app.core.accounts.models import User
from app.core.accounts.policy import require_learner
from app.core.db import db, utcnow
from app.core.errors import Forbidden, Invalid
from app.core.i18n import N_
from service.access import get_period, require_writer
from service.models import Channel, Goal, Participation, Progress, ServiceKind, ServicePeriod

MAX_MONTHS = 24
MAX_NOTES = 4000
PLAN_FIELDS = ("kind", "starts_on", "planned_end_on", "days_per_week", "participation", "contact_channels",
               "review_every_months")


def _months_between(start: date, end: date) -> float:
    return (end.year - start.year) * 12 + (end.month - start.month) + (end.day - start.day) / 31


def _checked(*, kind, starts_on, planned_end_on, days_per_week, participation, contact_channels=(),
             review_every_months=3) -> dict:
    """The plan fields as stored, or Invalid naming the first one that breaks a rule."""
    if kind not in set(ServiceKind):
        raise Invalid(N_("Choose the kind of service."))
    if not isinstance(starts_on, date) or not isinstance(planned_end_on, date):
        raise Invalid(N_("Give the start and the planned end of the period."))
    if planned_end_on < starts_on:
        raise Invalid(N_("The planned end cannot be before the start."))
    if _months_between(starts_on, planned_end_on) > MAX_MONTHS:
        raise Invalid(N_("A period can last at most %(months)s months; renew it to go on."), months=MAX_MONTHS)
    if not isinstance(days_per_week, int) or not 1 <= days_per_week <= 5:
        raise Invalid(N_("Days per week must be from 1 to 5."))
    if participation not in set(Participation):
        raise Invalid(N_("Choose how the learner takes part."))
    codes = set(contact_channels or ())
    if not codes <= set(Channel):
        raise Invalid(N_("Choose the ways of keeping in touch from the list."))
    if not isinstance(review_every_months, int) or not 1 <= review_every_months <= 12:
        raise Invalid(N_("Reviews are held every 1 to 12 months."))
    return {"kind": ServiceKind(kind), "starts_on": starts_on, "planned_end_on": planned_end_on,
            "days_per_week": days_per_week, "participation": Participation(participation),
            "contact_channels": " ".join(c.value for c in Channel if c.value in codes),
            "review_every_months": review_every_months}


def current_period(learner_id: int) -> ServicePeriod | None:
    """The learner's current period; the caller has already checked that the actor sees the learner."""
    return db.session.scalar(select(ServicePeriod).where(ServicePeriod.learner_id == learner_id,
                                                         ServicePeriod.ended_at.is_(None)))


def _add_current(period: ServicePeriod) -> None:
    """Add a current period; a second one at the same moment collides on the unique index."""
    try:
        with db.session.begin_nested():
            db.session.add(period)
    except IntegrityError:
        raise Invalid(N_("The learner already has a current period. Renew it or end it first.")) from None


def start_period(actor: User, learner_id: int, **fields) -> ServicePeriod:
    """A learner's first (or next, after an ended one) period of service with its plan."""
    require_writer(actor)
    learner = require_learner(actor, learner_id)
    values = _checked(**fields)
    if current_period(learner.id) is not None:
        raise Invalid(N_("The learner already has a current period. Renew it or end it first."))
    period = ServicePeriod(learner_id=learner.id, created_by_id=actor.id, **values)
    _add_current(period)
    audit.record(actor, "service.period.start", period, {"learner_id": learner.id, "kind": values["kind"].value})
    return period


def _current(actor: User, period_id: int) -> ServicePeriod:
    period = get_period(actor, period_id)
    if not period.is_current:
        raise Invalid(N_("This period has ended; its plan is kept as it was."))
    return period


def edit_plan(actor: User, period_id: int, **fields) -> ServicePeriod:
    """Change the current period's plan; the audit row names the fields that changed."""
    require_writer(actor)
    period = _current(actor, period_id)
    values = _checked(**fields)
    changed = sorted(name for name, value in values.items() if getattr(period, name) != value)
    for name in changed:
        setattr(period, name, values[name])
    db.session.flush()
    audit.record(actor, "service.plan.edit", period, {"fields": changed})
    return period


def renew_period(actor: User, period_id: int, **fields) -> ServicePeriod:
    """End the current period and start the next one, which points back to it."""
    require_writer(actor)
    old = _current(actor, period_id)
    values = _checked(**fields)
    if values["starts_on"] <= old.starts_on:
        raise Invalid(N_("The renewed period must start after the start of the period it renews."))
    old.ended_at = utcnow()
    db.session.flush()
    period = ServicePeriod(learner_id=old.learner_id, created_by_id=actor.id, renewed_from_id=old.id, **values)
    _add_current(period)
    carried = _carry_unreached_goals(old, period)
    audit.record(actor, "service.period.renew", period, {"learner_id": old.learner_id, "renews": old.id,
                                                         "goals_carried": carried})
    return period


def _carry_unreached_goals(old: ServicePeriod, new: ServicePeriod) -> list[int]:
    """Goals that the coach's latest review has not marked reached go on in the new period as new rows, in
    the words they were written; the old goals keep their reviews in the old period. Returns the old ids.
    """
    carried = []
    for goal in old.goals:
        latest = goal.reviews[-1] if goal.reviews else None
        if latest is not None and latest.coach_view == Progress.REACHED:
            continue
        new.goals.append(Goal(text=goal.text, written_by_id=goal.written_by_id, modules=list(goal.modules),
                              objectives=list(goal.objectives)))
        carried.append(goal.id)
    db.session.flush()
    return carried


def end_period(actor: User, period_id: int) -> ServicePeriod:
    """End the current period without a next one; its plan stays readable."""
    require_writer(actor)
    period = _current(actor, period_id)
    period.ended_at = utcnow()
    db.session.flush()
    audit.record(actor, "service.period.end", period, {"learner_id": period.learner_id})
    return period


def save_learner_notes(actor: User, period_id: int, notes: str) -> ServicePeriod:
    """The learner's own notes on their current plan: only the learner writes them."""
    period = _current(actor, period_id)
    if actor.id != period.learner_id:
        raise Forbidden()
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise Invalid(N_("Write at most %(count)s characters."), count=MAX_NOTES)
    period.learner_notes = notes
    db.session.flush()
    audit.record(actor, "service.plan.notes", period)
    return period
