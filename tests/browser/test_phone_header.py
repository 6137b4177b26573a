"""On a phone the header folds into a menu, so each page's title and main action show without scrolling."""

import re
from pathlib import Path

import pytest

from app.core.db import db
from courses.content_import import import_content
from tests.browser.conftest import ARTIFACTS, PHONE, SMALL_PHONE, check_accessibility, no_horizontal_scroll, open_menu
from tests.browser.test_accounts_journey import sign_in

pytestmark = pytest.mark.browser
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def content(app):
    import_content(Path(app.config["CONTENT_DIR"]))
    db.session.commit()


def continue_button(page):
    return page.get_by_role("link", name=re.compile(r"^(Jatka|Aloita)"))


def header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


def in_first_screen(page, locator) -> bool:
    """The element lies wholly inside the viewport as the page first opens."""
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["360", "320"])
def test_title_and_main_action_show_without_scrolling(live_server, new_page, world, content, viewport):
    """On a phone the header is one short row and My path's and a lesson's title and main action are in view."""
    page = new_page(viewport=viewport)
    sign_in(page, live_server, "learner")
    assert header_height(page) <= 120
    assert page.locator("details.site-menu").get_attribute("open") is None
    assert not page.get_by_role("link", name="Oma osaaminen").is_visible()
    assert in_first_screen(page, page.get_by_role("heading", level=1))
    assert in_first_screen(page, continue_button(page).first)
    assert no_horizontal_scroll(page)
    check_accessibility(page, f"header-my-path-{viewport['width']}")

    continue_button(page).first.click()
    assert header_height(page) <= 120
    assert in_first_screen(page, page.get_by_role("heading", level=1))
    assert no_horizontal_scroll(page)
    check_accessibility(page, f"header-lesson-{viewport['width']}")


def test_menu_opens_by_mouse_and_its_links_work(live_server, new_page, world, content):
    """A click opens the menu; it holds the pages, the language and the account, and its links work."""
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, "learner")
    summary = page.get_by_text("Valikko", exact=True)
    summary.click()
    assert page.locator("details.site-menu").get_attribute("open") is not None
    menu = page.get_by_role("navigation", name="Päävalikko")
    for name in ["Oma polku", "Oma osaaminen", "Sinä sanoit, me teimme", "Omat todistukset"]:
        assert menu.get_by_role("link", name=name).is_visible()
    assert page.get_by_role("link", name="Vaihda salasana").is_visible()
    assert page.get_by_role("button", name="Kirjaudu ulos").is_visible()
    assert page.get_by_role("button", name="English").is_visible()
    page.screenshot(path=str(ARTIFACTS / "header-menu-open-360.png"))
    check_accessibility(page, "header-menu-open")
    assert no_horizontal_scroll(page)

    menu.get_by_role("link", name="Oma osaaminen").click()
    assert page.get_by_role("heading", level=1, name="Oma osaaminen").is_visible()
    open_menu(page)
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", level=1, name="My skills").is_visible()
    assert page.get_by_text("Menu", exact=True).is_visible()
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("button", name="Sign in").is_visible()


def test_menu_opens_and_closes_by_keyboard(live_server, new_page, world, content):
    """The menu is reached with Tab, opens and closes with Enter or Space, and its links follow in order."""
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, "learner")
    focused = "document.activeElement.closest('summary') !== null"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate(focused):
            break
    assert page.evaluate(focused)
    page.keyboard.press("Enter")
    assert page.locator("details.site-menu").get_attribute("open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Oma polku"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert page.locator("details.site-menu").get_attribute("open") is None
    page.keyboard.press("Enter")
    for _ in range(3):  # My path, My plan, My skills
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/learn/skills")
    assert page.get_by_role("heading", level=1, name="Oma osaaminen").is_visible()


def test_wide_screen_keeps_the_full_header(live_server, new_page, world, content):
    """On a wide screen there is no menu button: the links, language and account show as before."""
    page = new_page(viewport=WIDE)
    sign_in(page, live_server, "learner")
    assert not page.locator("details.site-menu").is_visible()
    assert page.get_by_role("link", name="Oma osaaminen").is_visible()
    assert page.get_by_role("button", name="English").is_visible()
    assert page.get_by_role("button", name="Kirjaudu ulos").is_visible()
    check_accessibility(page, "header-my-path-1280")


def test_signed_out_pages_fold_the_language_choice_too(live_server, new_page, world):
    """Before signing in, a phone shows the sign-in form at once and the language choice in the menu."""
    page = new_page(viewport=SMALL_PHONE)
    page.goto(f"{live_server}/sign-in")
    assert header_height(page) <= 120
    assert in_first_screen(page, page.get_by_role("heading", level=1))
    open_menu(page)
    page.get_by_role("button", name="Svenska").click()
    assert page.get_by_text("Meny", exact=True).is_visible()
    check_accessibility(page, "header-sign-in-320")


@pytest.mark.parametrize("username", ["coach", "admin"])
def test_staff_header_is_one_short_row_on_a_small_phone(live_server, new_page, world, username):
    """A coach's and an admin's header folds the same way at 320 px and their menu holds their pages."""
    page = new_page(viewport=SMALL_PHONE)
    sign_in(page, live_server, username)
    assert header_height(page) <= 120
    assert in_first_screen(page, page.get_by_role("heading", level=1))
    open_menu(page)
    assert page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Omat ryhmät").is_visible()
    assert no_horizontal_scroll(page)
    check_accessibility(page, f"header-menu-open-{username}-320")
