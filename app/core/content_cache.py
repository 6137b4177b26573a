"""Per-process snapshots of the content (courses, competence frameworks), which changes only on import.

The content is read on nearly every page but written only by `flask content import` (another
process) and by tests, so each worker keeps frozen snapshots and asks one cheap question per
transaction: is the content's token still the one my snapshots were built under? The import gives
the token a new random value in its own transaction (`renew`), so other workers see the new token
exactly when the new content is committed, and a rolled-back import leaves the old token, and the
snapshots built under it, valid. Without a token (no import yet) nothing is kept.
"""

import secrets
from collections.abc import Callable
from types import MappingProxyType
from weakref import WeakKeyDictionary

from sqlalchemy import String, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core.db import db

# Snapshots per database engine (one per app: tests make many apps, on different databases).
_STORES: WeakKeyDictionary = WeakKeyDictionary()
_TOKEN_KEY = "content_token"  # noqa: S105 - a session.info key, not a secret


class ContentVersion(db.Model):
    """One row: a random token that every content import renews."""

    __tablename__ = "content_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))


def renew() -> None:
    """Give the content a new token in the current transaction (the content import calls it)."""
    token = secrets.token_hex(16)
    version = db.session.get(ContentVersion, 1)
    if version is None:
        db.session.add(ContentVersion(id=1, token=token))
    else:
        version.token = token
    db.session.flush()
    db.session().info[_TOKEN_KEY] = token


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_token(session):
    # Another process may import content between two transactions of this session.
    session.info.pop(_TOKEN_KEY, None)


def current_token() -> str | None:
    """The token, read once per transaction; None before any content was ever imported."""
    session = db.session()
    if _TOKEN_KEY not in session.info:
        session.info[_TOKEN_KEY] = db.session.scalar(select(ContentVersion.token).where(ContentVersion.id == 1))
    return session.info[_TOKEN_KEY]


def cached(name: str, build: Callable[[], object]):
    """The snapshot called name, built by build() unless this process has one for the current token.

    build must return frozen plain data (no ORM objects; see `frozen`): the snapshot is shared by
    every request of the process.
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
