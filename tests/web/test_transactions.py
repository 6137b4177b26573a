"""The request edge: a request that succeeds commits what it wrote, once; one that is refused or fails
leaves nothing written. On PostgreSQL a request that only read ends with COMMIT, so the connection keeps
its prepared statements.
"""

import pytest
from flask import abort, flash, get_flashed_messages, redirect
from sqlalchemy import event, func, select, text, update

from app.core.accounts.models import User
from app.core.audit import AuditEvent
from app.core.db import db
from app.core.errors import Invalid
from app.web.common.edge import once_committed, refused_into
from competence.models import Decision
from courses import activities
from courses.models import Submission, SubmissionStatus
from tests.competence_factory import make_framework
from tests.conftest import post_form
from tests.course_factory import make_course, step


@pytest.fixture
def config_overrides():
    # The views these tests add post without a form; CSRF has its own tests.
    return {"WTF_CSRF_ENABLED": False}


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
    """On PostgreSQL a page that only read ends its transaction with COMMIT, not ROLLBACK."""
    client = as_user(world.learner)
    endings.clear()
    assert client.get("/learn/").status_code == 200
    assert endings == ["commit"]


def _rename(learner_id, how):
    if how == "core update":
        db.session.connection().execute(update(User).where(User.id == learner_id).values(display_name="X"))
        return
    db.session.get(User, learner_id).display_name = "X"
    if how == "flushed":
        db.session.flush()


@pytest.mark.parametrize("how", ["flushed", "core update", "pending"])
def test_a_request_that_succeeds_commits_what_it_wrote_once(app, world, endings, how):
    """The edge commits a successful request's writes, flushed or not, once, after the view."""
    learner_id = world.learner.id

    def view():
        _rename(learner_id, how)
        return redirect("/")

    app.add_url_rule("/_write", "write", view, methods=["POST"])
    endings.clear()
    assert app.test_client().post("/_write").status_code == 302
    assert endings == ["commit"]
    assert _name(learner_id) == "X"


@pytest.mark.parametrize("how", ["aborted", "crashed", "refused by the service", "refused beside the form"])
def test_a_request_that_fails_after_a_flush_leaves_nothing(app, world, endings, how):
    """Whatever stops a request after it wrote (an error status, an exception, a refusal shown with
    the form) rolls all of it back: nothing is half written."""
    learner_id = world.learner.id

    def view():
        _rename(learner_id, "flushed")
        if how == "aborted":
            abort(400)
        if how == "crashed":
            raise RuntimeError("after the flush")
        if how == "refused by the service":
            raise Invalid("Not like that.")
        errors = []
        with refused_into(errors):
            raise Invalid("Not like that.")
        return f"<p>{errors[0]}</p>", 400

    app.add_url_rule("/_write", "write", view, methods=["POST"])
    app.config["PROPAGATE_EXCEPTIONS"] = False
    endings.clear()
    response = app.test_client().post("/_write")
    assert response.status_code == (500 if how == "crashed" else 400)
    if how == "refused beside the form":
        assert response.get_data(as_text=True) == "<p>Not like that.</p>"
    assert "commit" not in endings and endings[0] == "rollback"
    assert _name(learner_id) == "Leena Oppija"


def test_a_refused_review_leaves_the_task_as_it_was(world, as_user):
    """A review that the service refuses after it has marked the task accepted (a grade off the unit's
    scale) comes back with the reason, and nothing of it is saved."""
    make_framework()
    make_course()
    submission = activities.submit(world.learner, step("K-M1-TASK"), "Tämä vastaus on tarpeeksi pitkä.")
    db.session.commit()
    audit_events = db.session.scalar(select(func.count(AuditEvent.id)))
    response = post_form(as_user(world.coach), f"/coach/reviews/{submission.id}",
                         {"decision": "accept", "message": "", "outcome-TET-TT-2": "accepted:99"})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).status == SubmissionStatus.SUBMITTED
    assert db.session.scalar(select(func.count(Decision.id))) == 0
    assert db.session.scalar(select(func.count(AuditEvent.id))) == audit_events


def test_pending_changes_of_a_refused_request_are_never_committed(app, world, endings):
    """A change the view made but never flushed is not committed when the request ends in an error,
    not even by PostgreSQL's read-only ending."""
    learner_id = world.learner.id

    def view():
        db.session.execute(text("SELECT 1"))
        db.session.get(User, learner_id).display_name = "X"  # changed, never flushed
        abort(400)

    app.add_url_rule("/_pending", "pending", view)
    endings.clear()
    assert app.test_client().get("/_pending").status_code == 400
    assert endings == ["rollback"]
    assert _name(learner_id) == "Leena Oppija"


def test_a_commit_that_fails_takes_back_what_the_view_said(app, world):
    """When the edge's commit fails, the request answers with an error and the success message that the
    view flashed is not shown on the next page."""

    def view():
        db.session.add(User(username=world.learner.username, display_name="Twin", role="learner"))
        flash("Saved.", "success")
        return redirect("/_next")

    app.add_url_rule("/_twin", "twin", view, methods=["POST"])
    app.add_url_rule("/_next", "next", lambda: ",".join(get_flashed_messages()) or "nothing")
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    failed = client.post("/_twin")
    assert failed.status_code == 500 and "Saved." not in failed.get_data(as_text=True)
    assert client.get("/_next").get_data(as_text=True) == "nothing"


@pytest.mark.parametrize("status", [302, 400])
def test_work_left_for_after_the_commit_runs_only_once_it_is_saved(app, world, status):
    """Work a view leaves for after the commit (removing a stored file) runs once the request has
    committed, and never when it ends in an error."""
    learner_id, done = world.learner.id, []

    def view():
        _rename(learner_id, "flushed")
        once_committed(lambda: done.append(_committed_name(learner_id)))
        if status == 400:
            abort(400)
        return redirect("/")

    app.add_url_rule("/_later", "later", view, methods=["POST"])
    assert app.test_client().post("/_later").status_code == status
    assert done == (["X"] if status == 302 else [])


def _committed_name(user_id):
    with db.engine.connect() as connection:
        return connection.scalar(select(User.display_name).where(User.id == user_id))


def test_postgresql_keeps_the_prepared_statements_between_pages(app, world, as_user, on_postgresql):
    """A connection that serves the same page again and again keeps its server-side prepared statements."""
    client = as_user(world.learner)
    db.session.remove()
    db.engine.dispose()  # one fresh connection, which every request below reuses
    for _ in range(7):
        assert client.get("/learn/").status_code == 200
    with db.engine.connect() as connection:
        prepared = connection.exec_driver_sql("SELECT statement FROM pg_prepared_statements").scalars().all()
    assert any("progress_event" in statement for statement in prepared), prepared


def test_a_failed_flush_that_the_view_swallowed_still_ends_quietly_in_rollback(app, world, endings):
    """A flush that failed inside a view that then answered normally is rolled back, not committed."""
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
