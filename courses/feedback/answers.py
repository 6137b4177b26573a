"""A learner answers a round: save as they go, send once; a named round's answers change until it closes.

Named rounds find the learner's answers by their id. Anonymous rounds cannot: the learner holds a
random key (the web layer keeps it in their signed session), and their draft is a sealed row of the
pool found by the key's hash. Sending adds a participation marker, which stops a second set of
answers, and leaves the sealed answers in the pool for `pool.release`: from then on nobody can find
them, not even the learner, so an anonymous answer cannot change once sent.
"""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.core.accounts.models import User, group_members
from app.core.db import db
from app.core.errors import Invalid
from app.core.i18n import N_
from courses.feedback.models import (
    MIN_ANSWERS,
    FeedbackAnswer,
    FeedbackParticipation,
    FeedbackPending,
    FeedbackQuestion,
    FeedbackResponse,
    FeedbackRound,
    QuestionKind,
)
from courses.feedback.rounds import has_answered, round_for_learner, today
from courses.feedback.sealing import seal, unseal

MAX_TEXT = 2000
# The most bytes one answer can take as JSON: a text character escaped as \uXXXX takes six.
TEXT_BYTES, CHOICE_BYTES, GROUP_BYTES = 6 * MAX_TEXT + 64, 64, 2048


def sealed_size(found: FeedbackRound) -> int:
    """The length every sealed answer set of the round is padded to: that of the longest possible one."""
    return GROUP_BYTES + sum(TEXT_BYTES if q.kind == QuestionKind.TEXT else CHOICE_BYTES + 4 * len(q.choices)
                             for q in found.questions)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass
class Draft:
    """An anonymous round's unsent answers, opened from their sealed pool row for the learner."""

    row: FeedbackPending
    answers: list[FeedbackAnswer] = field(default_factory=list)
    sent: bool = False

    def save(self, found: FeedbackRound, groups: list[int] | None = None) -> None:
        data = {"answers": {str(a.question_id): {"number": a.number, "numbers": a.numbers, "text": a.text}
                            for a in self.answers}, "groups": groups or []}
        self.row.sealed = seal(found.id, data, sealed_size(found))


def _draft(found: FeedbackRound, key: str | None) -> Draft | None:
    if not key:
        return None
    row = db.session.scalar(select(FeedbackPending).where(FeedbackPending.round_id == found.id,
                                                          FeedbackPending.key_hash == _hash(key)))
    data = unseal(found.id, row.sealed) if row is not None else None
    if data is None:
        return None
    return Draft(row, [FeedbackAnswer(question_id=int(q), **values) for q, values in data["answers"].items()])


def find_response(learner: User, found: FeedbackRound, key: str | None) -> FeedbackResponse | Draft | None:
    """The learner's own answers: a named round's by who they are, an anonymous draft by its key."""
    if found.anonymous:
        return _draft(found, key)
    return db.session.scalar(select(FeedbackResponse).where(FeedbackResponse.round_id == found.id,
                                                            FeedbackResponse.learner_id == learner.id))


def answers_of(response: FeedbackResponse | None) -> dict[int, object]:
    """{question id: value}: the scale value or option index, a list of option indexes, or text."""
    return {a.question_id: a.value for a in response.answers} if response else {}


def parse(question: FeedbackQuestion, raw: list[str]) -> dict | None:
    """The answer's column values from what a form sent, or None for no answer."""
    raw = [r.strip() for r in raw if r and r.strip()]
    if not raw:
        return None
    if question.kind == QuestionKind.TEXT:
        text = raw[0].replace("\r\n", "\n")
        if len(text) > MAX_TEXT:
            raise Invalid(N_("Keep your answer under %(max)s characters."), max=MAX_TEXT)
        return {"number": None, "numbers": None, "text": text}
    try:
        values = sorted({int(r) for r in raw})
    except ValueError:
        raise Invalid(N_("Choose one of the options.")) from None
    allowed = {value for value, _label in question.labels()}
    if not set(values) <= allowed or (question.kind != QuestionKind.MULTIPLE and len(values) > 1):
        raise Invalid(N_("Choose one of the options."))
    if question.kind == QuestionKind.MULTIPLE:
        return {"number": None, "numbers": values, "text": None}
    return {"number": values[0], "numbers": None, "text": None}


def _accepting(found: FeedbackRound, on: date | None) -> None:
    if not found.accepts_answers(on or today()):
        raise Invalid(N_("This round is not open for answers now."))


def save_answers(learner: User, round_id: int, raw: dict[int, list[str]], key: str | None = None,
                 on: date | None = None) -> tuple[FeedbackResponse | Draft, str | None]:
    """Save the answers to the questions in `raw` (others stay as they are); nothing is sent yet.

    Returns the learner's answers and, for an anonymous round, the key to keep for them.
    """
    found = round_for_learner(learner, round_id)
    _accepting(found, on)
    response = find_response(learner, found, key)
    if response is None:
        if has_answered(learner, found):
            raise Invalid(N_("You have already sent your answers to this round."))
        if found.anonymous:
            key = secrets.token_urlsafe(32)
            row = FeedbackPending(round_id=found.id, key_hash=_hash(key), sealed=b"")
            db.session.add(row)
            response = Draft(row)
        else:
            response = FeedbackResponse(round_id=found.id, learner_id=learner.id)
            db.session.add(response)
    current = {a.question_id: a for a in response.answers}
    for question in found.questions:
        if question.id not in raw:
            continue
        values = parse(question, raw[question.id])
        answer = current.get(question.id)
        if values is None and answer is not None:
            response.answers.remove(answer)
        elif values is not None and answer is None:
            response.answers.append(FeedbackAnswer(question_id=question.id, **values))
        elif values is not None:
            answer.number, answer.numbers, answer.text = values["number"], values["numbers"], values["text"]
    if response.sent:
        _check_complete(found, response)
    if isinstance(response, Draft):
        response.save(found)
    db.session.flush()
    return response, key


def missing_required(found: FeedbackRound, response: FeedbackResponse | None) -> list[FeedbackQuestion]:
    answered = set(answers_of(response))
    return [q for q in found.questions if q.required and q.id not in answered]


def _check_complete(found: FeedbackRound, response: FeedbackResponse) -> None:
    missing = missing_required(found, response)
    if missing:
        raise Invalid(N_("Answer the questions marked as needed: %(numbers)s."),
                      numbers=", ".join(str(q.position) for q in missing))
    if not response.answers:
        raise Invalid(N_("Answer at least one question before sending."))


def send(learner: User, round_id: int, key: str | None = None,
         on: date | None = None) -> FeedbackResponse | Draft:
    """Send the saved answers. A named round's count in the results now and sending again changes
    nothing; an anonymous round's wait in the pool until `pool.release` (run it in a new transaction).
    """
    found = round_for_learner(learner, round_id)
    _accepting(found, on)
    response = find_response(learner, found, key)
    if response is None:
        raise Invalid(N_("Answer at least one question before sending."))
    _check_complete(found, response)
    if not response.sent:
        if has_answered(learner, found):  # another browser, with another key, sent first
            raise Invalid(N_("You have already sent your answers to this round."))
        savepoint = db.session.begin_nested()
        try:
            db.session.add(FeedbackParticipation(round_id=found.id, learner_id=learner.id))
            db.session.flush()
        except IntegrityError:  # the other browser's send committed while this one was on its way
            savepoint.rollback()
            raise Invalid(N_("You have already sent your answers to this round.")) from None
        savepoint.commit()
        response.sent = True
        if isinstance(response, Draft):
            response.save(found, groups_to_record(found, learner))
            response.row.sent, response.row.key_hash = True, None
        else:
            response.group_ids = groups_to_record(found, learner)
    db.session.flush()
    return response


def _audience_groups(found: FeedbackRound, group_ids) -> frozenset[int]:
    return frozenset(group_ids if found.all_learners else set(group_ids) & {g.id for g in found.groups})


def groups_to_record(found: FeedbackRound, learner: User) -> list[int]:
    """The groups an answer is counted in. Named rounds: the learner's groups in the audience.

    Anonymous rounds: the same, but only once at least MIN_ANSWERS learners with exactly those
    groups have sent answers (this one included); until then none. So the groups on an answer
    always leave at least five learners it could be from, even when set beside who has answered.
    """
    mine = _audience_groups(found, [g.id for g in learner.groups])
    if not found.anonymous or not mine:
        return sorted(mine)
    participants = select(FeedbackParticipation.learner_id).where(FeedbackParticipation.round_id == found.id)
    rows = db.session.execute(select(group_members.c.user_id, group_members.c.group_id).where(
        group_members.c.user_id.in_(participants.scalar_subquery())))
    sets: dict[int, set[int]] = {}
    for user_id, group_id in rows:
        sets.setdefault(user_id, set()).add(group_id)
    alike = sum(1 for groups in sets.values() if _audience_groups(found, groups) == mine)
    return sorted(mine) if alike >= MIN_ANSWERS else []


def sent_count(round_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(FeedbackParticipation)
                             .where(FeedbackParticipation.round_id == round_id)) or 0
