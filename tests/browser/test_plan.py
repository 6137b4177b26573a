"""A coach writes a goal and schedules a meeting on a phone; the learner reads My plan and the meeting on My path."""

from datetime import timedelta

import pytest

from service.access import today
from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll, open_menu
from tests.browser.test_accounts_journey import sign_in
from tests.service_factory import start_period

pytestmark = pytest.mark.browser


def test_coach_writes_a_goal_and_a_meeting_and_the_learner_sees_both(live_server, new_page, world):
    """The coach's plan and meeting forms work at 360 px without JavaScript errors; the learner sees the results."""
    start_period(world.coach, world.learner)
    coach = new_page(viewport=PHONE)
    sign_in(coach, live_server, "coach")
    coach.goto(f"{live_server}/coach/learners/{world.learner.id}")
    coach.get_by_role("link", name="Suunnitelma ja tapaamiset").click()
    assert no_horizontal_scroll(coach)
    check_accessibility(coach, "plan-coach-phone")
    coach.get_by_label("Tavoite oppijan omin sanoin").fill("Opin hoitamaan asiat verkossa")
    coach.get_by_role("button", name="Lisää tavoite").click()
    assert coach.get_by_text("Opin hoitamaan asiat verkossa").is_visible()

    coach.get_by_role("link", name="Kaikki tapaamiset ja uusi tapaaminen").click()
    coach.get_by_label("Päivä").fill((today() + timedelta(days=2)).isoformat())
    coach.get_by_label("Kellonaika (Suomen aikaa)").fill("10:30")
    coach.get_by_label("Puhelin").check()
    coach.get_by_label("Mistä tapaamisessa puhutaan (oppija näkee tämän)").fill("Katsotaan CV yhdessä")
    coach.get_by_role("button", name="Sovi tapaaminen").click()
    assert coach.get_by_text("Tapaaminen sovittiin.").is_visible()
    assert no_horizontal_scroll(coach)
    check_accessibility(coach, "plan-meetings-coach-phone")

    learner = new_page(viewport=PHONE)
    sign_in(learner, live_server, "learner")
    meetings = learner.locator("section[aria-labelledby=meetings-heading]")
    assert meetings.get_by_text("Katsotaan CV yhdessä").is_visible()
    assert meetings.get_by_role("link", name="Lisää kalenteriini").is_visible()
    check_accessibility(learner, "plan-my-path-meeting-phone")
    open_menu(learner)
    learner.get_by_role("link", name="Oma suunnitelma").first.click()
    assert learner.get_by_text("Opin hoitamaan asiat verkossa").is_visible()
    assert learner.get_by_text("Osallistut 3 päivänä viikossa.").is_visible()
    assert no_horizontal_scroll(learner)
    check_accessibility(learner, "plan-learner-phone")
