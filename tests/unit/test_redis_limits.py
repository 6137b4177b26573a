"""The documented scale-out setting, rate limits kept in Redis, builds an app."""

from app import create_app
from app.extensions import limiter
from config import TestingConfig


def make_config(**settings):
    return type("RedisLimitsConfig", (TestingConfig,), settings)


def test_an_app_with_limits_in_redis_builds_without_a_running_redis(tmp_path):
    """With RATELIMIT_STORAGE_URI=redis://... the app starts: the Redis client is installed."""
    database = f"sqlite:///{tmp_path / 'app.db'}"
    try:
        app = create_app(make_config(SQLALCHEMY_DATABASE_URI=database,
                                     RATELIMIT_STORAGE_URI="redis://127.0.0.1:6399/0"))
        assert type(limiter.storage).__name__ == "RedisStorage"
        assert app.config["RATELIMIT_STORAGE_URI"].startswith("redis://")
    finally:
        # The limiter is one object per process: give it back memory storage for the tests after this one.
        create_app(make_config(SQLALCHEMY_DATABASE_URI=database, RATELIMIT_STORAGE_URI="memory://"))
