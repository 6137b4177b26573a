import pytest

from config import DEFAULT_SECRET, ConfigError, ProductionConfig

GOOD = {"SECRET_KEY": "x" * 40, "DEMO_MODE": False, "PUBLIC_URL": "https://verstas.example.fi",
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://verstas@db/verstas"}


@pytest.mark.parametrize("change", [
    {"SECRET_KEY": DEFAULT_SECRET},
    {"SECRET_KEY": "short"},
    {"DEMO_MODE": True},
    {"SQLALCHEMY_DATABASE_URI": "sqlite:///instance/verstas.db"},
    {"PUBLIC_URL": ""},
    {"PUBLIC_URL": "http://verstas.example.fi"},
])
def test_production_refuses_unsafe_settings(change):
    """Production will not start with the default secret, demo mode, SQLite or no https public address."""
    with pytest.raises(ConfigError):
        ProductionConfig.check({**GOOD, **change})


def test_production_accepts_safe_settings():
    """With a random secret, no demo and PostgreSQL, production builds an app with secure cookies."""
    from app import create_app

    app = create_app(type("SafeProduction", (ProductionConfig,), GOOD))

    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SESSION_COOKIE_HTTPONLY"] and not app.config["DEMO_MODE"]
    assert not app.testing
    assert app.config["TRUSTED_HOSTS"] == ["verstas.example.fi"]


def test_production_answers_only_its_own_host():
    """A request naming another host gets a plain 400, so no page or issuer id is built from that host."""
    from app import create_app

    settings = {**GOOD, "TRUSTED_HOSTS": None}  # the page asks nothing of the database
    app = create_app(type("SafeProduction", (ProductionConfig,), settings))
    client = app.test_client()

    assert client.get("/accessibility", base_url="https://verstas.example.fi").status_code == 200
    response = client.get("/accessibility", base_url="https://evil.example.com")
    assert response.status_code == 400
    assert b"evil.example.com" not in response.data


def test_trusted_proxy_gives_the_clients_address(database_url):
    """Behind one configured proxy, the audit log and rate limits see the client's address."""
    from app import create_app
    from tests.conftest import make_config

    app = create_app(make_config(database_url, TRUSTED_PROXIES=1))

    @app.get("/address-test-only")
    def address():
        from flask import request

        return request.remote_addr

    response = app.test_client().get("/address-test-only", headers={"X-Forwarded-For": "203.0.113.7"})
    assert response.get_data(as_text=True) == "203.0.113.7"
