"""On PostgreSQL a request's transaction that only read ends with COMMIT, so the connection keeps its
prepared statements (issue 7); one that wrote or failed without committing still rolls back, on
PostgreSQL and SQLite alike."""

import pytest
from flask import abort
from sqlalchemy import event, text, update

from app.core.accounts.models import User
from app.core.db import db


@pytest.fixture
def endings(app):
    seen = []

    def on_commit(connection):
        seen.append("commit")

    def on_rollback(connection):
        seen.append("rollback")

    event.listen(db.engine, "commit", on_commit)
    event.listen(db.engine, "rollback", on_rollback)
    yield seen
    event.remove(db.engine, "commit", on_commit)
    event.remove(db.engine, "rollback", on_rollback)


def _name(user_id):
    db.session.expire_all()
    return db.session.get(User, user_id).display_name


@pytest.fixture
def on_postgresql(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only (./scripts/test runs this on a throwaway server)")


def test_a_page_that_only_reads_ends_with_commit(world, as_user, endings, on_postgresql):
    client = as_user(world.learner)
    endings.clear()
    assert client.get("/learn/").status_code == 200
    assert endings == ["commit"]


@pytest.mark.parametrize("how", ["flushed", "core update", "refused after flush", "crashed after flush"])
def test_a_request_that_wrote_without_committing_rolls_back(app, world, endings, how):
    learner_id = world.learner.id

    def view():
        if how == "core update":
            db.session.connection().execute(update(User).where(User.id == learner_id).values(display_name="X"))
            return "ok"
        db.session.get(User, learner_id).display_name = "X"
        db.session.flush()
        if how == "refused after flush":
            abort(400)
        if how == "crashed after flush":
            raise RuntimeError("after the flush")
        return "ok"

    app.add_url_rule("/_write", "write", view)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    endings.clear()
    app.test_client().get("/_write")
    assert endings == ["rollback"]
    assert _name(learner_id) == "Leena Oppija"


def test_pending_changes_are_never_committed_by_the_ending(app, world, endings):
    learner_id = world.learner.id

    def view():
        db.session.execute(text("SELECT 1"))
        db.session.get(User, learner_id).display_name = "X"  # changed, never flushed
        return "ok"

    app.add_url_rule("/_pending", "pending", view)
    endings.clear()
    app.test_client().get("/_pending")
    assert endings == ["rollback"]
    assert _name(learner_id) == "Leena Oppija"


def test_postgresql_keeps_the_prepared_statements_between_pages(app, world, as_user, on_postgresql):
    client = as_user(world.learner)
    db.session.remove()
    db.engine.dispose()  # one fresh connection, which every request below reuses
    for _ in range(7):
        assert client.get("/learn/").status_code == 200
    with db.engine.connect() as connection:
        prepared = connection.exec_driver_sql("SELECT statement FROM pg_prepared_statements").scalars().all()
    assert any("progress_event" in statement for statement in prepared), prepared


def test_a_failed_flush_that_the_view_swallowed_still_ends_quietly_in_rollback(app, world, endings):
    learner_id = world.learner.id

    def view():
        db.session.add(User(username=world.learner.username, display_name="Twin", role="learner"))
        try:
            db.session.flush()
        except Exception:  # noqa: BLE001 - the view forgets to roll back
            return "swallowed"
        return "not reached"

    app.add_url_rule("/_failed", "failed", view)
    endings.clear()
    response = app.test_client().get("/_failed")
    assert response.status_code == 200 and response.get_data(as_text=True) == "swallowed"
    assert endings[-1] == "rollback"
    assert _name(learner_id) == "Leena Oppija"


def test_the_review_queue_writes_its_statuses_into_the_statements(world, as_user):
    """PostgreSQL plans a prepared statement once only when the plan cannot depend much on the values;
    a status filter does ("submitted" is a few rows of many), so the queue's statuses are part of the
    text (app.core.db.constant), not parameters."""
    client = as_user(world.coach)
    statements = []

    def listener(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get("/coach/reviews").status_code == 200
        assert client.get(f"/coach/groups/{world.group.id}").status_code == 200  # the menu's count
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    queue_statements = [sql for sql in statements if "FROM submission" in sql or "FROM recognition_request" in sql]
    assert len(queue_statements) >= 3, statements
    for sql in queue_statements:
        assert "'submitted'" in sql or "'sent'" in sql, sql
