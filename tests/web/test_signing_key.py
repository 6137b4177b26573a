"""The signing key is made at deploy time by `flask keys init`; a request never makes one, and one that
needs it while it is missing gets a clear 503 and leaves an error an operator alert can match."""

import logging
from pathlib import Path

import pytest

from app.core.db import db
from competence.certificate_models import Certificate
from competence.signing_keys import KEY_NAME
from tests.certificate_factory import accept
from tests.competence_factory import make_framework
from tests.conftest import post_form

UNITS = {"units": ["TET-TT", "TET-PF"], "language": "fi"}


def key_file(app) -> Path:
    return Path(app.config["STORAGE_DIR"]) / "keys" / KEY_NAME


def test_keys_init_creates_the_key_once_and_says_what_it_did(app):
    """The first run creates the key and says so; the next one changes nothing and says that."""
    runner = app.test_cli_runner()
    first = runner.invoke(args=["keys", "init"])
    assert first.exit_code == 0 and "created the signing key" in first.output
    made = key_file(app).read_bytes()
    second = runner.invoke(args=["keys", "init"])
    assert second.exit_code == 0 and "already in place" in second.output
    assert key_file(app).read_bytes() == made


def test_issuing_without_a_key_is_refused_with_a_clear_503_and_an_error_in_the_log(app, world, as_user, caplog):
    """No key: the coach reads that nothing was issued and to tell the staff; no certificate, no key made."""
    make_framework()
    accept(world.coach, world.learner)
    path = f"/coach/learners/{world.learner.id}/certificates"
    client = as_user(world.coach)
    with caplog.at_level(logging.ERROR):
        response = post_form(client, path, UNITS, token_from=f"{path}/new")
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Todistuksia ei voi nyt allekirjoittaa" in page
    assert db.session.query(Certificate).count() == 0
    assert any(getattr(r, "event", "") == "signing_key_missing" and r.levelno == logging.ERROR
               for r in caplog.records)
    assert not key_file(app).exists()


@pytest.mark.parametrize("path", ["/.well-known/jwks.json", "/credentials/status"])
def test_public_key_documents_without_a_key_answer_503_to_retry(app, client, caplog, path):
    """A verifier asking for the JWKS or the status list before the key exists gets a 503 with Retry-After."""
    with caplog.at_level(logging.ERROR):
        response = client.get(path)
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.get_json()["error"] == "signing key not set up"
    assert "signing_key_missing" in caplog.text
    assert not key_file(app).exists()
