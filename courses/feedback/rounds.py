"""Feedback rounds: staff draft, preview, open and close them; learners see the rounds meant for them.

A round's questions are frozen once it is opened, so that its answers stay comparable. Every
function takes the acting user; staff functions refuse anyone but an admin.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import selectinload

from app.core import audit
from app.core.accounts.models import Group, User, group_members
from app.core.db import db, utcnow
from app.core.errors import Forbidden, Invalid, NotFound
from app.core.i18n import N_
from courses.feedback import pool
from courses.feedback.models import (
    FeedbackParticipation,
    FeedbackQuestion,
    FeedbackRound,
    QuestionKind,
    RoundStatus,
    round_groups,
    round_modules,
)
from courses.models import Course, Module

HELSINKI = ZoneInfo("Europe/Helsinki")
MAX_QUESTIONS = 12
MAX_CHOICES = 8


def today() -> date:
    """The date in Helsinki: a round's first and last day are the service's days."""
    return datetime.now(HELSINKI).date()


def require_staff(actor: User) -> None:
    if not actor.is_admin:
        raise Forbidden()


def get_round(actor: User, round_id: int) -> FeedbackRound:
    require_staff(actor)
    found = db.session.scalar(
        select(FeedbackRound).where(FeedbackRound.id == round_id).options(
            selectinload(FeedbackRound.questions), selectinload(FeedbackRound.modules),
            selectinload(FeedbackRound.groups), selectinload(FeedbackRound.course))
    )
    if found is None:
        raise NotFound()
    return found


def list_rounds(actor: User) -> list[FeedbackRound]:
    """Every round, newest first, with what the list shows loaded in a fixed number of queries."""
    require_staff(actor)
    query = select(FeedbackRound).options(
        selectinload(FeedbackRound.course), selectinload(FeedbackRound.modules),
        selectinload(FeedbackRound.groups), selectinload(FeedbackRound.questions),
    )
    return list(db.session.scalars(query.order_by(FeedbackRound.id.desc())))


# --- drafting ----------------------------------------------------------------------------------


def _draft(actor: User, round_id: int) -> FeedbackRound:
    found = get_round(actor, round_id)
    if found.status != RoundStatus.DRAFT:
        raise Invalid(N_("The round is already open, so its questions and settings can no longer change. "
                         "Copy it to make a new round."))
    return found


def _apply_settings(found: FeedbackRound, *, title, purpose, course_id, module_ids, all_learners, group_ids,
                    opens_on, closes_on, anonymous) -> None:
    title = (title or "").strip()
    if not title:
        raise Invalid(N_("Give the round a title."))
    course = db.session.get(Course, course_id) if course_id else None
    if course is None or course.archived_at is not None:
        raise Invalid(N_("Choose the course the round is about."))
    modules = list(db.session.scalars(select(Module).where(Module.id.in_(module_ids or ()))))
    if len(modules) != len(set(module_ids or ())) or any(m.course_id != course.id for m in modules):
        raise Invalid(N_("Choose modules of the chosen course only."))
    groups = list(db.session.scalars(select(Group).where(Group.id.in_(group_ids or ()))))
    if not all_learners and not groups:
        raise Invalid(N_("Choose the groups that are asked, or ask all learners."))
    if not opens_on or not closes_on or closes_on < opens_on:
        raise Invalid(N_("The last day cannot be before the first day."))
    found.title, found.purpose, found.course = title, (purpose or "").strip(), course
    found.modules, found.all_learners = modules, bool(all_learners)
    found.groups = [] if all_learners else groups
    found.opens_on, found.closes_on, found.anonymous = opens_on, closes_on, bool(anonymous)


def create_round(actor: User, **settings) -> FeedbackRound:
    """A new draft round; see `_apply_settings` for the settings."""
    require_staff(actor)
    found = FeedbackRound(created_by_id=actor.id, status=RoundStatus.DRAFT)
    _apply_settings(found, **settings)
    db.session.add(found)
    db.session.flush()
    audit.record(actor, "feedback.round.create", found, {"title": found.title})
    return found


def update_round(actor: User, round_id: int, **settings) -> FeedbackRound:
    found = _draft(actor, round_id)
    _apply_settings(found, **settings)
    db.session.flush()
    audit.record(actor, "feedback.round.update", found)
    return found


def add_question(actor: User, round_id: int, *, kind: str, text: str, choices=(), required=False):
    found = _draft(actor, round_id)
    try:
        kind = QuestionKind(kind)
    except ValueError:
        raise Invalid(N_("Choose the kind of question.")) from None
    text = (text or "").strip()
    if not text:
        raise Invalid(N_("Write the question."))
    if len(text) > 300:
        raise Invalid(N_("Keep the question under 300 characters."))
    choices = [c.strip() for c in choices if c and c.strip()] if kind in (
        QuestionKind.SINGLE, QuestionKind.MULTIPLE) else []
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and not 2 <= len(choices) <= MAX_CHOICES:
        raise Invalid(N_("Give from 2 to %(max)s options, one per line."), max=MAX_CHOICES)
    if any(len(c) > 120 for c in choices):
        raise Invalid(N_("Keep each option under 120 characters."))
    if len(found.questions) >= MAX_QUESTIONS:
        raise Invalid(N_("A round has at most %(max)s questions: keep it short."), max=MAX_QUESTIONS)
    question = FeedbackQuestion(kind=kind, text=text, choices=choices, required=bool(required),
                                position=len(found.questions) + 1)
    found.questions.append(question)
    db.session.flush()
    return question


def remove_question(actor: User, round_id: int, question_id: int) -> None:
    found = _draft(actor, round_id)
    question = next((q for q in found.questions if q.id == question_id), None)
    if question is None:
        raise NotFound()
    found.questions.remove(question)
    for position, other in enumerate(found.questions, start=1):
        other.position = position
    db.session.flush()


def copy_round(actor: User, round_id: int) -> FeedbackRound:
    """A new draft with the same target, audience and questions: the 'after' round of a change."""
    source = get_round(actor, round_id)
    copy = FeedbackRound(
        title=source.title, purpose=source.purpose, course=source.course, modules=list(source.modules),
        all_learners=source.all_learners, groups=list(source.groups), anonymous=source.anonymous,
        opens_on=max(today(), source.opens_on), closes_on=max(today(), source.closes_on),
        created_by_id=actor.id, status=RoundStatus.DRAFT,
        questions=[FeedbackQuestion(kind=q.kind, text=q.text, choices=list(q.choices), required=q.required,
                                    position=q.position) for q in source.questions],
    )
    db.session.add(copy)
    db.session.flush()
    audit.record(actor, "feedback.round.copy", copy, {"from": source.id})
    return copy


# --- life cycle ----------------------------------------------------------------------------------


def open_round(actor: User, round_id: int, on: date | None = None) -> FeedbackRound:
    """Draft -> open. From now on the questions cannot change."""
    found = _draft(actor, round_id)
    if not found.questions:
        raise Invalid(N_("Add at least one question before opening the round."))
    if found.closes_on < (on or today()):
        raise Invalid(N_("The last day has already passed. Choose a later last day."))
    found.status, found.opened_at = RoundStatus.OPEN, utcnow()
    db.session.flush()
    audit.record(actor, "feedback.round.open", found)
    return found


def close_round(actor: User, round_id: int) -> FeedbackRound:
    found = get_round(actor, round_id)
    if found.status != RoundStatus.OPEN:
        raise Invalid(N_("Only an open round can be closed."))
    found.status, found.closed_at = RoundStatus.CLOSED, utcnow()
    db.session.flush()
    pool.release_if_ended(found, today())
    audit.record(actor, "feedback.round.close", found)
    return found


def change_last_day(actor: User, round_id: int, closes_on: date, on: date | None = None) -> FeedbackRound:
    """An open round may run longer or end sooner; its questions stay as they are."""
    found = get_round(actor, round_id)
    if found.status != RoundStatus.OPEN:
        raise Invalid(N_("Only an open round's last day can change."))
    if closes_on is None or closes_on < max(found.opens_on, on or today()):
        raise Invalid(N_("The last day cannot be in the past or before the first day."))
    found.closes_on = closes_on
    db.session.flush()
    audit.record(actor, "feedback.round.last_day", found, {"closes_on": closes_on.isoformat()})
    return found


# --- learners --------------------------------------------------------------------------------------


def audience_condition(learner_id: int):
    """A condition on FeedbackRound: the round asks this learner."""
    asked_through_groups = (select(round_groups.c.round_id)
                            .join(group_members, group_members.c.group_id == round_groups.c.group_id)
                            .where(group_members.c.user_id == learner_id))
    return or_(FeedbackRound.all_learners.is_(True), FeedbackRound.id.in_(asked_through_groups))


def in_audience(learner: User, found: FeedbackRound) -> bool:
    if not learner.is_learner:
        return False
    return found.all_learners or bool({g.id for g in found.groups} & {g.id for g in learner.groups})


def rounds_for(learner: User, on: date | None = None, module: Module | None = None) -> list[tuple]:
    """Open rounds that ask this learner, as (round, answered), closing first first, with their questions.

    With `module`, only the rounds about that module (or about its whole course).
    """
    on = on or today()
    answered = exists().where(FeedbackParticipation.round_id == FeedbackRound.id,
                              FeedbackParticipation.learner_id == learner.id)
    query = (select(FeedbackRound, answered.label("answered"))
             .where(FeedbackRound.status == RoundStatus.OPEN, FeedbackRound.opens_on <= on,
                    FeedbackRound.closes_on >= on, audience_condition(learner.id))
             .options(selectinload(FeedbackRound.questions))
             .order_by(FeedbackRound.closes_on, FeedbackRound.id))
    if module is not None:
        query = query.where(
            FeedbackRound.course_id == module.course_id,
            or_(exists().where(round_modules.c.round_id == FeedbackRound.id,
                               round_modules.c.module_id == module.id),
                ~exists().where(round_modules.c.round_id == FeedbackRound.id)))
    return [(found, bool(done)) for found, done in db.session.execute(query)]


def round_for_learner(learner: User, round_id: int) -> FeedbackRound:
    """A round that asks this learner; any other id is 'not found', so nobody learns it exists."""
    found = db.session.get(FeedbackRound, round_id)
    if found is None or found.status == RoundStatus.DRAFT or not in_audience(learner, found):
        raise NotFound()
    return found


def has_answered(learner: User, found: FeedbackRound) -> bool:
    return db.session.get(FeedbackParticipation, (found.id, learner.id)) is not None
