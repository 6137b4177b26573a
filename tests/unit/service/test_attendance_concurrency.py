"""Two coaches save the same day at the same moment: PostgreSQL keeps the first, the second is told."""

import threading
from datetime import date

import pytest
from sqlalchemy import select

from app.core.accounts.models import User
from app.core.db import db
from app.core.errors import Invalid
from service import attendance
from service.attendance_models import ParticipationDay
from tests.attendance_factory import make_day, make_period

MONDAY = date(2026, 11, 30)
TODAY = date(2026, 12, 3)


@pytest.fixture
def on_postgresql(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite lets only one writer in at a time, so no race can happen")


def _race(app, world, monkeypatch, choices_by_actor, versions):
    barrier = threading.Barrier(2)
    real_grid, local = attendance.week_grid, threading.local()
    outcomes, errors = {}, []

    def read_then_wait(*args, **kwargs):
        """Both saves read the week before either writes."""
        grid = real_grid(*args, **kwargs)
        if not getattr(local, "waited", False):
            local.waited = True
            barrier.wait(timeout=10)
        return grid

    monkeypatch.setattr(attendance, "week_grid", read_then_wait)
    group_id = world.group.id

    def save(actor_id, value):
        with app.app_context():
            try:
                actor = db.session.get(User, actor_id)
                key = (world_learner_id, MONDAY)
                attendance.record_week(actor, group_id, MONDAY, {key: value}, versions, on=TODAY)
                db.session.commit()
                outcomes[actor_id] = "saved"
            except Invalid as refusal:
                outcomes[actor_id] = refusal.message
                db.session.rollback()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
                db.session.rollback()
            finally:
                db.session.remove()

    world_learner_id = world.learner.id
    threads = [threading.Thread(target=save, args=item) for item in choices_by_actor.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return outcomes


def test_two_first_entries_of_a_day_leave_one(app, world, on_postgresql, monkeypatch, make_user):
    """Both coaches see no entry and save one: one row stays, the other save is refused as stale."""
    make_period(world.learner)
    substitute = make_user("coach", coached=[world.group])
    outcomes = _race(app, world, monkeypatch, {world.coach.id: "on_site", substitute.id: "remote"},
                     {(world.learner.id, MONDAY): 0})
    assert sorted(outcomes.values()) == sorted(["saved", attendance.STALE])
    db.session.expire_all()
    assert len(db.session.scalars(select(ParticipationDay)).all()) == 1


def test_two_corrections_of_a_day_keep_the_first(app, world, on_postgresql, monkeypatch, make_user):
    """Both coaches correct the same version of a day: the first correction stays, the second is refused."""
    make_period(world.learner)
    entry = make_day(world.learner, MONDAY, by=world.coach)
    substitute = make_user("coach", coached=[world.group])
    outcomes = _race(app, world, monkeypatch, {world.coach.id: "absent:ill", substitute.id: "remote"},
                     {(world.learner.id, MONDAY): entry.version})
    assert sorted(outcomes.values()) == sorted(["saved", attendance.STALE])
    db.session.expire_all()
    (row,) = db.session.scalars(select(ParticipationDay)).all()
    assert row.version == 2
