"""Public pages, health check, headers, errors and languages."""

from sqlalchemy.exc import OperationalError

from app.core.db import db
from tests.conftest import post_form


def test_landing_page_is_in_finnish_by_default(client):
    """Without a choice or a browser preference, the page is in Finnish."""
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="fi">' in page
    assert "Kirjaudu sisään" in page


def test_browser_language_is_used(client):
    """A Swedish browser gets Swedish pages."""
    page = client.get("/", headers={"Accept-Language": "sv-FI,sv;q=0.9"}).get_data(as_text=True)
    assert '<html lang="sv">' in page
    assert "Logga in" in page


def test_language_choice_is_remembered(client, world):
    """Choosing English keeps English on the next pages."""
    response = post_form(client, "/language", {"lang": "en", "next": "/sign-in"}, token_from="/")
    assert response.headers["Location"] == "/sign-in"
    assert '<html lang="en">' in client.get("/sign-in").get_data(as_text=True)
    response = post_form(client, "/language", {"lang": "en", "next": "https://evil.example"}, token_from="/")
    assert response.headers["Location"] == "/"


def test_healthz_reports_the_database(client):
    """The health check says ok with a working database."""
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    """The health check answers 503 when the database cannot be reached."""

    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("down"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "unavailable"


def test_security_headers(client):
    """Every page has a strict CSP and the other security headers."""
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_not_found_page_is_translated(client):
    """A missing page gets a friendly page in the visitor's language."""
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Sivua ei löytynyt" in response.get_data(as_text=True)
    response = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert "Page not found" in response.get_data(as_text=True)


def test_server_error_page_hides_details(app, client):
    """An unexpected error shows a calm page and no stack trace."""

    @app.get("/boom-test-only")
    def boom():
        raise RuntimeError("secret detail")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom-test-only")
    assert response.status_code == 500
    assert "secret detail" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_demo_password_is_shown_only_in_demo_mode(client):
    """The sign-in page shows the demo password only in demo mode."""
    assert "verstas-demo" not in client.get("/sign-in").get_data(as_text=True)
    client.application.config["DEMO_MODE"] = True
    assert "verstas-demo" in client.get("/sign-in").get_data(as_text=True)
