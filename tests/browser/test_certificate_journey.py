"""The certificate journey: a coach previews and issues a certificate, the learner downloads it on a
phone, and an anonymous visitor checks it by its code. axe-core checks every page on the way."""

from pathlib import Path

import pytest

from app.core.db import db
from competence import verification
from competence.certificate_models import Certificate
from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll, open_menu
from tests.certificate_factory import accept, with_test_key
from tests.competence_factory import make_framework
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in_in_english(page, base, username):
    """Sign in, then switch the interface to English (the certificate pages are translated later)."""
    page.goto(f"{base}/sign-in")
    open_menu(page)
    page.get_by_role("button", name="English").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def credited(app, world):
    with_test_key(Path(app.config["STORAGE_DIR"]) / "keys")
    make_framework()
    accept(world.coach, world.learner)
    return world


def test_coach_issues_learner_downloads_visitor_verifies(live_server, new_page, credited):
    """The coach issues after a preview; the learner downloads the very bytes issued; anyone verifies."""
    coach = new_page()
    sign_in_in_english(coach, live_server, "coach")
    coach.goto(f"{live_server}/coach/learners/{credited.learner.id}")
    coach.locator("#certificates").click()
    check_accessibility(coach, "certificate-list-coach")
    coach.locator("#new-certificate").click()
    check_accessibility(coach, "certificate-choose")
    assert coach.get_by_role("checkbox", name="TET-TT", exact=False).is_checked()
    coach.locator("#preview").click()
    check_accessibility(coach, "certificate-preview")
    assert coach.get_by_role("heading", level=1).inner_text().startswith("Preview")
    assert db.session.query(Certificate).count() == 0
    coach.locator("#issue").click()
    check_accessibility(coach, "certificate-issued")
    code = coach.locator("#certificate-code").inner_text().strip()
    certificate = db.session.query(Certificate).one()
    assert code == verification.format_code(certificate.code)

    learner = new_page(viewport=PHONE)
    sign_in_in_english(learner, live_server, "learner")
    open_menu(learner)
    learner.get_by_role("link", name="My certificates").click()
    check_accessibility(learner, "my-certificates")
    assert no_horizontal_scroll(learner)
    with learner.expect_download() as download:
        learner.locator(f"#download-{certificate.id}").click()
    assert Path(download.value.path()).read_bytes() == certificate.pdf

    visitor = new_page(viewport=PHONE)
    visitor.goto(f"{live_server}/verify")
    check_accessibility(visitor, "verify-form")
    visitor.locator("#code").fill(code.lower().replace("-", " "))
    visitor.locator("#check-code").click()
    check_accessibility(visitor, "verify-valid")
    assert "valid" in visitor.locator("#verdict").get_attribute("class")
    assert visitor.locator("#holder").inner_text() == "Leena Oppija"
    assert no_horizontal_scroll(visitor)

    typo = code[:-1] + ("A" if code[-1] != "A" else "B")
    visitor.goto(f"{live_server}/verify")
    visitor.locator("#code").fill(typo)
    visitor.locator("#check-code").click()
    assert visitor.locator("#code-error").is_visible()
    check_accessibility(visitor, "verify-typo")
    visitor.goto(f"{live_server}/verify/{verification.format_code(verification.new_code())}")
    check_accessibility(visitor, "verify-not-found")
    visitor.goto(f"{live_server}/credentials/achievements/TET-TT")
    check_accessibility(visitor, "achievement-page")
    assert no_horizontal_scroll(visitor)


def test_coach_revokes_and_the_visitor_sees_it(live_server, new_page, credited, as_user):
    """After the coach revokes with a reason, the verification page says revoked, with the reason."""
    coach = new_page()
    sign_in_in_english(coach, live_server, "coach")
    base = f"{live_server}/coach/learners/{credited.learner.id}/certificates"
    coach.goto(f"{base}/preview?units=TET-TT&units=TET-PF&language=en")
    coach.locator("#issue").click()
    code = coach.locator("#certificate-code").inner_text().strip()
    coach.locator("#revoke-start").click()
    check_accessibility(coach, "certificate-revoke-confirm")
    coach.get_by_label("Issued by mistake").check()
    coach.locator("#revoke-button").click()
    check_accessibility(coach, "certificate-revoked")
    assert coach.locator("#reissue").is_visible()

    visitor = new_page(locale="en-GB")
    visitor.goto(f"{live_server}/verify/{code}")
    check_accessibility(visitor, "verify-revoked")
    assert "revoked" in visitor.locator("#verdict").get_attribute("class")
    assert "Issued by mistake" in visitor.locator("#verdict").inner_text()
