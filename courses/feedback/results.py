"""What a round's answers say: counts per option, response rates per group, free text with themes.

Results are live while the round is open, but an anonymous round's change only in steps that never
single out one answer: answers reach the results only when the pool releases them, five or more at a
time (see `pool`), and while the round takes answers the numbers who have answered, in all and per
group, go down to a whole step of MIN_ANSWERS. An anonymous round shows nothing but that number until
it has MIN_ANSWERS answers, and a group's own figures only from MIN_ANSWERS answers that carry the
group (see `answers.groups_to_record`).
"""

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.core import audit
from app.core.accounts.models import Group, Role, User, group_members
from app.core.db import db
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from courses.feedback import pool
from courses.feedback.models import (
    MIN_ANSWERS,
    FeedbackAnswer,
    FeedbackParticipation,
    FeedbackQuestion,
    FeedbackResponse,
    FeedbackRound,
    FeedbackTheme,
    QuestionKind,
    answer_themes,
)
from courses.feedback.rounds import get_round, today


@dataclass
class Option:
    value: int
    label: str  # an option's text, or a scale word's msgid
    count: int = 0
    percent: int = 0


@dataclass
class QuestionResult:
    question: FeedbackQuestion
    answered: int = 0
    options: list[Option] = field(default_factory=list)
    average: float | None = None
    texts: list[FeedbackAnswer] = field(default_factory=list)


@dataclass
class GroupResult:
    group: Group
    asked: int
    answered: int
    questions: list[QuestionResult] | None  # None: too few answers to show

    @property
    def rate(self) -> int:
        return round(100 * self.answered / self.asked) if self.asked else 0


@dataclass
class RoundResults:
    round: FeedbackRound
    asked: int
    answered: int
    questions: list[QuestionResult] | None  # None: anonymous and too few answers to show
    groups: list[GroupResult]
    themes: list[tuple[FeedbackTheme, int]]
    stepped: bool = False  # the answered numbers go down to a step of MIN_ANSWERS

    @property
    def rate(self) -> int:
        return round(100 * self.answered / self.asked) if self.asked else 0


def tally(questions: list[FeedbackQuestion], responses: list[FeedbackResponse]) -> list[QuestionResult]:
    """Counts per option (and the scale's average) and the free-text answers of each question."""
    by_question: dict[int, list[FeedbackAnswer]] = {}
    for response in responses:
        for answer in response.answers:
            by_question.setdefault(answer.question_id, []).append(answer)
    results = []
    for question in questions:
        answers = by_question.get(question.id, [])
        result = QuestionResult(question, answered=len(answers))
        if question.kind == QuestionKind.TEXT:
            result.texts = sorted(answers, key=lambda a: a.id)
        else:
            counts = {value: 0 for value, _label in question.labels()}
            for answer in answers:
                for value in (answer.numbers if answer.numbers is not None else [answer.number]):
                    if value in counts:
                        counts[value] += 1
            result.options = [Option(value, label, counts[value],
                                     round(100 * counts[value] / len(answers)) if answers else 0)
                              for value, label in question.labels()]
            if question.kind == QuestionKind.SCALE and answers:
                result.average = round(sum(a.number for a in answers) / len(answers), 1)
        results.append(result)
    return results


def sent_responses(round_id: int) -> list[FeedbackResponse]:
    """Every released answer set of the round with its answers and their themes, in a few queries.

    An ended anonymous round first releases what still waits in the pool. Ordered by their random
    ids, so the order says nothing about who answered when.
    """
    found = db.session.get(FeedbackRound, round_id)
    if found is not None:
        pool.release_if_ended(found, today())
    query = (select(FeedbackResponse)
             .where(FeedbackResponse.round_id == round_id, FeedbackResponse.sent.is_(True))
             .options(selectinload(FeedbackResponse.answers).selectinload(FeedbackAnswer.themes))
             .order_by(FeedbackResponse.id))
    return list(db.session.scalars(query))


def _asked(found: FeedbackRound) -> tuple[int, dict[int, int], list[Group]]:
    """How many learners the round asks, in all and per group, and the groups to report on."""
    learners = select(User.id).where(User.role == Role.LEARNER, User.active.is_(True))
    members = (select(group_members.c.group_id, func.count())
               .where(group_members.c.user_id.in_(learners.scalar_subquery()))
               .group_by(group_members.c.group_id))
    if found.all_learners:
        total = db.session.scalar(select(func.count()).select_from(learners.subquery())) or 0
        per_group = dict(db.session.execute(members).all())
        groups = list(db.session.scalars(select(Group).where(Group.id.in_(per_group)).order_by(Group.name)))
    else:
        ids = [g.id for g in found.groups]
        per_group = dict(db.session.execute(members.where(group_members.c.group_id.in_(ids))).all())
        total = db.session.scalar(select(func.count(func.distinct(group_members.c.user_id))).where(
            group_members.c.group_id.in_(ids), group_members.c.user_id.in_(learners.scalar_subquery()))) or 0
        groups = list(found.groups)
    return total, per_group, groups


def _answered_per_group(round_id: int) -> dict[int, int]:
    query = (select(group_members.c.group_id, func.count())
             .join(FeedbackParticipation, FeedbackParticipation.learner_id == group_members.c.user_id)
             .where(FeedbackParticipation.round_id == round_id)
             .group_by(group_members.c.group_id))
    return dict(db.session.execute(query).all())


def is_stepped(found: FeedbackRound) -> bool:
    """Whether the round's answered numbers are shown in steps: anonymous and still taking answers."""
    return found.anonymous and found.accepts_answers(today())


def stepped(found: FeedbackRound, count: int) -> int:
    """A number who have answered as shown: down to a whole step of MIN_ANSWERS while `is_stepped`."""
    return count - count % MIN_ANSWERS if is_stepped(found) else count


def answered_count(found: FeedbackRound) -> int:
    """How many have answered the round, as staff may see it now."""
    return stepped(found, db.session.scalar(select(func.count()).select_from(FeedbackParticipation).where(
        FeedbackParticipation.round_id == found.id)) or 0)


def visible(found: FeedbackRound, count: int) -> bool:
    """Whether answers this many may be shown: always in a named round, from five in an anonymous one."""
    return not found.anonymous or count >= MIN_ANSWERS


def round_results(actor: User, round_id: int) -> RoundResults:
    """The round's results for staff, in a fixed number of queries whatever the number of answers."""
    found = get_round(actor, round_id)
    responses = sent_responses(found.id)
    asked, asked_per_group, groups = _asked(found)
    answered_per_group = _answered_per_group(found.id)
    answered = len(responses)
    group_results = []
    for group in groups:
        tagged = [r for r in responses if group.id in (r.group_ids or [])]
        group_results.append(GroupResult(
            group, asked_per_group.get(group.id, 0), stepped(found, answered_per_group.get(group.id, 0)),
            tally(found.questions, tagged) if tagged and visible(found, len(tagged)) else None))
    themes = db.session.execute(
        select(FeedbackTheme, func.count(answer_themes.c.answer_id))
        .outerjoin(answer_themes, answer_themes.c.theme_id == FeedbackTheme.id)
        .where(FeedbackTheme.round_id == found.id).group_by(FeedbackTheme.id).order_by(FeedbackTheme.name)
    ).all() if visible(found, answered) else []
    return RoundResults(found, asked, answered_count(found),
                        tally(found.questions, responses) if visible(found, answered) else None,
                        group_results, [(theme, count) for theme, count in themes], is_stepped(found))


# --- themes on free-text answers ----------------------------------------------------------------


def _text_answer(actor: User, round_id: int, answer_id: str) -> tuple[FeedbackRound, FeedbackAnswer]:
    found = get_round(actor, round_id)
    answer = db.session.get(FeedbackAnswer, answer_id)
    if (answer is None or answer.response.round_id != found.id or not answer.response.sent
            or answer.question.kind != QuestionKind.TEXT):
        raise NotFound()
    return found, answer


def tag_answer(actor: User, round_id: int, answer_id: str, theme_name: str) -> FeedbackTheme:
    """Tag a free-text answer with a theme of the round; a new name makes a new theme."""
    found, answer = _text_answer(actor, round_id, answer_id)
    name = " ".join((theme_name or "").split())
    if not name or len(name) > 60:
        raise Invalid(N_("Write a theme of 1 to 60 characters."))
    theme = db.session.scalar(select(FeedbackTheme).where(FeedbackTheme.round_id == found.id,
                                                          func.lower(FeedbackTheme.name) == name.lower()))
    if theme is None:
        theme = FeedbackTheme(round_id=found.id, name=name)
        db.session.add(theme)
    if theme not in answer.themes:
        answer.themes.append(theme)
    db.session.flush()
    audit.record(actor, "feedback.theme.tag", found, {"theme": theme.name})
    return theme


def untag_answer(actor: User, round_id: int, answer_id: str, theme_id: int) -> None:
    _found, answer = _text_answer(actor, round_id, answer_id)
    answer.themes = [t for t in answer.themes if t.id != theme_id]
    db.session.flush()
