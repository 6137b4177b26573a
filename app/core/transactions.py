"""How a request's transaction ends when the view did not end it: reads with COMMIT, anything else
with ROLLBACK.

psycopg forgets its server-side prepared statements on ROLLBACK, so a page whose transaction always
rolled back was planned again on every visit; committing a transaction that only read changes nothing
else. Why and how much: docs/decisions/0002-read-only-commit-on-postgresql.md.

A transaction counts as read-only while every statement it ran is a plain SELECT and the session
holds no pending change. Anything else (a flush, a Core INSERT/UPDATE/DELETE, a savepoint, a
statement that failed, an exception in the request) still ends in ROLLBACK, as before.

Only on PostgreSQL: SQLite's statement cache survives a rollback, and there a commit costs more.
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
