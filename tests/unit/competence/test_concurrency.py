"""Two coaches credit the same unit at the same moment: PostgreSQL keeps exactly one credit."""

import threading

import pytest
from sqlalchemy import select

from app.core.accounts.models import User
from app.core.db import db
from competence import decisions, ledger
from competence.models import EntryKind, PointsEntry, Unit
from tests.competence_factory import make_framework


@pytest.fixture
def on_postgresql(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite lets only one writer in at a time, so no race can happen "
                    "(./scripts/test runs this on a throwaway PostgreSQL)")


def test_two_simultaneous_credits_leave_one_row(app, world, on_postgresql, monkeypatch):
    """Both transactions read an uncredited, complete unit and insert; one wins, the other rereads."""
    framework = make_framework()
    decisions.decide(world.coach, world.learner.id, "TET-TT-1", "accepted", "3", method="task")
    decisions.decide(world.coach, world.learner.id, "TET-TT-2", "accepted", "3", method="task")
    db.session.execute(PointsEntry.__table__.delete())  # the unit is complete but not yet credited
    db.session.commit()
    learner_id, unit_id, actor_ids = world.learner.id, framework.graded.id, (world.coach.id, world.admin.id)
    barrier = threading.Barrier(2)
    results, errors = [], []
    real_last_entry, local = ledger.last_entry, threading.local()

    def read_then_wait(learner_id, unit_id):
        """Each thread's first read of the ledger happens before either thread writes."""
        entry = real_last_entry(learner_id, unit_id)
        if not getattr(local, "waited", False):
            local.waited = True
            barrier.wait(timeout=10)
        return entry

    monkeypatch.setattr(ledger, "last_entry", read_then_wait)

    def credit(actor_id):
        with app.app_context():
            try:
                learner, actor = db.session.get(User, learner_id), db.session.get(User, actor_id)
                unit = db.session.get(Unit, unit_id)
                results.append(ledger.credit_unit_if_complete(learner, unit, actor) is not None)
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
                db.session.rollback()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=credit, args=(actor_id,)) for actor_id in actor_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    db.session.expire_all()
    rows = db.session.scalars(select(PointsEntry).where(PointsEntry.learner_id == learner_id)).all()
    assert [(r.kind, r.points) for r in rows] == [(EntryKind.CREDIT, 2)]
    assert sorted(results) == [False, True]
