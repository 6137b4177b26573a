"""Sending to the school: the learner allows it on a small phone, the coach downloads the file. axe-core
checks both pages."""

import json
from pathlib import Path

import pytest

from tests.browser.conftest import SMALL_PHONE, check_accessibility, no_horizontal_scroll, open_menu
from tests.browser.test_certificate_journey import sign_in_in_english
from tests.certificate_factory import accept
from tests.competence_factory import make_framework

pytestmark = pytest.mark.browser
PARTNER = "Stadin ammattiopisto"


@pytest.fixture
def config_overrides():
    return {"CERTIFICATE_PARTNER": PARTNER}


def test_learner_allows_and_coach_downloads(live_server, new_page, world):
    """Allowing takes one button at 320 px; then the coach's certificates page offers the JSON and CSV."""
    make_framework()
    accept(world.coach, world.learner)
    learner = new_page(viewport=SMALL_PHONE)
    sign_in_in_english(learner, live_server, "learner")
    open_menu(learner)
    learner.get_by_role("link", name="My certificates").click()
    assert PARTNER in learner.locator("#transfer").inner_text()
    learner.locator("#give-consent").click()
    assert learner.locator("#consent-given").is_visible()
    check_accessibility(learner, "export-consent-given")
    assert no_horizontal_scroll(learner)

    coach = new_page()
    sign_in_in_english(coach, live_server, "coach")
    coach.goto(f"{live_server}/coach/learners/{world.learner.id}/certificates")
    check_accessibility(coach, "export-links-coach")
    with coach.expect_download() as download:
        coach.locator("#export-json").click()
    document = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert document["vastaanottaja"] == {"nimi": PARTNER}
