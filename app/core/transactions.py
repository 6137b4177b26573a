"""Whether a request's transaction wrote, and how it ends when nobody committed it.

A transaction wrote if the session holds a pending change or the connection ran anything but a plain
SELECT (a flush, a Core INSERT/UPDATE/DELETE, a savepoint, a statement that failed). The web edge
(app/web/common/edge.py) commits a successful request that wrote; everything else is left here.

Flask-SQLAlchemy closes the request's session, which rolls its transaction back. On PostgreSQL that
costs every query its plan: psycopg prepares a statement on the server after its fifth run on a
connection and forgets every prepared statement on ROLLBACK, because a rolled-back DDL may have
changed what they refer to. Committing a transaction that only read is the same as rolling it back,
so on PostgreSQL such a transaction ends with COMMIT and the connection keeps its prepared statements
(docs/decisions/0002-read-only-commit-on-postgresql.md).
Anything that wrote, and any request that failed, still ends in ROLLBACK. SQLite's statement cache
survives a rollback, and there the ORM's commit costs more than its rollback, so SQLite just closes.
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


def wrote() -> bool:
    """Whether the request's transaction holds changes to commit: pending ones, or statements that wrote.
    A transaction that failed (a flush the view swallowed) holds none: closing the session rolls it back.
    """
    if not db.session.registry.has():
        return False
    session = db.session()
    if not session.is_active:
        return False
    if session.new or session.dirty or session.deleted:
        return True
    return session.in_transaction() and bool(session.connection().info.get(_WROTE))


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
    event.listen(engine, "begin", _new_transaction)
    event.listen(engine, "before_cursor_execute", _note_writes)
    event.listen(engine, "handle_error", _note_failures)
    if engine.dialect.name == "postgresql":
        # Runs before Flask-SQLAlchemy removes the session (teardown_appcontext comes after the request's).
        app.teardown_request(end_read_only_transaction)
