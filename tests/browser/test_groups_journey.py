"""Journeys of group and account management on a phone: a coach moves a learner and renames a group;
an admin imports learners from a pasted list and gets their cards.
"""

import pytest

from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll
from tests.browser.test_accounts_journey import sign_in

pytestmark = pytest.mark.browser


def test_coach_moves_a_learner_and_renames_a_group_on_a_phone(live_server, new_page, world, make_group):
    """At 360 px a coach moves a learner into another group and renames a group; every page passes axe."""
    make_group("Ryhmä C", coaches=[world.coach])
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, "coach")
    page.get_by_role("link", name="Ryhmä A").click()
    check_accessibility(page, "group-manage")
    assert no_horizontal_scroll(page)

    page.get_by_role("link", name="Siirrä Leena Oppija").click()
    check_accessibility(page, "learner-move")
    page.get_by_label("Siirrä ryhmään").select_option(label="Ryhmä C")
    page.get_by_role("button", name="Siirrä", exact=True).click()
    assert page.get_by_text("Leena Oppija siirrettiin ryhmään Ryhmä C.").is_visible()
    assert page.get_by_role("link", name="Leena Oppija").count() == 0

    page.get_by_role("link", name="Poista Mikko Oppija").click()
    check_accessibility(page, "learner-remove")
    assert no_horizontal_scroll(page)
    page.get_by_role("link", name="Peruuta").click()

    page.get_by_role("link", name="Muuta ryhmän nimeä").click()
    check_accessibility(page, "group-rename")
    page.get_by_label("Ryhmän nimi").fill("Torstain ryhmä")
    page.get_by_role("button", name="Tallenna nimi").click()
    assert page.get_by_role("heading", name="Torstain ryhmä", level=1).is_visible()

    page.get_by_role("link", name="Lisää olemassa oleva oppija").click()
    page.get_by_label("Nimi tai käyttäjätunnus").fill("leena")
    page.get_by_role("button", name="Hae").click()
    check_accessibility(page, "learner-add")
    page.get_by_role("button", name="Lisää Leena Oppija").click()
    assert page.get_by_role("link", name="Leena Oppija", exact=True).is_visible()

    page.get_by_role("link", name="Arkistoi ryhmä…").click()
    check_accessibility(page, "group-archive")
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="Arkistoi ryhmä").click()
    page.get_by_role("link", name="Arkistoidut ryhmät").click()
    check_accessibility(page, "groups-archived")
    page.get_by_role("link", name="Torstain ryhmä").click()
    check_accessibility(page, "group-archived")
    assert no_horizontal_scroll(page)


def test_admin_imports_three_learners_and_sees_the_card_sheet(live_server, new_page, world):
    """At 360 px an admin pastes three names, checks the preview, creates them and sees three cards;
    a reload shows no code again.
    """
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server}/staff/users")
    page.get_by_role("link", name="Lisää monta oppijaa").click()
    check_accessibility(page, "users-import")
    page.get_by_label("Nimet, yksi oppija riville").fill("Aino Aalto\nBertta Berg; bertta.b\nCarl Ceder\n")
    page.get_by_label("Ryhmä (vapaaehtoinen)").select_option(label="Ryhmä A")
    page.get_by_role("button", name="Esikatselu").click()
    check_accessibility(page, "users-import-preview")
    assert no_horizontal_scroll(page)
    assert page.locator("td", has_text="aino.aalto").is_visible()
    page.get_by_role("button", name="Tee 3 oppijaa ja heidän kirjautumiskorttinsa").click()

    assert page.locator(".signin-card").count() == 3
    assert page.locator(".card-sheet").count() == 1
    check_accessibility(page, "card-sheet")
    assert no_horizontal_scroll(page)
    page.reload()
    assert page.locator(".signin-card").count() == 0
    assert page.get_by_role("button", name="Tee uusi kortti: Aino Aalto").is_visible()
    check_accessibility(page, "cards-shown")

    page.goto(f"{live_server}/staff/users/{world.learner.id}/edit")
    check_accessibility(page, "account-edit")
    assert no_horizontal_scroll(page)
