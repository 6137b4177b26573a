"""Many learners at once from a pasted list or a CSV file: a plan to preview, then one transaction.

Each line holds a name and, optionally, a username, separated by a semicolon or a comma (semicolons
when the text has any, so that "Meikäläinen, Matti" style names can be written with semicolons). A
first line that only names the columns is skipped. Nothing is created while any line has a problem.
"""

import csv
from dataclasses import dataclass, field

from sqlalchemy import select

from app.core import audit
from app.core.accounts.models import SignInCode, User
from app.core.accounts.service import (
    USERNAME_PATTERN,
    create_user,
    issue_sign_in_code,
    normalise_username,
    suggest_username,
)
from app.core.db import db
from app.core.errors import Invalid
from app.core.i18n import LANGUAGES, N_

# Each card's code is hashed with Argon2id: the cap keeps one import within a request's time.
MAX_LEARNERS = 50
MAX_BYTES = 100_000
HEADER_NAMES = {"name", "nimi", "namn", "display_name"}


@dataclass(frozen=True)
class PlannedLearner:
    line: int
    display_name: str
    username: str
    generated: bool  # the username was made of the name


@dataclass(frozen=True)
class LineProblem:
    line: int
    message: str  # a msgid, translated by the web layer with `params`
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ImportPlan:
    learners: tuple[PlannedLearner, ...]
    problems: tuple[LineProblem, ...]


def read_upload(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 with or without a byte order mark."""
    if len(data) > MAX_BYTES:
        raise Invalid(N_("The file is too big: at most %(max)d learners at once."), max=MAX_LEARNERS)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(N_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")) from None


def _rows(text: str) -> list[tuple[int, list[str]]]:
    lines = (text or "").lstrip("\ufeff").splitlines()
    delimiter = ";" if any(";" in line for line in lines) else ","
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        cells = [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter), [])]
        while cells and not cells[-1]:
            cells.pop()
        rows.append((number, cells))
    if rows and rows[0][1] and rows[0][1][0].lower() in HEADER_NAMES:
        rows = rows[1:]
    return rows


def plan_import(text: str) -> ImportPlan:
    """What an import of `text` would create, with every line's problems; writes nothing."""
    rows = _rows(text)
    if not rows:
        raise Invalid(N_("Paste or upload at least one learner."))
    if len(rows) > MAX_LEARNERS:
        raise Invalid(N_("At most %(max)d learners at once. Split the list."), max=MAX_LEARNERS)
    given = {normalise_username(cells[1]) for _line, cells in rows if len(cells) > 1 and cells[1]}
    taken = set(db.session.scalars(select(User.username).where(User.username.in_(given)))) if given else set()
    problems: list[LineProblem] = []
    learners: list[PlannedLearner] = []
    reserved: set[str] = set()
    for line, cells in rows:
        name = cells[0] if cells else ""
        username = normalise_username(cells[1]) if len(cells) > 1 else ""
        found = _line_problems(line, cells, name, username, taken, reserved)
        problems.extend(found)
        if found:
            continue
        generated = not username
        username = username or suggest_username(name, reserved | given)
        reserved.add(username)
        learners.append(PlannedLearner(line, name, username, generated))
    return ImportPlan(tuple(learners), tuple(problems))


def _line_problems(line, cells, name, username, taken, reserved) -> list[LineProblem]:
    problems = []
    if len(cells) > 2:
        problems.append(LineProblem(line, N_("Too many columns: write a name and, if you like, a username.")))
    if not name:
        problems.append(LineProblem(line, N_("The name is missing.")))
    elif len(name) > 120:
        problems.append(LineProblem(line, N_("A name has at most 120 characters.")))
    if username:
        if not USERNAME_PATTERN.match(username):
            problems.append(LineProblem(line, N_(
                "A username has 3–64 characters: small letters a–z, digits, dot, dash or underscore.")))
        elif username in taken:
            problems.append(LineProblem(line, N_("The username %(username)s is already taken."),
                                        {"username": username}))
        elif username in reserved:
            problems.append(LineProblem(line, N_("The username %(username)s is twice in the list."),
                                        {"username": username}))
    return problems


def import_learners(actor: User, text: str, *, group_id: int | None = None,
                    language: str | None = None) -> list[tuple[User, str, SignInCode]]:
    """Create every learner of the list with a sign-in code, or none: any problem refuses it all."""
    plan = plan_import(text)
    if plan.problems:
        raise Invalid(N_("Some lines have problems, so no one was created. Fix them and check the preview again."))
    if language and language not in LANGUAGES:
        raise Invalid(N_("Unknown language."))
    issued = []
    for planned in plan.learners:
        user = create_user(actor, username=planned.username, display_name=planned.display_name,
                           group_ids=(group_id,) if group_id else ())
        user.language = language or None
        issued.append(issue_sign_in_code(actor, user.id))
    db.session.flush()
    audit.record(actor, "user.import", actor, {"created": [user.id for user, _code, _sign_in in issued],
                                               "group_id": group_id})
    return issued
