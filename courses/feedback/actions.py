"""'You said, we did': what staff did because of a round, and telling the learners who were asked."""

from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from app.core import audit
from app.core.accounts.models import User
from app.core.db import db
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from courses.feedback.models import FeedbackAction, FeedbackNewsSeen, FeedbackRound, RoundStatus
from courses.feedback.rounds import audience_condition, get_round, rounds_for, today
from courses.models import Module, Step

MAX_TEXT = 2000


def add_action(actor: User, round_id: int, *, you_said: str, we_did: str, module_id: int | None = None,
               step_id: int | None = None) -> FeedbackAction:
    """Publish an action of an opened round, optionally linked to the module or lesson that changed."""
    found = get_round(actor, round_id)
    if found.status == RoundStatus.DRAFT:
        raise Invalid(N_("Open the round before telling what was done because of it."))
    you_said, we_did = (you_said or "").strip(), (we_did or "").strip()
    if not you_said or not we_did:
        raise Invalid(N_("Write both what the learners said and what was done."))
    if len(you_said) > MAX_TEXT or len(we_did) > MAX_TEXT:
        raise Invalid(N_("Keep each text under %(max)s characters."), max=MAX_TEXT)
    module = db.session.get(Module, module_id) if module_id else None
    step = db.session.get(Step, step_id) if step_id else None
    if step is not None:
        module = step.module
    if (module_id or step_id) and (module is None or module.course_id != found.course_id):
        raise Invalid(N_("Link the action to a module or lesson of the round's course."))
    action = FeedbackAction(round_id=found.id, you_said=you_said, we_did=we_did, module=module, step=step,
                            created_by_id=actor.id)
    db.session.add(action)
    db.session.flush()
    audit.record(actor, "feedback.action.publish", found, {"action_id": action.id})
    return action


def remove_action(actor: User, round_id: int, action_id: int) -> None:
    found = get_round(actor, round_id)
    action = db.session.get(FeedbackAction, action_id)
    if action is None or action.round_id != found.id:
        raise NotFound()
    db.session.delete(action)
    db.session.flush()
    audit.record(actor, "feedback.action.remove", found, {"action_id": action_id})


def actions_of(actor: User, round_id: int) -> list[FeedbackAction]:
    found = get_round(actor, round_id)
    query = (select(FeedbackAction).where(FeedbackAction.round_id == found.id)
             .options(selectinload(FeedbackAction.module), selectinload(FeedbackAction.step))
             .order_by(FeedbackAction.published_at.desc(), FeedbackAction.id.desc()))
    return list(db.session.scalars(query))


def actions_for(learner: User) -> list[FeedbackAction]:
    """Actions of the rounds that asked this learner, newest first, in a fixed number of queries."""
    query = (select(FeedbackAction).join(FeedbackRound)
             .where(FeedbackRound.status != RoundStatus.DRAFT, audience_condition(learner.id))
             .options(selectinload(FeedbackAction.round), selectinload(FeedbackAction.module),
                      selectinload(FeedbackAction.step))
             .order_by(FeedbackAction.published_at.desc(), FeedbackAction.id.desc()))
    return list(db.session.scalars(query))


def take_news(learner: User) -> list[FeedbackAction]:
    """Actions the learner has not been told about yet, newest first; after this call they have been."""
    last_seen = (select(FeedbackNewsSeen.last_action_id).where(FeedbackNewsSeen.learner_id == learner.id)
                 .scalar_subquery())
    query = (select(FeedbackAction).join(FeedbackRound)
             .where(FeedbackAction.id > func.coalesce(last_seen, 0), FeedbackRound.status != RoundStatus.DRAFT,
                    audience_condition(learner.id))
             .order_by(FeedbackAction.id.desc()))
    news = list(db.session.scalars(query))
    if news:
        mark_all_seen(learner, news)
    return news


def news_query(learner: User):
    """Whether the learner has news not told yet, as a column that can be combined with others."""
    last_seen = (select(FeedbackNewsSeen.last_action_id).where(FeedbackNewsSeen.learner_id == learner.id)
                 .scalar_subquery())
    return (select(FeedbackAction.id).join(FeedbackRound)
            .where(FeedbackAction.id > func.coalesce(last_seen, 0), FeedbackRound.status != RoundStatus.DRAFT,
                   audience_condition(learner.id))
            .exists())


def for_my_path(learner: User, on: date | None = None) -> tuple[bool, list[tuple]]:
    """(whether there is news, rounds_for) of the learner, for My path; the news has been told after this
    call. One query of plain columns when no round is open for the learner, as is usual.
    """
    on = on or today()
    last_seen = (select(FeedbackNewsSeen.last_action_id).where(FeedbackNewsSeen.learner_id == learner.id)
                 .scalar_subquery())
    newest = (select(func.max(FeedbackAction.id))
              .where(FeedbackAction.round_id == FeedbackRound.id, FeedbackAction.id > func.coalesce(last_seen, 0))
              .scalar_subquery())
    open_today = and_(FeedbackRound.status == RoundStatus.OPEN, FeedbackRound.opens_on <= on,
                      FeedbackRound.closes_on >= on)
    # The rounds that ask the learner and are open today or have news, each with its newest news.
    found = db.session.execute(
        select(FeedbackRound.status, FeedbackRound.opens_on, FeedbackRound.closes_on, newest)
        .where(FeedbackRound.status != RoundStatus.DRAFT, audience_condition(learner.id),
               or_(open_today, newest.is_not(None)))
    ).all()
    news = max((action_id for *_, action_id in found if action_id is not None), default=None)
    if news is not None:
        _mark_seen_up_to(learner, news)
    any_open = any(status == RoundStatus.OPEN and opens_on <= on <= closes_on
                   for status, opens_on, closes_on, _ in found)
    return news is not None, rounds_for(learner, on) if any_open else []


def mark_all_seen(learner: User, actions: list[FeedbackAction]) -> None:
    """Reading the page counts as being told; with no actions there is nothing to tell, nor to write."""
    if actions:
        _mark_seen_up_to(learner, max(a.id for a in actions))


def _mark_seen_up_to(learner: User, newest: int) -> None:
    seen = db.session.get(FeedbackNewsSeen, learner.id)
    if seen is None:
        db.session.add(FeedbackNewsSeen(learner_id=learner.id, last_action_id=newest))
    elif seen.last_action_id < newest:
        seen.last_action_id = newest
    db.session.flush()
