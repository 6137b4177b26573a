"""The points ledger: credited once, reversed by a negative correction, totals are sums."""

from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from app.core.accounts.models import Role, User
from app.core.audit import AuditEvent
from app.core.db import db, utcnow
from competence import decisions, ledger
from competence.models import EntryKind, PointsEntry
from tests.competence_factory import make_framework

OBJECTIVES = ["TET-TT-1", "TET-TT-2", "TET-PF-1"]


@pytest.fixture
def framework(app):
    return make_framework()


def accept(coach, learner, code, grade="3"):
    grade = "hyväksytty" if code.startswith("TET-PF") else grade
    return decisions.decide(coach, learner.id, code, "accepted", grade, method="task")


def test_credit_once_then_reversal_then_credit_again(world, framework):
    """Complete -> credit; a negative correction -> reversal; accepted again -> a new credit."""
    accept(world.coach, world.learner, "TET-TT-1")
    accept(world.coach, world.learner, "TET-TT-2")
    accept(world.coach, world.learner, "TET-TT-2", "5")  # a better grade changes no points
    assert [(e.kind, e.points, e.seq) for e in ledger.entries(world.learner.id)] == [(EntryKind.CREDIT, 2, 1)]
    decisions.decide(world.coach, world.learner.id, "TET-TT-1", "not_accepted", method="task",
                     note="Arvioitu väärin.")
    accept(world.coach, world.learner, "TET-TT-1")
    entries = ledger.entries(world.learner.id)
    assert [(e.kind, e.points, e.seq) for e in entries] == [
        (EntryKind.CREDIT, 2, 1), (EntryKind.REVERSAL, -2, 2), (EntryKind.CREDIT, 2, 3)]
    assert entries[1].reverses_id == entries[0].id
    assert ledger.total_points(world.learner.id) == 2
    actions = [a for (a,) in db.session.query(AuditEvent.action)
               .filter(AuditEvent.action.like("points.%")).order_by(AuditEvent.id)]
    assert actions == ["points.credit", "points.reversal", "points.credit"]


def test_credit_names_the_decisions(world, framework):
    """A credit refers to the accepted decisions that completed the unit."""
    first = accept(world.coach, world.learner, "TET-TT-1")
    second = accept(world.coach, world.learner, "TET-TT-2")
    (entry,) = ledger.entries(world.learner.id)
    assert sorted(entry.decision_ids) == sorted([first.id, second.id])
    assert entry.created_by_id == world.coach.id


def test_more_needed_on_a_credited_unit_reverses(world, framework):
    """Asking for more on an objective of a credited unit takes the points back."""
    accept(world.coach, world.learner, "TET-PF-1")
    assert ledger.total_points(world.learner.id) == 1
    decisions.decide(world.coach, world.learner.id, "TET-PF-1", "more_needed", method="workshop",
                     note="Näytä vielä kerran.")
    assert ledger.total_points(world.learner.id) == 0


def test_the_database_refuses_a_second_credit(world, framework):
    """Two credits for the same seq, or a credit at an even seq, cannot be stored."""
    unit = framework.graded
    row = {"learner_id": world.learner.id, "unit_id": unit.id, "points": 2, "decision_ids": [],
           "created_by_id": world.coach.id, "created_at": utcnow()}
    db.session.execute(insert(PointsEntry).values(seq=1, kind="credit", **row))
    for seq in (1, 2):
        savepoint = db.session.begin_nested()
        with pytest.raises(IntegrityError):
            db.session.execute(insert(PointsEntry).values(seq=seq, kind="credit", **row))
        savepoint.rollback()
    savepoint = db.session.begin_nested()
    with pytest.raises(IntegrityError):
        db.session.execute(insert(PointsEntry).values(seq=2, kind="reversal", **{**row, "points": 2}))
    savepoint.rollback()


def test_a_lost_race_rereads_and_does_nothing(world, framework, monkeypatch):
    """When another transaction credited first, the insert fails, rolls back to its savepoint and
    the service finds the unit credited: still one credit, and the caller's work is kept."""
    accept(world.coach, world.learner, "TET-TT-1")
    accept(world.coach, world.learner, "TET-TT-2")
    real_last_entry = ledger.last_entry
    calls = []

    def stale_once(learner_id, unit_id):
        """The first read misses the credit, as a concurrent transaction's read would."""
        calls.append(unit_id)
        return None if len(calls) == 1 else real_last_entry(learner_id, unit_id)

    monkeypatch.setattr(ledger, "last_entry", stale_once)
    assert ledger.credit_unit_if_complete(world.learner, framework.graded, world.admin) is None
    assert len(calls) == 2
    assert [e.kind for e in ledger.entries(world.learner.id)] == [EntryKind.CREDIT]
    assert decisions.latest_decision(world.learner.id, framework.graded.objectives[1].id) is not None


_numbers = count(1)
decision_steps = st.lists(
    st.tuples(st.sampled_from(OBJECTIVES), st.sampled_from(["accepted", "more_needed", "not_accepted"]),
              st.sampled_from(["1", "2", "3", "4", "5"])),
    min_size=1, max_size=14,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=decision_steps)
def test_any_sequence_of_decisions_keeps_the_ledger_true(world, framework, steps):
    """Whatever decisions and corrections come, in any order: the total is the sum of the entries,
    each unit's balance is 0 or its osp (osp exactly when all its objectives are accepted), and
    credits and reversals alternate, so nothing is ever credited twice."""
    learner = User(username=f"prop{next(_numbers)}", display_name="Prop", role=Role.LEARNER)
    learner.groups.append(world.group)
    db.session.add(learner)
    db.session.flush()
    for code, outcome, grade in steps:
        if outcome == "accepted":
            accept(world.coach, learner, code, grade)
        else:
            decisions.decide(world.coach, learner.id, code, outcome, method="task", note="Syy.")
    entries = ledger.entries(learner.id)
    assert ledger.total_points(learner.id) == sum(e.points for e in entries)
    balances = ledger.balances([learner.id])[learner.id]
    for unit in (framework.graded, framework.passed):
        unit_entries = [e for e in entries if e.unit_id == unit.id]
        assert [e.seq for e in unit_entries] == list(range(1, len(unit_entries) + 1))
        assert [e.kind for e in unit_entries] == [EntryKind.CREDIT, EntryKind.REVERSAL] * (len(unit_entries) // 2) \
            + [EntryKind.CREDIT] * (len(unit_entries) % 2)
        complete = ledger.completing_decisions(learner.id, unit) is not None
        assert balances.get(unit.id, 0) == (unit.osp if complete else 0)
