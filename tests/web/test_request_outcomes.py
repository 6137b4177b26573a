"""A decided request for recognition shows its result in the learner's and the coach's lists."""

import io
import re

import pytest

from app.core.db import db
from competence.models import RecognitionRequest
from tests.competence_factory import make_framework
from tests.conftest import post_form

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def framework(app):
    return make_framework()


def _decided(world, as_user, choices: dict) -> RecognitionRequest:
    post_form(as_user(world.learner), "/learn/skills/recognition/new?unit=TET-TT",
              {"description": "Olen tehnyt varastotöitä.", "action": "send",
               "file": (io.BytesIO(PNG), "todistus.png")}, content_type="multipart/form-data")
    request = db.session.query(RecognitionRequest).order_by(RecognitionRequest.id.desc()).first()
    response = post_form(as_user(world.coach), f"/coach/recognition/{request.id}", {**choices, "message": "Ei vielä."})
    assert response.status_code == 302, response.get_data(as_text=True)
    return request


def _badge(page: str, request_id: int) -> str:
    """The status badge on the list line that links to the request."""
    line = re.search(rf'recognition/{request_id}">.*?</li>', page, re.S)
    return line.group(0)


@pytest.mark.parametrize("choices, state, words", [
    ({"outcome-TET-TT-1": "not_accepted", "outcome-TET-TT-2": "not_accepted"}, "not_accepted",
     ("not recognised", "ei tunnustettu")),
    ({"outcome-TET-TT-1": "accepted:3", "outcome-TET-TT-2": "not_accepted"}, "partly",
     ("partly recognised", "osittain")),
    ({"outcome-TET-TT-1": "accepted:3", "outcome-TET-TT-2": "accepted:4"}, "accepted",
     ("recognised", "tunnustettu")),
])
def test_a_decided_request_shows_its_outcome_and_a_decline_has_no_tick(world, framework, as_user,
                                                                        choices, state, words):
    """My skills and the coach's profile list say what was decided; only a recognition gets the tick."""
    request = _decided(world, as_user, choices)
    for client, page in ((as_user(world.learner), "/learn/skills"),
                         (as_user(world.coach), f"/coach/learners/{world.learner.id}/profile")):
        badge = _badge(client.get(page).get_data(as_text=True), request.id)
        assert f"request-{state}" in badge
        assert any(word in badge.lower() for word in words)
        assert ("icon-yes" in badge) == (state == "accepted")
