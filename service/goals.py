"""Goals in the learner's own words and their reviews.

A learner writes goals for themself; a coach (or an admin) can write them down for the learner. A
review records both the learner's and the coach's view on one day and is never changed afterwards.
"""

from datetime import date

from sqlalchemy import select

from app.core import audit
from app.core.accounts.models import User
from app.core.db import db
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from competence.models import Objective
from courses.models import Module
from service.access import get_period, require_writer, today
from service.models import Goal, GoalReview, Progress, ServicePeriod

MAX_GOAL = 1000
MAX_NOTE = 2000


def add_goal(actor: User, period_id: int, text: str, module_ids=(), objective_ids=()) -> Goal:
    """A goal on the learner's current period, optionally linked to modules and objectives."""
    period = get_period(actor, period_id)
    if not period.is_current:
        raise Invalid(N_("This period has ended; its plan is kept as it was."))
    text = (text or "").strip()
    if not text:
        raise Invalid(N_("Write the goal in a few words."))
    if len(text) > MAX_GOAL:
        raise Invalid(N_("Write at most %(count)s characters."), count=MAX_GOAL)
    module_ids, objective_ids = set(module_ids or ()), set(objective_ids or ())
    modules = list(db.session.scalars(select(Module).where(Module.id.in_(module_ids), Module.archived_at.is_(None))))
    objectives = list(db.session.scalars(select(Objective).where(Objective.id.in_(objective_ids),
                                                                 Objective.archived_at.is_(None))))
    if len(modules) != len(module_ids) or len(objectives) != len(objective_ids):
        raise Invalid(N_("Choose modules and objectives from the list."))
    goal = Goal(period=period, text=text, written_by_id=actor.id, modules=modules, objectives=objectives)
    db.session.add(goal)
    db.session.flush()
    audit.record(actor, "service.goal.add", goal, {"learner_id": period.learner_id,
                                                   "modules": sorted(module_ids), "objectives": sorted(objective_ids)})
    return goal


def get_goal(actor: User, goal_id: int) -> Goal:
    """A goal of a learner the actor sees, else NotFound."""
    goal = db.session.get(Goal, goal_id)
    if goal is None:
        raise NotFound()
    get_period(actor, goal.period_id)
    return goal


def record_review(actor: User, goal_id: int, *, reviewed_on: date, learner_view: str, coach_view: str,
                  note: str = "") -> GoalReview:
    """A review of a goal, dated within its period and not in the future."""
    require_writer(actor)
    goal = get_goal(actor, goal_id)
    period: ServicePeriod = goal.period
    if not isinstance(reviewed_on, date):
        raise Invalid(N_("Give the date of the review."))
    if reviewed_on > today():
        raise Invalid(N_("A review cannot be dated in the future."))
    if not period.starts_on <= reviewed_on <= period.planned_end_on:
        raise Invalid(N_("The review date must be within the period (%(start)s – %(end)s)."),
                      start=period.starts_on.strftime("%d.%m.%Y"), end=period.planned_end_on.strftime("%d.%m.%Y"))
    if learner_view not in set(Progress) or coach_view not in set(Progress):
        raise Invalid(N_("Choose how far the goal is, in the learner's view and in yours."))
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise Invalid(N_("Write at most %(count)s characters."), count=MAX_NOTE)
    review = GoalReview(goal_id=goal.id, reviewed_on=reviewed_on, learner_view=Progress(learner_view),
                        coach_view=Progress(coach_view), note=note, by_id=actor.id)
    db.session.add(review)
    db.session.flush()
    audit.record(actor, "service.goal.review", review, {"learner_id": period.learner_id, "goal_id": goal.id})
    return review
