"""Fixtures: a fresh database per test (SQLite, or PostgreSQL through DATABASE_URL), the app,
clients signed in as each role, and factories that state only what a test cares about."""

import copy
import hashlib
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from argon2 import PasswordHasher, profiles
from flask.testing import FlaskClient
from jinja2 import BytecodeCache
from sqlalchemy import cast, create_engine, event, exists, func, literal, select, text, union_all
from sqlalchemy.dialects.postgresql import REGCLASS
from sqlalchemy.engine import Engine, make_url

os.environ["VERSTAS_ENV"] = "testing"

from app import create_app  # noqa: E402
from app.core.accounts import passwords  # noqa: E402
from app.core.accounts.models import Group, Role, User  # noqa: E402
from app.core.accounts.passwords import hash_password  # noqa: E402
from app.core.db import db, utcnow  # noqa: E402
from app.extensions import limiter  # noqa: E402
from config import TestingConfig  # noqa: E402
from courses.authoring.published import read_tree  # noqa: E402
from courses.content_import import loader  # noqa: E402

# Argon2's production cost would make every sign-in in the suite slow; test_passwords checks the real one.
PRODUCTION_HASHER = passwords._hasher
passwords._hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)


class ShippedContentCheckedOnce:
    """The loader's inspect_content, reading and checking the shipped content/ once per run (many tests
    import it in their set-up); each call gets a copy of its own, and a changed file is read afresh."""

    def __init__(self, inspect):
        self.inspect = inspect
        self.shipped = Path(TestingConfig.CONTENT_DIR).resolve()
        self.checked = {}

    def __call__(self, root):
        if Path(root).resolve() != self.shipped:
            return self.inspect(root)
        digest = hashlib.sha256(repr(sorted(read_tree(root).items())).encode()).digest()
        if digest not in self.checked:
            self.checked = {digest: self.inspect(root)}
        return copy.deepcopy(self.checked[digest])


loader.inspect_content = ShippedContentCheckedOnce(loader.inspect_content)

PASSWORD = "correct-horse-battery"
_PASSWORD_HASH = hash_password(PASSWORD)


def pytest_collection_modifyitems(config, items):
    if os.environ.get("VERSTAS_NO_BROWSER"):
        skip = pytest.mark.skip(reason="/usr/bin/chromium is not installed")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@event.listens_for(Engine, "connect")
def _sqlite_without_waiting_for_the_disk(dbapi_connection, connection_record):
    """Test databases are thrown away, so a commit need not wait for the disk (like the throwaway
    PostgreSQL's fsync=off in scripts/_postgres.sh)."""
    if type(dbapi_connection).__module__ == "sqlite3":
        dbapi_connection.execute("PRAGMA synchronous=OFF")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """SQLite in this run's (or xdist worker's) own temporary folder, or DATABASE_URL's PostgreSQL."""
    url = os.environ.get("DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    elif not worker:
        yield url
    else:
        # Each xdist worker empties tables after every test, so each needs a database of its own.
        yield from _database_of_its_own(url, f"{make_url(url).database}_{worker}")


def _database_of_its_own(url, name):
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_config(database_url, **overrides):
    return type("TestConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": database_url, **overrides})


@pytest.fixture(scope="session")
def _schema(database_url):
    app = create_app(make_config(database_url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.engine.dispose()
    return True


def _empty_all_tables():
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        _empty_written_postgresql_tables(tables)
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


def _empty_written_postgresql_tables(tables):
    """Delete the rows of the tables that have any and restart the sequences that were used: as TRUNCATE
    ... RESTART IDENTITY would, without TRUNCATE making new files for every table after every test."""
    probe = union_all(*(select(literal(table.name)).where(exists().select_from(table)) for table in tables))
    written = set(db.session.scalars(probe))
    for table in tables:
        if table.name in written:
            db.session.execute(table.delete())
    used = db.session.scalars(text("SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences"
                                   " WHERE last_value IS NOT NULL")).all()
    if used:
        db.session.execute(select(*(func.setval(cast(name, REGCLASS), 1, False) for name in used)))


class SharedTemplateCode(BytecodeCache):
    """Compiled templates kept for the whole run: each test's new app would otherwise compile them again.
    Jinja checks each entry against the template's source, so an edited template is compiled afresh."""

    def __init__(self):
        self.code = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CODE = SharedTemplateCode()


class FreshContextClient(FlaskClient):
    """Each request gets its own app context (and so its own `g` and database session), as in
    production; otherwise Flask reuses the test's context and a signed-in user leaks between clients."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def config_overrides():
    """Tests override settings by redefining this fixture or with @pytest.mark.parametrize."""
    return {}


@pytest.fixture
def app(database_url, _schema, config_overrides, tmp_path):
    app = create_app(make_config(database_url, STORAGE_DIR=str(tmp_path / "storage"), **config_overrides))
    app.test_client_class = FreshContextClient
    app.jinja_env.bytecode_cache = _TEMPLATE_CODE
    with app.app_context():
        yield app
        db.session.rollback()
        _empty_all_tables()
        db.session.remove()
        db.engine.dispose()
    limiter.reset()


@pytest.fixture
def client(app):
    return app.test_client()


# --- factories -------------------------------------------------------------------------------


@pytest.fixture
def make_user(app):
    counter = iter(range(1, 10_000))

    def make(role=Role.LEARNER, username=None, name=None, groups=(), coached=(), **fields):
        number = next(counter)
        # People made here have used Verstas before; tests of the first sign-in pass None.
        fields.setdefault("language_chosen_at", utcnow())
        user = User(
            username=username or f"{role}{number}",
            display_name=name or f"{str(role).title()} {number}",
            role=role,
            password_hash=_PASSWORD_HASH,
            **fields,
        )
        user.groups.extend(groups)
        user.coached_groups.extend(coached)
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_group(app):
    def make(name="Ryhmä A", coaches=(), learners=()):
        group = Group(name=name)
        group.coaches.extend(coaches)
        group.learners.extend(learners)
        db.session.add(group)
        db.session.commit()
        return group

    return make


@pytest.fixture
def world(make_user, make_group):
    """A coach with a group of two learners, another coach with their own learner, and an admin."""
    coach = make_user(Role.COACH, username="coach", name="Kari Valmentaja")
    other_coach = make_user(Role.COACH, username="othercoach", name="Olli Muu")
    learner = make_user(Role.LEARNER, username="learner", name="Leena Oppija")
    learner2 = make_user(Role.LEARNER, username="learner2", name="Mikko Oppija")
    stranger = make_user(Role.LEARNER, username="stranger", name="Sanna Vieras")
    admin = make_user(Role.ADMIN, username="admin", name="Aino Ylläpitäjä")
    group = make_group("Ryhmä A", coaches=[coach], learners=[learner, learner2])
    other_group = make_group("Ryhmä B", coaches=[other_coach], learners=[stranger])
    return SimpleNamespace(coach=coach, other_coach=other_coach, learner=learner, learner2=learner2,
                           stranger=stranger, admin=admin, group=group, other_group=other_group)


# --- driving requests like a person ------------------------------------------------------------

CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token(client, path="/sign-in"):
    html = client.get(path).get_data(as_text=True)
    match = CSRF_PATTERN.search(html)
    if not client.application.config.get("WTF_CSRF_ENABLED", True):
        return ""
    assert match, f"no CSRF token on {path}: {html[:2000]}"
    return match.group(1) or match.group(2)


def post_form(client, path, data=None, token_from=None, **kwargs):
    """POST like a browser: take the CSRF token from the page the form is on."""
    data = dict(data or {})
    data["csrf_token"] = csrf_token(client, token_from or path)
    return client.post(path, data=data, **kwargs)


def sign_in(client, username, password=PASSWORD):
    return post_form(client, "/sign-in", {"username": username, "password": password})


@pytest.fixture
def as_user(app):
    """A fresh client signed in as the given user."""

    def signed_in(user):
        c = app.test_client()
        response = sign_in(c, user.username)
        assert response.status_code == 302, response.get_data(as_text=True)
        return c

    return signed_in
