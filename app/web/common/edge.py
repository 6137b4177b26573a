"""The request edge, once for every view, as Indico's RH.process does it.

- A request that succeeds (a status below 400) commits what it wrote, once, after its view.
- A refused action (a service raised `Invalid`) is rolled back where the view runs it, and the reason
  goes beside the form's field, into the page's list of errors, or into a flashed message:
  `with refused_into(form.name.errors): ...` then the view renders the form again.
- Any other exception, or an error status, commits nothing: the error handlers roll back before they
  answer, and Flask-SQLAlchemy's session removal rolls back whatever is left.

Services flush and never commit; views neither commit nor roll back. A request that only read is left
to app.core.transactions.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import flash, g, session
from flask_babel import gettext

from app.core import transactions
from app.core.db import db
from app.core.errors import Invalid


def _reason(error: Invalid) -> str:
    return gettext(error.message, **error.params)


@contextmanager
def refused_into(errors: list[str]) -> Iterator[None]:
    """Run the user's action; if a service refuses it, undo everything the request wrote and add the
    reason to `errors` (a field's errors or the page's list). The action's success returns inside the
    block; after a refusal the view goes on below it and shows the form again, as the user filled it.
    """
    try:
        yield
    except Invalid as error:
        db.session.rollback()
        errors.append(_reason(error))


@contextmanager
def refused_flashed() -> Iterator[None]:
    """As refused_into, with the reason flashed as an error on the page that the view redirects to."""
    try:
        yield
    except Invalid as error:
        db.session.rollback()
        flash(_reason(error), "error")


def keep_saved() -> None:
    """Commit what the request has saved so far, when what it does next may be refused but the saved
    work must stay (save, then send), or when a refused page keeps what the user typed.
    """
    db.session.commit()


def once_committed(action: Callable[[], None]) -> None:
    """Run `action` after the request has committed (removing a stored file), never if it fails."""
    g.setdefault("once_committed", []).append(action)


def _commit_on_success(response):
    if response.status_code >= 400:
        return response
    if transactions.wrote():
        try:
            db.session.commit()
        except Exception:
            db.session.rollback()
            session.pop("_flashes", None)  # what the view said it did was not saved
            raise
    for action in g.pop("once_committed", ()):
        action()
    return response


def init_app(app) -> None:
    # Flask runs after-request functions last registered first: this one is registered first, so it
    # commits after the others, which may still read what the request wrote.
    app.after_request(_commit_on_success)
