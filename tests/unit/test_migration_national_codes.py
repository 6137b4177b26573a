"""0015_unit_national_codes rebuilds competence_unit on SQLite: a database with units and objectives
upgrades without losing or orphaning a row."""

from flask_migrate import upgrade
from sqlalchemy import text

from app import MIGRATIONS_DIR, create_app
from app.core.db import db
from tests.conftest import make_config
from tests.unit import test_migrations

empty_database_url = test_migrations.empty_database_url

BEFORE = [
    "INSERT INTO competence_area (id, code, name, osp, scales) VALUES (1, 'TET', '{}', 2, '{}')",
    "INSERT INTO competence_unit (id, area_id, code, name, osp, scale, national_name, position) "
    "VALUES (1, 1, 'TET-TT', '{}', 2, 'grade-1-5', 'Työelämässä toimiminen', 1)",
    "INSERT INTO competence_objective (id, unit_id, code, name, criteria, position, compulsory) "
    "VALUES (1, 1, 'TET-TT-1', '{}', '{}', 1, true), (2, 1, 'TET-TT-2', '{}', '{}', 2, true)",
]


def test_units_keep_their_objectives_through_the_rebuild(empty_database_url):
    """The unit loses national_name and gains national; its objectives still point to it."""
    app = create_app(make_config(empty_database_url))
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR, revision="0013_group_archive")
        with db.engine.begin() as conn:
            for statement in BEFORE:
                conn.execute(text(statement))
        upgrade(directory=MIGRATIONS_DIR)
        with db.engine.connect() as conn:
            units = conn.execute(text("SELECT id, code, national FROM competence_unit")).all()
            objectives = conn.execute(text("SELECT unit_id FROM competence_objective ORDER BY id")).scalars().all()
        assert [(u.id, u.code) for u in units] == [(1, "TET-TT")] and objectives == [1, 1]
        db.engine.dispose()
