"""Every request has an id (in the response, the JSON log lines and the 500/503 pages), and /metrics
gives Prometheus the requests, latency, errors per endpoint and the coaches' queues, to this host only."""

import io
import json
import logging
import re

import pytest

from app.web.common import request_log
from competence import recognition
from tests.competence_factory import make_framework
from tests.web.test_outages import database_unreachable

HEX_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def json_log(app):
    """The app's log as JSON lines, as production writes them."""
    stream = io.StringIO()
    app.config["LOG_FORMAT"] = "json"
    request_log.configure_logging(app, stream=stream)
    root = logging.getLogger()
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for handler in [h for h in root.handlers if getattr(h, "verstas_json_handler", False)]:
        root.removeHandler(handler)
    root.setLevel(logging.WARNING)


@pytest.fixture
def boom(app):
    @app.get("/_boom")
    def boom():
        raise RuntimeError("a bug")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    return "/_boom"


def test_every_response_names_its_request_id_and_a_sane_incoming_one_is_kept(client):
    """A new random id by default; a proxy's id is kept; a malformed one is replaced."""
    assert HEX_ID.fullmatch(client.get("/").headers["X-Request-ID"])
    assert client.get("/", headers={"X-Request-ID": "lb-7f3a-0001"}).headers["X-Request-ID"] == "lb-7f3a-0001"
    for odd in ("short", "x" * 200, "has space in it", "<script>alert(1)</script>"):
        assert HEX_ID.fullmatch(client.get("/", headers={"X-Request-ID": odd}).headers["X-Request-ID"])


def test_the_500_and_503_pages_show_the_request_id(app, client, boom, monkeypatch, world, as_user):
    """A learner can read the error code to their coach: on the 500 page, the static fallback and the 503 page."""
    failed = client.get(boom, headers={"Accept-Language": "fi"})
    assert failed.status_code == 500
    assert f"virhekoodi: {failed.headers['X-Request-ID']}" in failed.get_data(as_text=True)
    learner = as_user(world.learner)
    with database_unreachable(app):
        away = learner.get("/learn/certificates", headers={"Accept-Language": "en"})
    assert away.status_code == 503
    assert f"error code: {away.headers['X-Request-ID']}" in away.get_data(as_text=True)
    import app.web.common.errors as errors

    monkeypatch.setattr(errors, "render_template", lambda *a, **k: 1 / 0)
    fallback = client.get(boom)
    assert f"<code>{fallback.headers['X-Request-ID']}</code>" in fallback.get_data(as_text=True)


def test_log_lines_are_json_with_the_request_id(app, client, boom, json_log, world, as_user):
    """Each request logs one JSON line with its id, endpoint, status and time; errors carry the same id;
    no SQL statement or parameter reaches the log."""
    ok = client.get("/accessibility")
    failed = client.get(boom)
    as_user(world.learner).get("/learn/skills")
    lines = json_log()
    assert not any("SELECT" in line["message"] or "Leena" in json.dumps(line) for line in lines)
    finished = [line for line in lines if line.get("event") == "request"]
    assert {"request_id": ok.headers["X-Request-ID"], "endpoint": "public.accessibility", "status": 200,
            "method": "GET", "path": "/accessibility"}.items() <= finished[0].items()
    assert finished[0]["duration_ms"] >= 0 and finished[0]["level"] == "INFO"
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert errors and errors[0]["request_id"] == failed.headers["X-Request-ID"]
    assert "RuntimeError: a bug" in errors[0]["exception"]


def test_metrics_count_requests_latency_errors_and_queues(app, client, world, boom):
    """/metrics from this host: requests by endpoint and status, a latency histogram, 5xx per endpoint,
    and the number of recognition requests waiting for a coach."""
    make_framework()
    waiting = recognition.start(world.learner, unit_code="TET-TT")
    recognition.save(world.learner, waiting.id, "Olen tehnyt tätä työtä kaksi vuotta.")
    recognition.send(world.learner, waiting.id)
    from app.core.db import db

    db.session.commit()
    client.get("/accessibility")
    client.get(boom)
    response = client.get("/metrics")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert re.search(r'verstas_requests_total\{endpoint="public.accessibility",method="GET",status="200"\} \d', text)
    assert 'verstas_request_duration_seconds_bucket{endpoint="public.accessibility",le="0.5"}' in text
    assert re.search(r'verstas_request_errors_total\{endpoint="boom"\} [1-9]', text)
    assert 'verstas_queue_waiting{queue="recognition_requests"} 1.0' in text
    assert 'verstas_queue_waiting{queue="submissions_to_review"} 0.0' in text


@pytest.mark.parametrize("config_overrides", [{"METRICS_TOKEN": "s3cret-token-for-prometheus"}])
def test_metrics_answer_only_this_host_or_the_token(client, config_overrides):
    """Another address, or this host through a proxy, gets 404; the configured bearer token is let in."""
    elsewhere = {"REMOTE_ADDR": "10.0.0.5"}
    assert client.get("/metrics", environ_base=elsewhere).status_code == 404
    assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 404
    assert client.get("/metrics", environ_base=elsewhere,
                      headers={"Authorization": "Bearer wrong"}).status_code == 404
    assert client.get("/metrics", environ_base=elsewhere,
                      headers={"Authorization": "Bearer s3cret-token-for-prometheus"}).status_code == 200
