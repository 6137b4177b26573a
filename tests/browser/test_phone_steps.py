"""At 360 px the steps fit the screen and say plainly what is wanted: the CV template wraps, the quiz
says what is missing, a file goes with one press, a lesson has one onward button and a written answer
counts its characters; status icons are drawn, not emoji.
"""

import re
from pathlib import Path

import pytest

from app.core.db import db
from courses.content_import import import_content
from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll
from tests.browser.test_accounts_journey import sign_in
from tests.browser.test_module_journey import PDF

pytestmark = pytest.mark.browser


@pytest.fixture
def content(app):
    import_content(Path(app.config["CONTENT_DIR"]))
    db.session.commit()


@pytest.fixture
def phone(live_server, new_page, world, content):
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, "learner")
    page.base = live_server
    return page


def test_cv_template_wraps_and_the_file_goes_with_one_press(phone, tmp_path):
    """The CV task's template fits 360 px; choosing a file and pressing Send sends it at once."""
    phone.goto(f"{phone.base}/learn/steps/TET-M4-TASK")
    template = phone.locator(".content pre")
    assert template.is_visible()
    assert template.bounding_box()["width"] <= PHONE["width"]
    assert no_horizontal_scroll(phone)
    check_accessibility(phone, "step-cv-template-360")
    document = tmp_path / "CV_Leena.pdf"
    document.write_bytes(PDF)
    phone.get_by_label("Valitse tiedosto tai ota kuva").set_input_files(str(document))
    phone.get_by_role("button", name="Lähetä valmentajalle").click()
    assert phone.locator(".error-summary").count() == 0
    assert phone.get_by_role("link", name="CV_Leena.pdf").is_visible()
    assert phone.locator(".badge.state-waiting .icon").is_visible()
    assert no_horizontal_scroll(phone)
    check_accessibility(phone, "step-file-sent-360")


def test_quiz_feedback_says_what_is_missing_and_retry_keeps_choices(phone):
    """The quiz states its pass rule, counts missing right options and 'Try again' keeps the choices."""
    phone.goto(f"{phone.base}/learn/steps/TET-M4-QUIZ")
    assert phone.get_by_text(re.compile("Pääset läpi, kun vastaat kaikkiin 6 kysymykseen oikein")).is_visible()
    for fieldset in phone.locator("fieldset.question").all():
        fieldset.locator("input").first.check()
    phone.get_by_role("button", name="Tarkista vastaukset").click()
    assert phone.get_by_text(re.compile("oikeaa? vastausta? puuttuu")).first.is_visible()
    assert phone.locator(".quiz-result .icon").first.is_visible()
    assert no_horizontal_scroll(phone)
    check_accessibility(phone, "step-quiz-feedback-360")
    phone.get_by_role("link", name="Yritä uudelleen").click()
    checked = phone.locator("fieldset.question input:checked")
    assert checked.count() == phone.locator("fieldset.question").count()
    for fieldset in phone.locator("fieldset.question").all():
        assert fieldset.locator("input").first.is_checked()
    check_accessibility(phone, "step-quiz-again-360")


def test_a_lesson_ends_with_one_button(phone):
    """A lesson's end has one onward button and a plain link back; the button opens the next step."""
    phone.goto(f"{phone.base}/learn/steps/TET-M4-L3B")
    heading = phone.get_by_role("heading", level=1).inner_text()
    assert phone.locator("main .button.big, main .step-nav .button").count() == 1
    assert phone.get_by_role("link", name=re.compile("Edellinen")).is_visible()
    assert phone.get_by_role("link", name=re.compile("Seuraava")).count() == 0
    assert no_horizontal_scroll(phone)
    check_accessibility(phone, "step-lesson-end-360")
    phone.get_by_role("button", name="Olen lukenut tämän – jatka").click()
    assert phone.get_by_role("heading", level=1).inner_text() != heading


def test_written_answer_counter_follows_typing(phone):
    """The written task counts the answer's characters as the learner types, beside the minimum."""
    phone.goto(f"{phone.base}/learn/steps/TET-M1-TASK")
    hint = phone.locator("#answer-hint")
    assert "Vähintään 200 merkkiä. Olet kirjoittanut 0." in hint.inner_text()
    phone.get_by_label("Vastauksesi").fill("Kaksitoista")
    assert phone.locator("#answer-count").inner_text() == "11"
    assert no_horizontal_scroll(phone)
    check_accessibility(phone, "step-written-counter-360")


def test_status_icons_are_drawn(phone):
    """The module's step list shows drawn icons beside every state's text, at text size."""
    phone.goto(f"{phone.base}/learn/modules/TET-M4")
    icons = phone.locator(".badge .icon")
    assert icons.count() >= 1
    box = icons.first.bounding_box()
    assert 8 <= box["width"] <= 24 and 8 <= box["height"] <= 24
    assert no_horizontal_scroll(phone)
    check_accessibility(phone, "module-status-icons-360")
