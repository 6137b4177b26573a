"""A sub-area's grade, decided by its assessor when the sub-area is complete.

Verstas proposes the rounded mean of the objectives' grades (competence.grades.unit_grade); the
coach confirms it or sets another grade of the unit's scale. The decision belongs to the credit it
grades: when the credit is reversed and made again, the grade is decided again. A scale of one value
(pass/fail) needs no decision: its only value is the grade.
"""

from sqlalchemy import func, select

from app.core import audit
from app.core.accounts.models import User
from app.core.accounts.policy import require_learner
from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from competence import ledger
from competence.grades import scale_values, unit_grade
from competence.models import EntryKind, Outcome, PointsEntry, Unit, UnitGrade


def decided_grades(learner_ids: list[int]) -> dict[tuple[int, int], str]:
    """{(learner id, unit id): grade} of the learners' current credits whose grade is decided, in one
    query: the newest decision on each unit's latest ledger entry (a reversal has none).
    """
    if not learner_ids:
        return {}
    latest = (select(func.max(PointsEntry.id)).where(PointsEntry.learner_id.in_(learner_ids))
              .group_by(PointsEntry.learner_id, PointsEntry.unit_id))
    rows = db.session.execute(select(UnitGrade.learner_id, UnitGrade.unit_id, UnitGrade.grade)
                              .where(UnitGrade.entry_id.in_(latest)).order_by(UnitGrade.id))
    return {(row.learner_id, row.unit_id): row.grade for row in rows}


def grade_of(values, decided: str | None) -> str | None:
    """The grade to show for a credited unit: the decided one, or the only value of a one-value scale."""
    if decided:
        return decided
    values = list(values)
    return values[0] if len(values) == 1 else None


def proposed_grade(learner_id: int, unit: Unit) -> str | None:
    """The rounded mean of the grades of the unit's accepted compulsory objectives."""
    current = ledger.current_decisions(learner_id, unit)
    grades = [current[o.id].grade for o in ledger.required_objectives(unit)
              if o.id in current and current[o.id].outcome == Outcome.ACCEPTED and current[o.id].grade]
    return unit_grade(grades)


def decide_grade(assessor, learner_id: int, unit_code: str, grade: str) -> UnitGrade:
    """Record the assessor's grade for the learner's credited unit; the view commits."""
    if assessor.is_learner:
        raise NotFound()
    learner = require_learner(assessor, learner_id)
    unit = db.session.scalar(select(Unit).where(Unit.code == unit_code, Unit.archived_at.is_(None)))
    if unit is None:
        raise NotFound()
    entry = ledger.last_entry(learner.id, unit.id)
    if entry is None or entry.kind != EntryKind.CREDIT:
        raise Invalid(N_("A grade is decided when every objective of the unit is accepted."))
    if grade not in scale_values(unit):
        raise Invalid(N_("Choose a grade of the unit's scale."))
    decision = UnitGrade(learner_id=learner.id, unit_id=unit.id, entry_id=entry.id, grade=grade,
                         proposed=proposed_grade(learner.id, unit), decided_by_id=assessor.id, decided_at=utcnow())
    db.session.add(decision)
    db.session.flush()
    audit.record(assessor, "unit_grade.decide", decision, {
        "learner_id": learner.id, "unit": unit.code, "grade": grade, "proposed": decision.proposed,
        "entry_id": entry.id})
    return decision


def grade_deciders(learner_id: int) -> dict[str, tuple]:
    """{unit code: (decided_at, decider's name)} of the learner's current decided grades, in one query."""
    latest = (select(func.max(PointsEntry.id)).where(PointsEntry.learner_id == learner_id)
              .group_by(PointsEntry.unit_id))
    rows = db.session.execute(select(Unit.code, UnitGrade.decided_at, User.display_name)
                              .join(Unit, Unit.id == UnitGrade.unit_id)
                              .join(User, User.id == UnitGrade.decided_by_id)
                              .where(UnitGrade.entry_id.in_(latest)).order_by(UnitGrade.id))
    return {row.code: (row.decided_at, row.display_name) for row in rows}
