"""The baseline page: one indexed query (a user row by primary key) and a Jinja template as large as
My path's page, served by the same gunicorn settings as Verstas, so that a page's share of its
throughput is what Verstas's own code costs beyond the unavoidable.

    DATABASE_URL=... BENCH_USER_ID=1 BENCH_PAGE_BYTES=12000 gunicorn "bench.baseline.app:create_app()"

It imports nothing of Verstas (app, courses, competence, config).
"""

import os

from flask import Flask, render_template
from sqlalchemy import create_engine, text

USER = text('SELECT id, username, display_name, role FROM "user" WHERE id = :id')


def create_app(database_url: str | None = None, user_id: int | None = None, page_bytes: int | None = None) -> Flask:
    """The baseline app on the benchmark's database; its page shows user_id's row, padded to page_bytes."""
    app = Flask(__name__)
    engine = create_engine(database_url or os.environ["DATABASE_URL"])
    user_id = user_id or int(os.environ.get("BENCH_USER_ID", "1"))
    page_bytes = page_bytes or int(os.environ.get("BENCH_PAGE_BYTES", "0"))
    app.extensions["baseline_engine"] = engine

    def render(user, cards: int) -> str:
        return render_template("baseline.html", user=user, cards=range(1, cards + 1))

    with app.app_context(), engine.connect() as connection:
        user = connection.execute(USER, {"id": user_id}).one()
        empty, one = len(render(user, 0).encode()), len(render(user, 1).encode())
    # As many repeated cards as bring the page to page_bytes (none when no size is asked for).
    cards = max(0, round((page_bytes - empty) / (one - empty)))

    @app.get("/")
    def page():
        with engine.connect() as connection:
            found = connection.execute(USER, {"id": user_id}).one()
        return render(found, cards)

    return app
