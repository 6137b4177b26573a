"""The per-process snapshots of the courses and the framework follow every committed content change,
in this worker and in others, and cost one query while they are current."""

from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import event

from app import create_app
from app.core.db import db
from competence.catalog import framework
from competence.models import Unit
from courses.catalog import catalog
from courses.models import Module, ProgressEvent
from tests.competence_factory import make_framework
from tests.conftest import make_config
from tests.course_factory import make_course, step


@contextmanager
def counted():
    statements = []

    def listener(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def fresh_transaction():
    db.session.commit()
    db.session.expire_all()


def titles():
    return [s.title for s in catalog().live_steps()]


def test_the_snapshot_holds_the_live_tree_and_costs_one_query_when_current(app):
    make_course("K", modules=2)
    first = catalog()
    assert [m.code for m in first.modules_of[first.courses[0].id]] == ["K-M1", "K-M2"]
    assert first.steps[step("K-M1-L1").id].module.course.code == "K"
    assert first.steps[step("K-M1-L1").id].variants == {"selko": {"title": "Selko 1"}}
    fresh_transaction()
    with counted() as statements:
        again = catalog()
    assert again is first
    assert len(statements) == 1


def test_a_committed_change_rebuilds_it(app):
    make_course("K")
    assert "lesson L1" in titles()
    step("K-M1-L1").title = "Uusi otsikko"
    db.session.commit()
    assert "Uusi otsikko" in titles()
    db.session.get(Module, step("K-M1-L1").module_id).archived_at = datetime.now(UTC)
    db.session.commit()
    assert catalog().modules_of[catalog().courses[0].id] == ()


def test_a_rolled_back_change_leaves_no_trace(app):
    make_course("K")
    before = titles()
    step("K-M1-L1").title = "Ei tallenneta"
    db.session.flush()
    assert "Ei tallenneta" in titles()  # the transaction sees its own change
    db.session.rollback()
    assert titles() == before


def test_other_writes_keep_the_snapshot(app, make_user):
    make_course("K")
    learner = make_user()
    first = catalog()
    db.session.add(ProgressEvent(learner_id=learner.id, step_id=step("K-M1-L1").id, kind="opened"))
    fresh_transaction()
    assert catalog() is first


def test_another_worker_sees_the_change_when_it_is_committed(app, database_url, tmp_path):
    make_course("K")
    other = create_app(make_config(database_url, STORAGE_DIR=str(tmp_path / "other")))
    with other.app_context():
        assert "lesson L1" in titles()
    step("K-M1-L1").title = "Toisen prosessin muutos"
    db.session.flush()
    with other.app_context():
        assert "Toisen prosessin muutos" not in titles()  # not committed yet
    db.session.commit()
    with other.app_context():
        assert "Toisen prosessin muutos" in titles()
        db.session.remove()


def test_the_framework_snapshot_follows_changes_too(app):
    make_framework()
    units = framework().units
    assert units and all(u.objectives for u in units)
    unit = db.session.get(Unit, units[0].id)
    unit.name = {**unit.name, "fi": "Uusi nimi"}
    db.session.commit()
    assert framework().units[0].name["fi"] == "Uusi nimi"
    unit.archived_at = datetime.now(UTC)
    db.session.commit()
    assert unit.id not in [u.id for u in framework().units]
