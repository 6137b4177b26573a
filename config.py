"""Configuration classes: Development (demo), Testing and Production.

Production takes everything from environment variables and refuses to start with unsafe
defaults; development and demo mode are for one machine only.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent
DEFAULT_SECRET = "dev-only-not-secret"  # noqa: S105 - refused by ProductionConfig.check


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete."""


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{BASE_DIR / 'instance' / 'verstas.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    DEMO_MODE = os.environ.get("VERSTAS_DEMO", "1") == "1"
    STORAGE_DIR = os.environ.get("VERSTAS_STORAGE", str(BASE_DIR / "instance" / "storage"))
    CONTENT_DIR = os.environ.get("VERSTAS_CONTENT", str(BASE_DIR / "content"))
    PUBLIC_URL = os.environ.get("VERSTAS_PUBLIC_URL", "")
    # Host names the app answers to; any other Host header gets 400 (production: the public address's).
    TRUSTED_HOSTS = [host.strip() for host in os.environ.get("VERSTAS_TRUSTED_HOSTS", "").split(",")
                     if host.strip()] or None
    ORGANISER_NAME = os.environ.get("VERSTAS_ORGANISER", "Kaupungin työpaja")
    # The organiser's name on Swedish and English certificates (else ORGANISER_NAME).
    ORGANISER_NAME_SV = os.environ.get("VERSTAS_ORGANISER_SV", "")
    ORGANISER_NAME_EN = os.environ.get("VERSTAS_ORGANISER_EN", "")
    # Who organises the social services the course content names ({{ organiser }} in content/), by
    # language: in Helsinki the city itself, elsewhere the wellbeing services county.
    SERVICE_ORGANISER = {
        "fi": os.environ.get("VERSTAS_SERVICE_ORGANISER_FI", "Helsingin kaupunki"),
        "sv": os.environ.get("VERSTAS_SERVICE_ORGANISER_SV", "Helsingfors stad"),
        "en": os.environ.get("VERSTAS_SERVICE_ORGANISER_EN", "City of Helsinki"),
    }
    # Certificates: the partner education provider and the place of issue, printed where set.
    CERTIFICATE_PARTNER = os.environ.get("VERSTAS_PARTNER", "")
    CERTIFICATE_PLACE = os.environ.get("VERSTAS_PLACE", "")

    LANGUAGES = ("fi", "sv", "en")
    BABEL_DEFAULT_LOCALE = "fi"
    BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "app" / "translations")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 8
    WTF_CSRF_TIME_LIMIT = 60 * 60 * 8
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    # Days from closing an account to pseudonymising its personal data (`flask privacy pseudonymise`).
    PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("VERSTAS_PERSONAL_DATA_RETENTION_DAYS", "365"))

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    TRUSTED_PROXIES = int(os.environ.get("VERSTAS_TRUSTED_PROXIES", "0"))
    RATELIMIT_HEADERS_ENABLED = True
    # Stated, not defaulted: the limiter is one object for every app built in a process, and would keep
    # the last app's choice.
    RATELIMIT_ENABLED = True
    # A moving window: a burst of guesses cannot be split across a window boundary to double it.
    RATELIMIT_STRATEGY = "moving-window"
    # Only wrong passwords and codes count (app/web/auth/views.py says why each limit is there). One
    # address can't use up an account's limit: the pair allows fewer tries an hour than the account.
    SIGN_IN_LIMIT_PER_ADDRESS_AND_ACCOUNT = "5 per minute;20 per hour"
    SIGN_IN_LIMIT_PER_ACCOUNT = "50 per hour"
    SIGN_IN_LIMIT_PER_ADDRESS = "200 per hour"
    # The current password asked on /set-password.
    IDENTITY_CHECK_LIMIT_PER_ACCOUNT = "5 per minute;20 per hour"
    IDENTITY_CHECK_LIMIT_PER_ADDRESS = "50 per hour"
    VERIFY_LIMIT = os.environ.get("VERSTAS_VERIFY_LIMIT", "30 per minute;300 per day")
    # The limiter looks only at these blueprints, the ones with limits (sign-in and certificate lookups);
    # for any other request it would find nothing to check. tests/web/test_access_map.py fails if a view
    # elsewhere gets a limit, which this would switch off without a word.
    RATE_LIMITED_BLUEPRINTS = frozenset({"auth", "public"})

    # /readyz answers 503 when the storage folder's disk has less free space than this (megabytes).
    READY_MIN_FREE_MB = int(os.environ.get("VERSTAS_READY_MIN_FREE_MB", "500"))

    # "json": one JSON object a log line, with the request id (app/web/common/request_log.py); "text": Flask's.
    LOG_FORMAT = os.environ.get("VERSTAS_LOG_FORMAT", "text")
    LOG_LEVEL = os.environ.get("VERSTAS_LOG_LEVEL", "INFO")
    # /metrics answers requests from this host (past no proxy), or with "Authorization: Bearer <token>".
    METRICS_TOKEN = os.environ.get("VERSTAS_METRICS_TOKEN", "")

    SIGN_IN_CODE_DAYS = 14
    PASSWORD_MIN_LENGTH = 8

    @staticmethod
    def check(settings):
        """Called by create_app with the final settings; raise ConfigError when unsafe."""


class DevelopmentConfig(Config):
    """Local development and the demo: SQLite under instance/, demo accounts allowed."""

    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite://")
    DEMO_MODE = False
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    RATELIMIT_STORAGE_URI = "memory://"
    WTF_CSRF_ENABLED = True


class ProductionConfig(Config):
    DEMO_MODE = os.environ.get("VERSTAS_DEMO", "0") == "1"
    LOG_FORMAT = os.environ.get("VERSTAS_LOG_FORMAT", "json")

    @staticmethod
    def check(settings):
        secret = settings.get("SECRET_KEY") or ""
        if secret == DEFAULT_SECRET or len(secret) < 32:
            raise ConfigError("SECRET_KEY must be set to a random value of at least 32 characters")
        if settings.get("DEMO_MODE"):
            raise ConfigError("Demo mode (VERSTAS_DEMO=1) is not allowed in production")
        if str(settings.get("SQLALCHEMY_DATABASE_URI", "")).startswith("sqlite"):
            raise ConfigError("DATABASE_URL must point to PostgreSQL in production")
        public = urlsplit(settings.get("PUBLIC_URL") or "")
        if public.scheme != "https" or not public.hostname:
            # Certificates, badges and the JWKS name the issuer by this address, never by a Host header.
            raise ConfigError("VERSTAS_PUBLIC_URL must be set to the service's https:// address in production")
        if not settings.get("TRUSTED_HOSTS"):
            settings["TRUSTED_HOSTS"] = [public.hostname]


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env():
    """The config class named by VERSTAS_ENV (development by default)."""
    name = os.environ.get("VERSTAS_ENV", "development")
    if name not in CONFIGS:
        raise ConfigError(f"VERSTAS_ENV must be one of {', '.join(CONFIGS)}")
    return CONFIGS[name]
