"""How a request's transaction ends when the view did not end it: reads with COMMIT, anything else
with ROLLBACK.

Flask-SQLAlchemy closes the request's session, which rolls its transaction back. On PostgreSQL that
costs every query its plan: psycopg prepares a statement on the server after its fifth run on a
connection, and forgets every prepared statement on ROLLBACK, because a rolled-back DDL may have
changed what they refer to. A page whose transaction always ends in ROLLBACK is therefore planned
again on every visit; planning took 0.3-1 ms a query, more than running it (issue 7's PostgreSQL
profiles). Committing a transaction that only read is the same as rolling it back, so such a
transaction ends with COMMIT and the connection keeps its prepared statements.

A transaction counts as read-only while every statement it ran is a plain SELECT and the session
holds no pending change. Anything else (a flush, a Core INSERT/UPDATE/DELETE, a savepoint, a
statement that failed, an exception in the request) still ends in ROLLBACK, as before.

Only on PostgreSQL: SQLite's statement cache survives a rollback, and there the ORM's commit cost
about 100 µs more than its rollback, a seventh of `/healthz`.
"""

from sqlalchemy import event

from app.core.db import db

_WROTE = "verstas_transaction_wrote"


def _new_transaction(connection):
    connection.info.pop(_WROTE, None)


def _note_writes(connection, cursor, statement, parameters, context, executemany):
    if executemany or statement.lstrip()[:6].upper() != "SELECT":
        connection.info[_WROTE] = True


def _note_failures(context):
    if context.connection is not None:
        context.connection.info[_WROTE] = True


def end_read_only_transaction(error=None) -> None:
    """Teardown: commit the request's open transaction if it only read (see the module's doc)."""
    if error is not None or not db.session.registry.has():
        return
    session = db.session()
    if not session.in_transaction() or session.new or session.dirty or session.deleted:
        return
    try:
        if not session.connection().info.get(_WROTE):
            session.commit()
    except Exception:  # noqa: BLE001 - a failed transaction or connection: roll back, as closing would
        session.rollback()


def init_app(app) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "postgresql":
        return
    event.listen(engine, "begin", _new_transaction)
    event.listen(engine, "before_cursor_execute", _note_writes)
    event.listen(engine, "handle_error", _note_failures)
    # Runs before Flask-SQLAlchemy removes the session (teardown_appcontext comes after the request's).
    app.teardown_request(end_read_only_transaction)
