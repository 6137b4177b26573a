import pytest

from config import DEFAULT_SECRET, ConfigError, ProductionConfig

GOOD = {"SECRET_KEY": "x" * 40, "DEMO_MODE": False,
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://verstas@db/verstas"}


@pytest.mark.parametrize("change", [
    {"SECRET_KEY": DEFAULT_SECRET},
    {"SECRET_KEY": "short"},
    {"DEMO_MODE": True},
    {"SQLALCHEMY_DATABASE_URI": "sqlite:///instance/verstas.db"},
])
def test_production_refuses_unsafe_settings(change):
    """Production will not start with the default secret, demo mode or SQLite."""
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
