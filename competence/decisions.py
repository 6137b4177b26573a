"""Coach decisions on a learner's objectives: accepted with a grade, more needed, or not accepted.

A decision is never changed. A new decision on the same objective supersedes the learner's previous
one (a correction when that one was final); the latest decision is the objective's current state and
the whole chain stays visible. Points follow at once through the ledger.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core import audit, notifications
from app.core.accounts.models import User
from app.core.accounts.policy import require_learner
from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from competence import ledger
from competence.grades import scale_values
from competence.models import Decision, Method, Objective, Outcome, Unit

MAX_NOTE = 4000
NO_DECISION = ""


def get_objective(code: str) -> Objective:
    objective = db.session.scalar(
        select(Objective).where(Objective.code == code, Objective.archived_at.is_(None))
        .options(selectinload(Objective.unit).selectinload(Unit.area))
    )
    if objective is None:
        raise NotFound()
    return objective


# --- what a coach can choose, as one value per objective -------------------------------------------


def choices_for(unit: Unit) -> list[str]:
    """The values a decision select offers for an objective of the unit: accepted with each grade of
    the unit's scale, more needed, not accepted ("accepted:3", "more_needed", "not_accepted").
    """
    return choices_of(scale_values(unit))


def choices_of(grades) -> list[str]:
    """The decision values for a scale of these grades (a snapshot unit's `scale_values`)."""
    return [f"{Outcome.ACCEPTED}:{grade}" for grade in grades] + [
        str(Outcome.MORE_NEEDED), str(Outcome.NOT_ACCEPTED)]


def parse_choice(value: str | None) -> tuple[Outcome, str | None] | None:
    """(outcome, grade) from a select's value; None for "no decision now"."""
    value = (value or "").strip()
    if value == NO_DECISION:
        return None
    outcome, _, grade = value.partition(":")
    try:
        outcome = Outcome(outcome)
    except ValueError as error:
        raise Invalid(N_("Choose a decision from the list.")) from error
    return outcome, (grade or None)


# --- recording -----------------------------------------------------------------------------------------


def decide(assessor, learner_id: int, objective_code: str, outcome, grade: str | None = None, *,
           method, note: str = "", submission_id: int | None = None, recognition_id: int | None = None,
           ) -> Decision:
    """Record the assessor's decision on one objective of a learner they coach, then credit or
    reverse the unit's points as the decision requires.
    """
    if assessor.is_learner:
        raise NotFound()  # only coaches and admins assess
    learner = require_learner(assessor, learner_id)
    objective = get_objective(objective_code)
    outcome, method = _enum(Outcome, outcome), _enum(Method, method)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise Invalid(N_("The message is too long (at most 4,000 characters)."))
    grade = _checked_grade(objective.unit, outcome, grade, note)
    previous = latest_decision(learner.id, objective.id)
    decision = Decision(
        learner_id=learner.id, objective_id=objective.id, outcome=outcome, grade=grade, method=method,
        note=note, submission_id=submission_id, recognition_id=recognition_id, assessor_id=assessor.id,
        decided_at=utcnow(), supersedes_id=previous.id if previous else None,
    )
    db.session.add(decision)
    db.session.flush()
    audit.record(assessor, "decision.record", decision, {
        "learner_id": learner.id, "objective": objective.code, "outcome": str(outcome), "grade": grade,
        "method": str(method), "supersedes_id": decision.supersedes_id,
        "submission_id": submission_id, "recognition_id": recognition_id,
    })
    if submission_id is None and recognition_id is None:  # a review or a request tells of its own decisions
        notifications.tell_learner(learner.id, notifications.Kind.DECISION, decision.id, objective=objective.code,
                                   name=objective.name, outcome=str(outcome))
    ledger.credit_unit_if_complete(learner, objective.unit, assessor)
    return decision


def _enum(kind, value):
    try:
        return kind(value)
    except ValueError as error:
        raise Invalid(N_("Choose a decision from the list.")) from error


def _checked_grade(unit: Unit, outcome: Outcome, grade: str | None, note: str) -> str | None:
    if outcome == Outcome.ACCEPTED:
        if grade is None or str(grade) not in scale_values(unit):
            raise Invalid(N_("Choose a grade on the unit's scale: %(values)s."),
                          values=", ".join(scale_values(unit)))
        return str(grade)
    if grade:
        raise Invalid(N_("A grade is given only when the objective is accepted."))
    if not note:
        if outcome == Outcome.MORE_NEEDED:
            raise Invalid(N_("Write a message: tell the learner what more is needed."))
        raise Invalid(N_("Write the reason why the objective is not accepted."))
    return None


# --- reading --------------------------------------------------------------------------------------------


def latest_decision(learner_id: int, objective_id: int) -> Decision | None:
    return db.session.scalar(
        select(Decision).where(Decision.learner_id == learner_id, Decision.objective_id == objective_id)
        .order_by(Decision.id.desc()).limit(1)
    )


@dataclass(frozen=True)
class DecisionRecord:
    """A decision as the pages and the certificate record show it, with its assessor's name and title."""

    id: int
    objective_id: int
    outcome: str
    grade: str | None
    method: str
    note: str
    decided_at: datetime
    supersedes_id: int | None
    assessor_name: str
    assessor_title: str | None
    assessor_role: str


def decisions_of(learner_id: int) -> dict[int, list[DecisionRecord]]:
    """{objective id: the learner's decisions on it, newest first}, in one query."""
    query = (select(Decision.id, Decision.objective_id, Decision.outcome, Decision.grade, Decision.method,
                    Decision.note, Decision.decided_at, Decision.supersedes_id,
                    User.display_name.label("assessor_name"), User.title.label("assessor_title"),
                    User.role.label("assessor_role"))
             .join(User, User.id == Decision.assessor_id)
             .where(Decision.learner_id == learner_id)
             .order_by(Decision.id.desc()))
    result: dict[int, list[DecisionRecord]] = {}
    for row in db.session.execute(query):
        result.setdefault(row.objective_id, []).append(DecisionRecord(**row._mapping))
    return result


def is_correction(decision: DecisionRecord, by_id: dict[int, DecisionRecord]) -> bool:
    """A decision that replaces a final one (accepted or not accepted) corrects it."""
    previous = by_id.get(decision.supersedes_id) if decision.supersedes_id else None
    return previous is not None and previous.outcome != Outcome.MORE_NEEDED
