"""The points ledger: a unit's osp are credited once all its compulsory objectives are accepted, and
reversed when a later decision takes one back. Rows are only ever added; totals are sums.

Double crediting is impossible in the database (see PointsEntry): each new row takes the next `seq`
of its learner and unit, credits at odd and reversals at even numbers, unique together. When two
coaches credit at the same moment, one insert fails; that one rolls back to its savepoint, reads
the ledger again and finds the unit already credited.
"""

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.core import audit
from app.core.db import db, utcnow
from competence.models import Decision, EntryKind, Objective, Outcome, PointsEntry, Unit

ATTEMPTS = 3


def current_decisions(learner_id: int, unit: Unit) -> dict[int, Decision]:
    """The latest decision on each objective of the unit for the learner, by objective id."""
    latest = (
        select(func.max(Decision.id))
        .join(Objective, Objective.id == Decision.objective_id)
        .where(Decision.learner_id == learner_id, Objective.unit_id == unit.id)
        .group_by(Decision.objective_id)
    )
    rows = db.session.scalars(select(Decision).where(Decision.id.in_(latest)))
    return {d.objective_id: d for d in rows}


def required_objectives(unit: Unit) -> list[Objective]:
    """The objectives that must all be accepted: the unit's live, compulsory ones."""
    return [o for o in unit.objectives if o.archived_at is None and o.compulsory]


def completing_decisions(learner_id: int, unit: Unit) -> list[Decision] | None:
    """The accepted decisions that complete the unit, or None while any objective is not accepted."""
    required = required_objectives(unit)
    current = current_decisions(learner_id, unit)
    chosen = [current.get(o.id) for o in required]
    if not required or any(d is None or d.outcome != Outcome.ACCEPTED for d in chosen):
        return None
    return chosen


def last_entry(learner_id: int, unit_id: int) -> PointsEntry | None:
    return db.session.scalar(
        select(PointsEntry).where(PointsEntry.learner_id == learner_id, PointsEntry.unit_id == unit_id)
        .order_by(PointsEntry.seq.desc()).limit(1)
    )


def credit_unit_if_complete(learner, unit: Unit, actor) -> PointsEntry | None:
    """Credit the unit's osp when it is complete and not credited; reverse the credit when it is
    credited but no longer complete. Returns the new entry, or None when nothing had to change.
    """
    if unit.osp <= 0:
        return None
    for _ in range(ATTEMPTS):
        entry = _next_entry(learner.id, unit, actor)
        if entry is None:
            return None
        savepoint = db.session.begin_nested()
        try:
            db.session.add(entry)
            db.session.flush()
        except IntegrityError:
            # Another transaction wrote this seq first: read the ledger again and decide anew.
            savepoint.rollback()
            db.session.expire_all()
            continue
        savepoint.commit()
        action = "points.credit" if entry.kind == EntryKind.CREDIT else "points.reversal"
        audit.record(actor, action, entry, {"learner_id": learner.id, "unit": unit.code,
                                            "points": entry.points, "decision_ids": entry.decision_ids})
        return entry
    return None


def _next_entry(learner_id: int, unit: Unit, actor) -> PointsEntry | None:
    decisions = completing_decisions(learner_id, unit)
    last = last_entry(learner_id, unit.id)
    credited = last is not None and last.kind == EntryKind.CREDIT
    seq = (last.seq if last else 0) + 1
    common = {"learner_id": learner_id, "unit_id": unit.id, "seq": seq, "created_by_id": actor.id,
              "created_at": utcnow()}
    if decisions is not None and not credited:
        return PointsEntry(kind=EntryKind.CREDIT, points=unit.osp, decision_ids=[d.id for d in decisions],
                           **common)
    if decisions is None and credited:
        current = current_decisions(learner_id, unit)
        return PointsEntry(kind=EntryKind.REVERSAL, points=-last.points, reverses_id=last.id,
                           decision_ids=sorted(d.id for d in current.values() if d.outcome != Outcome.ACCEPTED),
                           **common)
    return None


# --- reading the ledger ----------------------------------------------------------------------


def entries(learner_id: int) -> list[PointsEntry]:
    """Every entry of the learner, oldest first."""
    return list(db.session.scalars(select(PointsEntry).where(PointsEntry.learner_id == learner_id)
                                   .order_by(PointsEntry.id)))


def balances(learner_ids: list[int]) -> dict[int, dict[int, int]]:
    """{learner id: {unit id: points}}: the sum of the ledger per learner and unit, in one query (one
    learner's, with the newest decisions, in competence.standing).
    """
    if not learner_ids:
        return {}
    query = (select(PointsEntry.learner_id, PointsEntry.unit_id, func.sum(PointsEntry.points))
             .where(PointsEntry.learner_id.in_(learner_ids))
             .group_by(PointsEntry.learner_id, PointsEntry.unit_id))
    result: dict[int, dict[int, int]] = {learner_id: {} for learner_id in learner_ids}
    for learner_id, unit_id, points in db.session.execute(query):
        result[learner_id][unit_id] = int(points or 0)
    return result


def total_points(learner_id: int) -> int:
    """The learner's competence points: the sum of every entry, never a stored number."""
    total = db.session.scalar(select(func.sum(PointsEntry.points)).where(PointsEntry.learner_id == learner_id))
    return int(total or 0)
