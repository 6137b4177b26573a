"""Migrations are the schema: one head, readable names, and no difference from the models."""

import re
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import MIGRATIONS_DIR, create_app
from app.core.db import db
from tests.conftest import make_config

VERSIONS = Path(MIGRATIONS_DIR) / "versions"


def test_single_head():
    """Two developers' migrations never leave two heads."""
    script = ScriptDirectory(MIGRATIONS_DIR)
    assert len(script.get_heads()) == 1


def test_migrations_are_named_for_what_they_change():
    """No auto-named migrations: NNNN_words.py with the same revision id."""
    for path in VERSIONS.glob("*.py"):
        assert re.fullmatch(r"\d{4}_[a-z0-9_]+\.py", path.name), path.name
        assert f"revision = '{path.stem}'" in path.read_text() or f'revision = "{path.stem}"' in path.read_text()


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """A database with nothing in it, of the same kind as the test database."""
    if not database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'migrated.db'}"
        return
    name = f"verstas_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_migrated_schema_equals_the_models(empty_database_url):
    """Upgrading an empty database gives exactly the tables, columns and indexes of the models."""
    app = create_app(make_config(empty_database_url))
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR)
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert differences == []
