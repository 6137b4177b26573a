"""Rate limits in Redis: two app processes share the sign-in limit, and while Redis is away the
limited forms fail closed with the translated 503 page and readiness says so."""

from pathlib import Path

import pytest

from app import create_app
from app.core.accounts.models import Role, User
from app.core.db import db
from tests.certificate_factory import with_test_key
from tests.conftest import _PASSWORD_HASH, make_config, post_form
from tests.servers import Browser, Redis, app_env, app_servers, redis_server

pytestmark = pytest.mark.servers


def shared_database(tmp_path: Path) -> str:
    """A SQLite file with the schema and one learner, as two app servers would share it."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    app = create_app(make_config(url))
    with app.app_context():
        db.create_all()
        db.session.add(User(username="learner", display_name="Leena Oppija", role=Role.LEARNER,
                            password_hash=_PASSWORD_HASH))
        db.session.commit()
        db.engine.dispose()
    with_test_key(tmp_path / "storage" / "keys")
    return url


def test_two_app_processes_share_the_sign_in_limit_through_redis(tmp_path):
    """Five wrong passwords spread over two servers use up the pair's limit: the sixth is refused on both."""
    with redis_server(tmp_path / "redis") as redis:
        env = app_env(tmp_path, shared_database(tmp_path), RATELIMIT_STORAGE_URI=redis.url)
        with app_servers(2, env, tmp_path / "logs") as (first, second):
            browser = Browser()
            wrong = {"username": "learner", "password": "not-the-password"}
            for server in (first, second, first, second, first):
                assert browser.post_form(f"{server}/sign-in", wrong).status_code == 400
            assert browser.post_form(f"{second}/sign-in", wrong).status_code == 429
            assert browser.post_form(f"{first}/sign-in", wrong).status_code == 429


@pytest.fixture
def redis(tmp_path):
    server = Redis(tmp_path / "redis").start()
    yield server
    server.stop()


@pytest.fixture
def config_overrides(redis):
    return {"RATELIMIT_STORAGE_URI": redis.url}


def test_sign_in_fails_closed_with_the_503_page_while_redis_is_away(app, client, world, redis, caplog):
    """Redis stopped: the sign-in form still shows, sending it (or a certificate lookup) answers the
    translated 503 with Retry-After and logs redis_unavailable, /readyz names Redis; once Redis is back,
    sign-in works again."""
    with_test_key(Path(app.config["STORAGE_DIR"]) / "keys")
    token_page = client.get("/sign-in", headers={"Accept-Language": "fi"})
    assert token_page.status_code == 200
    redis.stop()
    response = post_form(client, "/sign-in", {"username": "learner", "password": "wrong"},
                         headers={"Accept-Language": "fi"})
    assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
    assert "Palvelu on hetken poissa käytöstä" in response.get_data(as_text=True)
    assert "redis_unavailable" in caplog.text
    assert client.get("/verify/ABCD-EFGH-JKLM").status_code == 503  # certificate lookups are limited too
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.get_json()["checks"]["redis"] == "unavailable"
    redis.start()
    assert client.get("/readyz").get_json()["checks"]["redis"] == "ok"
    assert post_form(client, "/sign-in", {"username": "learner", "password": "wrong"}).status_code == 400
