"""An editor changes a lesson in the browser, previews and publishes it; learners see only what is published."""

import re
from pathlib import Path

import pytest

from app.core.accounts.models import Role
from app.core.db import db
from courses.content_import import import_content
from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll, open_menu
from tests.browser.test_accounts_journey import sign_in

pytestmark = pytest.mark.browser
LESSON = "/learn/steps/TET-M4-L1"
NEW_TEXT = "Tämä kappale on lisätty selaimessa."


@pytest.fixture
def content(app):
    import_content(Path(app.config["CONTENT_DIR"]))
    db.session.commit()


def open_lesson_editor(page, base):
    page.goto(f"{base}/authoring/")
    page.get_by_role("link", name=re.compile("Työelämätaidot|Työelämän")).first.click()
    page.get_by_role("link", name="Mitä minä osaan?").click()


def test_editor_previews_publishes_and_restores_a_lesson(live_server, new_page, world, make_user, content):
    """Draft unseen by the learner, preview, conflict with both texts, publish seen, restore seen."""
    make_user(Role.COACH, username="editor", name="Elina Sisältö", content_editor=True)
    editor = new_page()
    sign_in(editor, live_server, "editor")
    open_menu(editor)
    editor.get_by_role("link", name="Sisältö", exact=True).filter(visible=True).first.click()
    check_accessibility(editor, "authoring-courses")
    editor.get_by_role("link", name=re.compile("Työelämätaidot|Työelämän")).first.click()
    check_accessibility(editor, "authoring-course")
    editor.get_by_role("link", name="Mitä minä osaan?").click()
    admin = new_page()
    sign_in(admin, live_server, "admin")
    open_lesson_editor(admin, live_server)  # opened before the editor saves: its save will conflict

    body = editor.get_by_label("Teksti (Markdown)")
    body.fill(f"{NEW_TEXT}\n\n" + body.input_value())
    editor.get_by_role("button", name="Näytä esikatselu").click()
    assert editor.locator("#preview").get_by_text(NEW_TEXT).is_visible()
    check_accessibility(editor, "authoring-step-preview-1280")
    editor.get_by_role("button", name="Tallenna luonnos").click()
    assert editor.get_by_text("Tallennettu luonnokseksi").is_visible()

    learner = new_page(viewport=PHONE)
    sign_in(learner, live_server, "learner")
    learner.goto(f"{live_server}{LESSON}")
    assert learner.get_by_role("heading", level=1).inner_text() == "Mitä minä osaan?"
    assert learner.get_by_text(NEW_TEXT).count() == 0

    admin_body = admin.get_by_label("Teksti (Markdown)")
    admin_body.fill("Ylläpitäjän versio.\n\n" + admin_body.input_value())
    admin.get_by_role("button", name="Tallenna luonnos").click()
    conflict = admin.locator("section.conflict")
    assert conflict.get_by_role("heading", name=re.compile("Joku muu tallensi")).is_visible()
    assert NEW_TEXT in admin.locator("#saved").inner_text()
    assert "Ylläpitäjän versio." in admin.locator("#mine").inner_text()
    check_accessibility(admin, "authoring-conflict")

    editor.get_by_role("link", name=re.compile("Työelämätaidot|Työelämän")).first.click()
    editor.get_by_text("Hylkää kaikki julkaisemattomat muutokset").click()
    check_accessibility(editor, "authoring-course-with-draft")
    editor.get_by_role("button", name="Tarkista ja julkaise kurssi").click()
    assert editor.get_by_text(re.compile("Julkaistu. Oppijat näkevät nyt version 2")).is_visible()
    learner.reload()
    assert learner.get_by_text(NEW_TEXT).is_visible()

    editor.get_by_role("link", name="Julkaistut versiot ja palauttaminen").click()
    check_accessibility(editor, "authoring-history")
    editor.get_by_role("button", name="Näytä erot").click()
    assert editor.locator(".diff-lines .added").first.is_visible()
    check_accessibility(editor, "authoring-diff")
    editor.go_back()
    editor.get_by_role("button", name=re.compile("Palauta luonnokseksi")).first.click()
    editor.get_by_role("button", name="Tarkista ja julkaise kurssi").click()
    assert editor.get_by_text(re.compile("version 3")).is_visible()
    learner.reload()
    assert learner.get_by_text(NEW_TEXT).count() == 0


def test_step_editor_on_a_phone(live_server, new_page, world, make_user, content):
    """At 360 px the editor and its preview stack, nothing scrolls sideways, and axe finds nothing."""
    make_user(Role.COACH, username="editor", content_editor=True)
    phone = new_page(viewport=PHONE)
    sign_in(phone, live_server, "editor")
    open_lesson_editor(phone, live_server)
    phone.get_by_role("button", name="Näytä esikatselu").click()
    assert no_horizontal_scroll(phone)
    check_accessibility(phone, "authoring-step-preview-360")
    phone.goto(f"{live_server}/authoring/")
    phone.get_by_role("link", name=re.compile("Työelämätaidot|Työelämän")).first.click()
    phone.get_by_role("link", name="Visa: osaaminen ja CV").click()
    assert no_horizontal_scroll(phone)
    check_accessibility(phone, "authoring-quiz-360")
    phone.go_back()
    phone.get_by_role("link", name=re.compile("Muokkaa moduulin johdantoa")).first.click()
    assert no_horizontal_scroll(phone)
    check_accessibility(phone, "authoring-module-360")
