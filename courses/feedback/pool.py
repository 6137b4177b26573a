"""Releasing an anonymous round's sent answers from the pool, at least five at a time.

A learner's send writes only the participation marker and marks their sealed pool row sent. A
release, in a transaction of its own, opens the sent rows and rewrites every answer of the round:
it deletes them and inserts them all again in a random order, so that every answer row of the round
has the same transaction (PostgreSQL's `xmin`), the physical order (`ctid`) is a shuffle, and no
row tells which release brought it. Until five sent answers wait, nothing is released, so results
change only in steps that bring at least five answers; when the round ends, the rest are released.
"""

import secrets
from datetime import date

from sqlalchemy import delete, func, insert, select

from app.core.db import db
from courses.feedback.models import (
    MIN_ANSWERS,
    FeedbackAnswer,
    FeedbackPending,
    FeedbackResponse,
    FeedbackRound,
    answer_themes,
    random_key,
)
from courses.feedback.sealing import unseal


def _shuffled(rows: list[dict]) -> list[dict]:
    secrets.SystemRandom().shuffle(rows)
    return rows


def waiting(round_id: int) -> int:
    """How many sent answers of the round wait in the pool."""
    return db.session.scalar(select(func.count()).select_from(FeedbackPending).where(
        FeedbackPending.round_id == round_id, FeedbackPending.sent.is_(True))) or 0


def release(round_id: int, *, everything: bool = False) -> int:
    """Release the round's sent answers if at least MIN_ANSWERS wait (any number with `everything`).

    Returns how many were released. Run it in a transaction that writes nothing else about a learner.
    """
    db.session.flush()
    # One release at a time per round: a second waits here and then finds the pool empty.
    db.session.execute(select(FeedbackRound.id).where(FeedbackRound.id == round_id).with_for_update())
    sent = list(db.session.scalars(select(FeedbackPending).where(
        FeedbackPending.round_id == round_id, FeedbackPending.sent.is_(True))))
    if not sent or (len(sent) < MIN_ANSWERS and not everything):
        return 0
    responses, answers, links = FeedbackResponse.__table__, FeedbackAnswer.__table__, answer_themes
    new_responses, new_answers = [], []
    for row in sent:
        data = unseal(round_id, row.sealed)
        db.session.delete(row)
        if data is None:  # sealed under an earlier secret key: it cannot be opened any more
            continue
        response_id = random_key()
        new_responses.append({"id": response_id, "round_id": round_id, "learner_id": None,
                              "group_ids": data["groups"], "sent": True})
        new_answers += [{"id": random_key(), "response_id": response_id, "question_id": int(question_id),
                         "number": values["number"], "numbers": values["numbers"], "text": values["text"]}
                        for question_id, values in data["answers"].items()]
    db.session.flush()
    of_round = select(responses.c.id).where(responses.c.round_id == round_id)
    answers_of_round = select(answers.c.id).where(answers.c.response_id.in_(of_round))
    old_responses = [dict(r) for r in db.session.execute(select(responses).where(
        responses.c.round_id == round_id)).mappings()]
    old_answers = [dict(r) for r in db.session.execute(select(answers).where(
        answers.c.response_id.in_(of_round))).mappings()]
    old_links = [dict(r) for r in db.session.execute(select(links).where(
        links.c.answer_id.in_(answers_of_round))).mappings()]
    db.session.execute(delete(links).where(links.c.answer_id.in_(answers_of_round)))
    db.session.execute(delete(answers).where(answers.c.response_id.in_(of_round)))
    db.session.execute(delete(responses).where(responses.c.round_id == round_id))
    for table, rows in ((responses, old_responses + new_responses), (answers, old_answers + new_answers),
                        (links, old_links)):
        if rows:
            db.session.execute(insert(table), _shuffled(rows))
    db.session.expire_all()
    return len(new_responses)


def release_if_ended(found: FeedbackRound, on: date) -> int:
    """Once an anonymous round takes no more answers, release what waits and drop unsent drafts."""
    if not found.anonymous or found.accepts_answers(on):
        return 0
    if not db.session.scalar(select(func.count()).select_from(FeedbackPending).where(
            FeedbackPending.round_id == found.id)):
        return 0
    released = release(found.id, everything=True)
    db.session.execute(delete(FeedbackPending).where(FeedbackPending.round_id == found.id))
    return released
