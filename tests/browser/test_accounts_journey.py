"""Journeys of the foundation: a coach makes a learner account and card; the learner starts."""

import re

import pytest

from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll, open_menu
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page, base, username, password=PASSWORD):
    page.goto(f"{base}/sign-in")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("button", name="Kirjaudu sisään").click()


def test_coach_card_then_learner_first_sign_in(live_server, new_page, world):
    """A coach creates a learner and prints a card; the learner signs in with the code on a phone,
    chooses a password and then the language, switches to English, signs out and in again unasked."""
    coach = new_page()
    coach.goto(live_server)
    check_accessibility(coach, "landing")
    sign_in(coach, live_server, "coach")
    check_accessibility(coach, "coach-groups")
    coach.get_by_role("link", name="Ryhmä A").click()
    check_accessibility(coach, "coach-group")
    coach.get_by_role("link", name="Lisää oppija").click()
    check_accessibility(coach, "coach-new-learner")
    coach.get_by_label("Oppijan nimi").fill("Pekka Äijälä")
    coach.get_by_role("button", name=re.compile("Luo tunnus")).click()
    check_accessibility(coach, "sign-in-card")
    code = coach.locator(".big-code").inner_text().strip()
    username = coach.locator(".signin-card .mono").first.inner_text().strip()
    assert username == "pekka.aijala" and re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    qr_target = f"{live_server}/sign-in/code?username={username}"

    learner = new_page(viewport=PHONE)
    learner.goto(qr_target)
    check_accessibility(learner, "code-sign-in")
    assert learner.get_by_label("Käyttäjätunnus").input_value() == username
    learner.get_by_label("Kertakoodi").fill(code.lower())
    learner.get_by_role("button", name="Jatka").click()
    check_accessibility(learner, "choose-password")
    learner.get_by_label("Uusi salasana", exact=True).fill("sininen-kahvi-pyörä")
    learner.get_by_label("Uusi salasana uudelleen").fill("sininen-kahvi-pyörä")
    learner.get_by_role("button", name="Tallenna salasana").click()
    assert learner.get_by_role("heading", name="Valitse kieli").is_visible()
    assert no_horizontal_scroll(learner)
    check_accessibility(learner, "first-language")
    learner.get_by_role("button", name="Suomi").click()
    assert learner.get_by_role("heading", name="Oma polku").is_visible()
    assert no_horizontal_scroll(learner)
    check_accessibility(learner, "my-path-fi")

    open_menu(learner)
    learner.get_by_role("button", name="English").click()
    assert learner.get_by_role("heading", name="My path").is_visible()
    check_accessibility(learner, "my-path-en")
    open_menu(learner)
    learner.get_by_role("button", name="Sign out").click()
    learner.get_by_label("Username").fill(username)
    learner.get_by_label("Password").fill("sininen-kahvi-pyörä")
    learner.get_by_role("button", name="Sign in").click()
    assert learner.get_by_role("heading", name="My path").is_visible()


def test_many_wrong_passwords_are_slowed_down(live_server, new_page, world):
    """After a few wrong passwords the learner is asked to wait, and told until when."""
    page = new_page(viewport=PHONE)
    for attempt in range(6):
        sign_in(page, live_server, "learner", f"väärä-{attempt}")
    assert page.get_by_role("heading", name="Liian monta yritystä").is_visible()
    assert re.search(r"\d{1,2}[.:]\d{2}", page.locator("main").inner_text())
    check_accessibility(page, "too-many-tries")


def test_admin_pages_are_accessible_at_320px(live_server, new_page, world):
    """The admin's pages work on a 320 px screen without sideways scrolling."""
    page = new_page(viewport={"width": 320, "height": 640})
    sign_in(page, live_server, "admin")
    for path, name in [("/staff/", "staff-home"), ("/staff/users", "staff-users"),
                       ("/staff/users/new", "staff-new-user"), (f"/staff/users/{world.learner.id}", "staff-user")]:
        page.goto(live_server + path)
        check_accessibility(page, name)
        assert no_horizontal_scroll(page), name
