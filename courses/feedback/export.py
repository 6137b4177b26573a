"""A round's answers as CSV rows, with the anonymity rules of the results pages."""

from dataclasses import dataclass

from sqlalchemy import select

from app.core.accounts.models import Group, User
from app.core.db import db
from app.core.errors import Invalid
from app.core.i18n import N_
from courses.feedback.models import FeedbackQuestion, QuestionKind
from courses.feedback.results import sent_responses, visible
from courses.feedback.rounds import get_round


@dataclass
class Export:
    fixed: list[str]  # msgids of the first columns, for the web layer to translate
    questions: list[str]
    rows: list[list[str]]


def _cell(question: FeedbackQuestion, value) -> str:
    if value is None:
        return ""
    if question.kind == QuestionKind.TEXT:
        return value
    if question.kind == QuestionKind.SCALE:
        return str(value)
    if question.kind == QuestionKind.MULTIPLE:
        return "; ".join(question.choices[v] for v in value if v < len(question.choices))
    return question.choices[value] if value < len(question.choices) else ""


def export_answers(actor: User, round_id: int) -> Export:
    """One row per sent answer set: in a named round with the learner, else in random order.

    An anonymous round exports only from five answers, and a group only where five answers carry it.
    """
    found = get_round(actor, round_id)
    responses = sent_responses(found.id)
    if not visible(found, len(responses)):
        raise Invalid(N_("An anonymous round's answers can be exported from five answers on."))
    group_names = {g.id: g.name for g in _groups(responses)}
    tagged: dict[int, int] = {}
    for response in responses:
        for group_id in response.group_ids or []:
            tagged[group_id] = tagged.get(group_id, 0) + 1
    names = {}
    if not found.anonymous:
        names = {u.id: u.display_name for u in _learners([r.learner_id for r in responses])}
        responses.sort(key=lambda r: (names.get(r.learner_id, ""), r.id))
    rows = []
    for response in responses:
        values = {a.question_id: a.value for a in response.answers}
        groups = ", ".join(sorted(group_names[g] for g in response.group_ids or []
                                  if g in group_names and visible(found, tagged[g])))
        first = [names.get(response.learner_id, "")] if not found.anonymous else []
        rows.append([*first, groups, *(_cell(q, values.get(q.id)) for q in found.questions)])
    fixed = [N_("Learner"), N_("Groups")] if not found.anonymous else [N_("Groups")]
    return Export(fixed, [f"{q.position}. {q.text}" for q in found.questions], rows)


def _groups(responses) -> list[Group]:
    ids = {g for r in responses for g in (r.group_ids or [])}
    return list(db.session.scalars(select(Group).where(Group.id.in_(ids))))


def _learners(ids) -> list[User]:
    return list(db.session.scalars(select(User).where(User.id.in_(ids))))
