"""The learner allows or withdraws sending to the partner school; the coach downloads the export only
while it is allowed, and each role reaches only what it may."""

import json

import pytest

from app.core.db import db
from tests.certificate_factory import accept
from tests.competence_factory import make_framework
from tests.conftest import post_form

PARTNER = "Stadin ammattiopisto"


@pytest.fixture
def config_overrides():
    return {"CERTIFICATE_PARTNER": PARTNER}


@pytest.fixture
def credited(app, world):
    make_framework()
    accept(world.coach, world.learner)
    return world


def export_path(learner_id, kind="json"):
    return f"/coach/learners/{learner_id}/export.{kind}"


def allow(client):
    response = post_form(client, "/learn/certificates/consent", token_from="/learn/certificates")
    assert response.status_code == 302
    return response


def test_the_learner_allows_and_withdraws_on_their_certificates_page(credited, as_user):
    """The page names the partner in plain words; allowing and withdrawing each take one button."""
    client = as_user(credited.learner)
    page = client.get("/learn/certificates").get_data(as_text=True)
    assert PARTNER in page and 'id="give-consent"' in page
    allow(client)
    page = client.get("/learn/certificates").get_data(as_text=True)
    assert 'id="consent-given"' in page and 'id="give-consent"' not in page
    response = post_form(client, "/learn/certificates/consent/withdraw", token_from="/learn/certificates")
    assert response.status_code == 302
    assert 'id="give-consent"' in client.get("/learn/certificates").get_data(as_text=True)


def test_consent_needs_the_forms_token(credited, as_user):
    """A consent cannot be given by a forged request from another site."""
    client = as_user(credited.learner)
    assert client.post("/learn/certificates/consent").status_code in (400, 403)
    assert 'id="give-consent"' in client.get("/learn/certificates").get_data(as_text=True)


def test_the_coach_downloads_only_while_the_learner_allows(credited, as_user):
    """Before consent 403 with the reason, after it JSON and CSV; after withdrawal 403 again."""
    coach = as_user(credited.coach)
    refused = coach.get(export_path(credited.learner.id))
    assert refused.status_code == 403 and "ei ole antanut lupaa siirtää" in refused.get_data(as_text=True)
    assert 'id="no-consent"' in coach.get(f"/coach/learners/{credited.learner.id}/certificates").get_data(as_text=True)
    learner = as_user(credited.learner)
    allow(learner)
    page = coach.get(f"/coach/learners/{credited.learner.id}/certificates").get_data(as_text=True)
    assert 'id="export-json"' in page and 'id="export-csv"' in page
    response = coach.get(export_path(credited.learner.id))
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store" and "attachment" in response.headers["Content-Disposition"]
    document = json.loads(response.get_data(as_text=True))
    assert document["aiemmin-hankitut-yhteiset-tutkinnon-osat"][0]["tutkinnon-osa-koodi-uri"] == "tutkinnonosat_106729"
    csv = coach.get(export_path(credited.learner.id, "csv"))
    assert csv.status_code == 200 and "ammatillisenoppiaineet_yttt" in csv.get_data(as_text=True)
    post_form(learner, "/learn/certificates/consent/withdraw", token_from="/learn/certificates")
    assert coach.get(export_path(credited.learner.id)).status_code == 403


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_each_role_reaches_only_what_it_may(credited, as_user, kind):
    """Another coach's learner is not found; a learner cannot download anyone's; an admin may."""
    allow(as_user(credited.learner))
    assert as_user(credited.other_coach).get(export_path(credited.learner.id, kind)).status_code == 404
    assert as_user(credited.coach).get(export_path(credited.stranger.id, kind)).status_code == 404
    assert as_user(credited.learner).get(export_path(credited.learner.id, kind)).status_code == 403
    assert as_user(credited.learner2).get(export_path(credited.learner.id, kind)).status_code == 403
    assert as_user(credited.admin).get(export_path(credited.learner.id, kind)).status_code == 200


def test_the_csv_cannot_run_a_formula(app, world, as_user):
    """A name that a spreadsheet would run as a formula arrives as text, behind an apostrophe."""
    world.coach.display_name = '=HYPERLINK("http://evil.example","x")'
    db.session.commit()
    make_framework()
    accept(world.coach, world.learner)
    allow(as_user(world.learner))
    text = as_user(world.coach).get(export_path(world.learner.id, "csv")).get_data(as_text=True)
    assert '"\'=HYPERLINK(' in text and '"=HYPERLINK(' not in text
