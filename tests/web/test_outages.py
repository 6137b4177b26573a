"""What users see while the database cannot be reached, and when an error page itself fails."""

from contextlib import contextmanager

from sqlalchemy import event

from app.core.db import db


@contextmanager
def database_unreachable(app):
    """Every new connection fails as a stopped server's would; open connections are closed first."""
    engine = db.engine

    def refuse(dialect, conn_rec, cargs, cparams):
        raise dialect.loaded_dbapi.OperationalError("connection refused: the database is away")

    db.session.remove()
    engine.dispose()
    event.listen(engine, "do_connect", refuse)
    try:
        yield
    finally:
        event.remove(engine, "do_connect", refuse)
        engine.dispose()


def test_signed_in_page_answers_a_translated_503_while_the_database_is_away(app, world, as_user):
    """A signed-in learner gets a translated 503 with Retry-After, not a bare 500 or a traceback."""
    client = as_user(world.learner)
    with database_unreachable(app):
        response = client.get("/learn/certificates", headers={"Accept-Language": "sv"})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert "Tjänsten är tillfälligt otillgänglig" in page
    assert "Traceback" not in page and "OperationalError" not in page


def test_error_page_for_a_signed_in_user_answers_503_while_the_database_is_away(app, world, as_user):
    """An error page whose layout would load the user gives the 503 page instead, in the browser's language."""
    client = as_user(world.coach)
    with database_unreachable(app):
        response = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert "Service briefly unavailable" in response.get_data(as_text=True)


def test_server_error_falls_back_to_static_html_when_the_error_page_fails(app, client, monkeypatch):
    """When even the error template cannot be rendered, the 500 answer is still a readable page."""
    import app.web.common.errors as errors

    @app.get("/_boom")
    def boom():
        raise RuntimeError("a bug")

    def broken(*args, **kwargs):
        raise RuntimeError("the template is broken")

    monkeypatch.setattr(errors, "render_template", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/_boom")
    assert response.status_code == 500
    assert "Jokin meni vikaan" in response.get_data(as_text=True)
