"""A learner does a whole module on a phone, stops in the middle and continues; the coach reviews."""

import re
from pathlib import Path

import pytest

from app.core.db import db
from courses.content_import import import_content
from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll, open_menu
from tests.browser.test_accounts_journey import sign_in

pytestmark = pytest.mark.browser
ANSWER = ("Valitsin siivoojan työpaikkailmoituksen. Työ on osa-aikaista, 25 tuntia viikossa, ja "
          "työaika on aamulla. Palkka määräytyy kiinteistöpalvelualan työehtosopimuksen mukaan. "
          "Ilmoituksessa pyydetään täsmällisyyttä ja hyvää asiakaspalvelua. Kysyisin työnantajalta, "
          "kuinka pitkä koeaika on ja onko työ määräaikainen vai toistaiseksi voimassa.")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def content(app):
    import_content(Path(app.config["CONTENT_DIR"]))
    db.session.commit()


def continue_button(page):
    return page.get_by_role("link", name=re.compile(r"^(Jatka|Aloita)"))


def do_step(page, tmp_path):
    """Do whatever the current step asks, the way a learner would."""
    if page.get_by_role("button", name=re.compile("Olen lukenut")).count():
        page.get_by_role("button", name=re.compile("Olen lukenut")).click()
    elif page.get_by_role("button", name="Tarkista vastaukset").count():
        for fieldset in page.locator("fieldset.question").all():
            fieldset.locator("input").first.check()
        page.get_by_role("button", name="Tarkista vastaukset").click()
        assert page.get_by_role("heading", name=re.compile("Vastauksesi")).is_visible()
        page.get_by_role("link", name=re.compile("Seuraava")).click()
    elif page.get_by_label("Vastauksesi").count():
        page.get_by_label("Vastauksesi").fill(ANSWER)
        page.get_by_role("button", name="Lähetä valmentajalle").click()
        assert page.get_by_text("Lähetetty valmentajalle").count() or page.locator(".message").count()
        assert page.locator(".error-summary").count() == 0
        page.get_by_role("link", name=re.compile("Seuraava")).click()
    elif page.locator("input[type=file]").count():
        document = tmp_path / "cv.pdf"
        document.write_bytes(PDF)
        page.locator("input[type=file]").set_input_files(str(document))
        page.get_by_role("button", name="Lähetä valmentajalle").click()
        page.get_by_role("link", name=re.compile("Seuraava")).click()
    else:
        for fieldset in page.locator("fieldset.question").all():
            fieldset.locator("input").last.check()
        page.get_by_role("button", name=re.compile("Tallenna itsearviointi")).click()


def test_learner_does_a_module_on_a_phone_and_continues_later(live_server, new_page, world, content, tmp_path):
    """Half a module, sign out, back on another device: Continue opens the exact next step."""
    phone = new_page(viewport=PHONE)
    sign_in(phone, live_server, "learner")
    check_accessibility(phone, "course-my-path")
    continue_button(phone).click()
    first_title = phone.get_by_role("heading", level=1).inner_text()
    check_accessibility(phone, "course-lesson")
    assert no_horizontal_scroll(phone)
    phone.get_by_role("button", name=re.compile("selkokieli")).click()
    check_accessibility(phone, "course-lesson-selko")
    do_step(phone, tmp_path)
    do_step(phone, tmp_path)
    stopped_at = phone.get_by_role("heading", level=1).inner_text()
    assert stopped_at != first_title
    open_menu(phone)
    phone.get_by_role("button", name="Kirjaudu ulos").click()

    desktop = new_page()
    sign_in(desktop, live_server, "learner")
    continue_button(desktop).click()
    assert desktop.get_by_role("heading", level=1).inner_text() == stopped_at

    module_url = None
    for _ in range(20):
        heading = desktop.get_by_role("heading", level=1).inner_text()
        check_accessibility(desktop, "course-step-" + re.sub(r"\W+", "-", heading.lower())[:40])
        module_url = desktop.get_by_role("link", name=re.compile("Työelämän pelisäännöt")).first.get_attribute("href")
        do_step(desktop, tmp_path)
        if "/modules/" in desktop.url:
            break
    assert "/modules/" in desktop.url, "the module ended on its own page"
    check_accessibility(desktop, "course-module-done")
    assert desktop.locator(".state-waiting").count() >= 1
    assert module_url
