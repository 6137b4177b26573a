"""Per-process caches of the content (courses, competence frameworks), which change only on import.

Building the course tree and the framework from ORM rows cost most of My path, My skills and the
group overview (issue 7's profiles). The content is read on nearly every page but written only by
`flask content import` (another process) and by tests, so each worker keeps an immutable snapshot
and asks one cheap question per request: is the content's token still the one my snapshot was built
under? Every flush that writes a watched content row gives the token a new random value in the same
transaction, so a rolled-back change can never leave a snapshot that matches a later one, and other
workers see the new token exactly when the new content is committed.
"""

import secrets
from collections.abc import Callable
from types import MappingProxyType
from weakref import WeakKeyDictionary

from sqlalchemy import String, event, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core.db import db, read

_WATCHED: set[type] = set()
# Snapshots per database engine (one per app: tests make many apps, on different databases).
_STORES: WeakKeyDictionary = WeakKeyDictionary()
_TOKEN_KEY = "content_token"  # noqa: S105 - a session.info key, not a secret
_TOKEN = text("SELECT token FROM content_version WHERE id = 1")


class ContentVersion(db.Model):
    """One row: a random token renewed by every write of content rows."""

    __tablename__ = "content_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))


def watch(*models: type) -> None:
    """Writes of these models renew the token (called by the modules that define content models)."""
    _WATCHED.update(models)


def renew(session: Session) -> None:
    """Give the token a new value (also for bulk writes that bypass the ORM's flush)."""
    token = secrets.token_hex(16)
    connection = session.connection()
    updated = connection.execute(text("UPDATE content_version SET token = :token WHERE id = 1"), {"token": token})
    if updated.rowcount == 0:
        connection.execute(text("INSERT INTO content_version (id, token) VALUES (1, :token)"), {"token": token})
    session.info.pop(_TOKEN_KEY, None)


@event.listens_for(Session, "after_flush")
def _renew_on_content_write(session, flush_context):
    if not _WATCHED:
        return
    for instance in (*session.new, *session.dirty, *session.deleted):
        if type(instance) in _WATCHED and (instance not in session.dirty or session.is_modified(instance)):
            renew(session)
            return


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_token(session):
    # Another process may import content between two transactions of this session.
    session.info.pop(_TOKEN_KEY, None)


# For a query that every request runs anyway (the signed-in user's row) to read the token with its
# own columns: one query less on every signed-in page that shows content.
TOKEN_COLUMN = select(ContentVersion.token).where(ContentVersion.id == 1).scalar_subquery().label("content_token")


def remember_token(token: str | None) -> None:
    """The token as a query of the current transaction read it through TOKEN_COLUMN."""
    db.session().info[_TOKEN_KEY] = token


def current_token() -> str | None:
    """The token, read once per transaction; None before any content was ever written."""
    session = db.session()
    if _TOKEN_KEY not in session.info:
        session.info[_TOKEN_KEY] = read(_TOKEN).scalar()
    return session.info[_TOKEN_KEY]


def cached(name: str, build: Callable[[], object]):
    """The snapshot called name, built by build() unless this process has one for the current token.

    build must return immutable plain data (no ORM objects): the snapshot is shared by every request
    of the process.
    """
    token = current_token()
    if token is None:
        return build()
    store = _STORES.setdefault(db.session.get_bind(), {})
    entry = store.get(name)
    if entry is not None and entry[0] == token:
        return entry[1]
    value = build()
    store[name] = (token, value)
    return value


def frozen(value):
    """`value` with every dict made a read-only mapping and every list a tuple, for a shared snapshot."""
    if isinstance(value, dict):
        return MappingProxyType({key: frozen(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(frozen(item) for item in value)
    return value
