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
    """A random secret, no demo and PostgreSQL is a valid production configuration."""
    ProductionConfig.check(GOOD)
