"""Measurements inside this process: each page's SQL queries, size and time alone, the baseline's, and
the certificate's render time. Steadier than wrk on a machine shared with others.
"""

import statistics
import time

from sqlalchemy import event

from bench.load import CSRF

REPEATS = 21


def signed_in_client(app, username, password):
    """A test client signed in through the real form (anonymous when username is None)."""
    client = app.test_client()
    if username is not None:
        match = CSRF.search(client.get("/sign-in").get_data(as_text=True))
        response = client.post("/sign-in", data={"csrf_token": match.group(1) or match.group(2),
                                                 "username": username, "password": password})
        assert response.status_code == 302, f"signing in as {username} failed"
    return client


def measure_alone(client, path, engine) -> dict:
    """One page after a warm-up: its queries per request, its size and its median time."""
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code} in-process, not 200")
    statements = []

    def listener(*args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        size = len(client.get(path).get_data())
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - started)
    return {"queries": len(statements), "bytes": size, "inprocess_ms": round(statistics.median(times) * 1000, 3)}


def measure_pages(app, pages, accounts: dict, password: str) -> None:
    """Each page's queries, size and time, with each role signed in once."""
    from app.core.db import db

    with app.app_context():
        engine = db.engine
    clients = {}
    for page in pages:
        who = page["who"]
        if who not in clients:
            clients[who] = signed_in_client(app, accounts.get(who), password)
        # Outside an app context, so that each request has its own session, as under gunicorn.
        page.update(measure_alone(clients[who], page["path"], engine))


def measure_baseline(baseline_app) -> dict:
    return measure_alone(baseline_app.test_client(), "/", baseline_app.extensions["baseline_engine"])


def certificate_render_ms(app, certificate_id) -> tuple[float, float]:
    """WeasyPrint rendering of the data set's real certificate: the first in this process, and the best of 5."""
    from app.core.db import db
    from competence.certificate_models import Certificate
    from competence.pdf import render_certificate

    with app.app_context():
        content = db.session.get(Certificate, certificate_id).content
        times = []
        for _ in range(6):
            started = time.perf_counter()
            render_certificate(content, code="BENCH-RENDER")
            times.append(time.perf_counter() - started)
    return times[0] * 1000, min(times[1:]) * 1000
