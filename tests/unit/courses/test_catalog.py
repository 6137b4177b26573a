"""The per-process snapshots of the courses and the framework are frozen, follow every committed
content import, in this worker and in others, and cost one query while they are current."""

import dataclasses
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from app import create_app
from app.core import content_cache
from app.core.db import db
from competence.catalog import framework
from courses.catalog import catalog
from courses.content_import import import_content
from courses.models import ProgressEvent
from tests.competence_factory import make_framework
from tests.conftest import make_config
from tests.course_factory import make_course, step

LESSON = "courses/demo/01-alku/01-eka.md"


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


def imported(content):
    """Import the content tree and commit, as `flask content import` does."""
    import_content(content.root)
    db.session.commit()


def test_the_snapshot_holds_the_live_tree_and_costs_one_query_when_current(app):
    """One token query, no rebuild, while the content token is the one the snapshot was built under."""
    make_course("K", modules=2)
    content_cache.renew()
    fresh_transaction()
    first = catalog()
    assert [m.code for m in first.modules_of[first.courses[0].id]] == ["K-M1", "K-M2"]
    assert first.steps[step("K-M1-L1").id].module.course.code == "K"
    assert first.steps[step("K-M1-L1").id].variants == {"selko": {"title": "Selko 1"}}
    fresh_transaction()
    with counted() as statements:
        again = catalog()
    assert again is first
    assert len(statements) == 1


def test_the_snapshots_are_frozen(app):
    """Entries cannot be changed in place: a request cannot alter what every other request reads."""
    make_course("K")
    make_framework()
    snapshot, units = catalog(), framework().units
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.live_steps()[0].title = "muutettu"
    with pytest.raises(TypeError):
        units[0].name["fi"] = "muutettu"
    assert isinstance(units[0].objectives, tuple)


def test_an_import_rebuilds_it(app, content):
    """A committed import renews the token, so the next read shows the new titles."""
    imported(content)
    assert "Eka" in titles()
    content.replace(LESSON, "title: Eka\n", "title: Ensimmäinen\n")
    imported(content)
    assert "Ensimmäinen" in titles() and "Eka" not in titles()


def test_a_rolled_back_import_leaves_the_old_snapshot_valid(app, content):
    """An import that is rolled back leaves the old token, so the snapshot built under it stays in use."""
    imported(content)
    first = catalog()
    content.replace(LESSON, "title: Eka\n", "title: Ei tallenneta\n")
    import_content(content.root)
    db.session.rollback()
    assert catalog() is first
    assert "Eka" in titles() and "Ei tallenneta" not in titles()


def test_a_rolled_back_import_that_was_read_leaves_no_trace(app, content):
    """The import's own transaction sees its new content; after a rollback, the old content is back."""
    imported(content)
    before = titles()
    content.replace(LESSON, "title: Eka\n", "title: Ei tallenneta\n")
    import_content(content.root)
    assert "Ei tallenneta" in titles()
    db.session.rollback()
    assert titles() == before


def test_other_writes_keep_the_snapshot(app, content, make_user):
    """Writes that are not a content import (a learner's progress) do not rebuild the snapshot."""
    imported(content)
    learner = make_user()
    first = catalog()
    db.session.add(ProgressEvent(learner_id=learner.id, step_id=step("DEMO-M1-L1").id, kind="opened"))
    fresh_transaction()
    assert catalog() is first


def test_every_worker_rebuilds_after_an_import(app, content, database_url, tmp_path):
    """Another worker keeps its snapshot until an import commits, then rebuilds it under the new token."""
    imported(content)
    other = create_app(make_config(database_url, STORAGE_DIR=str(tmp_path / "other")))
    with other.app_context():
        kept = catalog()
        assert "Eka" in [s.title for s in kept.live_steps()]
        old_token = content_cache.current_token()
        db.session.remove()
    content.replace(LESSON, "title: Eka\n", "title: Toisen prosessin muutos\n")
    import_content(content.root)
    with other.app_context():
        assert catalog() is kept  # not committed yet
        db.session.remove()
    db.session.commit()
    with other.app_context():
        assert content_cache.current_token() != old_token
        assert "Toisen prosessin muutos" in [s.title for s in catalog().live_steps()]
        db.session.remove()


def test_the_framework_snapshot_follows_imports_too(app, content):
    """The framework snapshot is rebuilt under a new token just as the course tree is."""
    imported(content)
    units = framework().units
    assert [u.code for u in units] == ["DEMO-A"] and all(u.objectives for u in units)
    content.replace("frameworks/demo.yaml", "name: {fi: Ensimmäinen}", "name: {fi: Uusi nimi}")
    imported(content)
    assert framework().units[0].name["fi"] == "Uusi nimi"
