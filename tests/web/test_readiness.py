"""/healthz says the process lives; /readyz says whether this instance can serve: database, Redis,
free space in storage and the signing key, as JSON, 503 when any is missing."""

from collections import namedtuple
from pathlib import Path

import pytest

from app.web.public import health
from tests.certificate_factory import with_test_key
from tests.web.test_outages import database_unreachable

Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def deployed(app):
    """What a deploy leaves: the storage folder with the signing key in it."""
    with_test_key(Path(app.config["STORAGE_DIR"]) / "keys")
    return app


def test_a_deployed_instance_is_ready(deployed, client):
    """Database up, key made, space free, Redis not used: 200 and every check ok, nothing personal."""
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ready"
    assert body["checks"] == {"database": "ok", "redis": "not used", "storage": "ok", "signing_key": "ok"}
    assert response.headers["Cache-Control"] == "no-store"
    assert str(deployed.config["STORAGE_DIR"]) not in response.get_data(as_text=True)


def test_not_ready_while_the_database_is_away(deployed, client):
    """The database down: /readyz answers 503 and names the database as the missing part."""
    with database_unreachable(deployed):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"] == "unavailable"


def test_not_ready_without_the_signing_key(app, client):
    """Before `flask keys init` the instance is not ready, and the check says which part is missing."""
    Path(app.config["STORAGE_DIR"]).mkdir(parents=True)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["signing_key"] == "missing"


def test_not_ready_when_storage_is_nearly_full(deployed, client, monkeypatch):
    """Less free space than READY_MIN_FREE_MB in storage: 503, storage "low", the free megabytes given."""
    limit = deployed.config["READY_MIN_FREE_MB"]
    monkeypatch.setattr(health, "disk_usage", lambda path: Usage(10**12, 10**12, (limit - 1) * 1024 * 1024))
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 503
    assert body["checks"]["storage"] == "low" and body["storage_free_mb"] == limit - 1


def test_liveness_stays_as_it_was(deployed, client):
    """/healthz still answers the database's state only, as load balancers already use it."""
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}
