"""0014_privacy on a database with data: drafts dropped, sent answers kept and rewritten, closings dated."""

from flask_migrate import upgrade
from sqlalchemy import inspect, text

from app import MIGRATIONS_DIR, create_app
from app.core.db import db
from tests.conftest import make_config
from tests.unit import test_migrations

empty_database_url = test_migrations.empty_database_url

BEFORE = [
    "INSERT INTO \"user\" (id, username, display_name, role, must_set_password, active, session_version, created_at) "
    "VALUES (1, 'a', 'A', 'learner', false, true, 1, '2026-01-01'), "
    "(2, 'b', 'B', 'learner', false, false, 1, '2026-01-01')",
    "INSERT INTO course (id, code, title, language, summary, intro_html, slug, variants, content_hash, updated_at) "
    "VALUES (1, 'K', 'Kurssi', 'fi', '', '', 'k', '{}', '', '2026-01-01')",
    "INSERT INTO feedback_round (id, title, purpose, course_id, all_learners, anonymous, opens_on, closes_on, status, "
    "created_at) VALUES (1, 'R', '', 1, true, true, '2026-01-01', '2026-02-01', 'open', '2026-01-01')",
    "INSERT INTO feedback_round (id, title, purpose, course_id, all_learners, anonymous, opens_on, closes_on, status, "
    "created_at) VALUES (2, 'N', '', 1, true, false, '2026-01-01', '2026-02-01', 'open', '2026-01-01')",
    "INSERT INTO feedback_question (id, round_id, position, kind, text, choices, required) "
    "VALUES (1, 1, 1, 'text', 'Q', '[]', false), (2, 2, 1, 'text', 'Q', '[]', false)",
    "INSERT INTO feedback_theme (id, round_id, name) VALUES (1, 1, 'Ohjeet')",
    "INSERT INTO feedback_response (id, round_id, learner_id, key_hash, group_ids, sent) VALUES "
    "('r1', 1, NULL, 'h1', '[]', true), ('r2', 1, NULL, 'h2', '[]', true), ('r3', 1, NULL, 'h3', '[]', false), "
    "('n1', 2, 1, NULL, '[]', true)",
    "INSERT INTO feedback_answer (id, response_id, question_id, text) VALUES "
    "('a1', 'r1', 1, 'yksi'), ('a2', 'r2', 1, 'kaksi'), ('a3', 'r3', 1, 'luonnos'), ('a4', 'n1', 2, 'nimellä')",
    "INSERT INTO feedback_answer_theme (answer_id, theme_id) VALUES ('a1', 1)",
]


def test_the_privacy_migration_keeps_sent_answers_and_drops_unsent_drafts(empty_database_url):
    """Sent and named answers and their themes survive, the key hash and a draft go, a closing gets its date."""
    app = create_app(make_config(empty_database_url))
    with app.app_context():
        upgrade(directory=MIGRATIONS_DIR, revision="0009_account_list_index")
        with db.engine.begin() as conn:
            for statement in BEFORE:
                conn.execute(text(statement))
        upgrade(directory=MIGRATIONS_DIR)
        with db.engine.connect() as conn:
            answers = dict(conn.execute(text("SELECT response_id, text FROM feedback_answer")).all())
            links = conn.execute(text("SELECT answer_id, theme_id FROM feedback_answer_theme")).all()
            closed = dict(conn.execute(text('SELECT id, closed_at FROM "user"')).all())
        assert answers == {"r1": "yksi", "r2": "kaksi", "n1": "nimellä"} and links == [("a1", 1)]
        assert "key_hash" not in {c["name"] for c in inspect(db.engine).get_columns("feedback_response")}
        assert closed[1] is None and closed[2] is not None
        db.engine.dispose()
