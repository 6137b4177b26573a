"""A written answer reaches the server as the learner types, and waits in the browser while offline."""

import pytest

from app.core.db import db
from tests.browser.conftest import PHONE, check_accessibility
from tests.browser.test_accounts_journey import sign_in
from tests.course_factory import make_course

pytestmark = pytest.mark.browser


@pytest.fixture
def course(app):
    make_course()
    db.session.commit()


def test_typed_text_shows_on_another_device_without_pressing_save(live_server, new_page, world, course):
    """Type, wait, open the task in a fresh browser: the text is there; offline, it is kept and sent later."""
    phone = new_page(viewport=PHONE)
    sign_in(phone, live_server, "learner")
    phone.goto(f"{live_server}/learn/steps/K-M1-TASK")
    phone.get_by_label("Vastauksesi").press_sequentially("Kirjoitin tämän puhelimella")
    status = phone.locator("[data-autosave-status]")
    status.get_by_text("Tallennettu automaattisesti.").wait_for()
    check_accessibility(phone, "written-task-autosaved")

    other = new_page()
    sign_in(other, live_server, "learner")
    other.goto(f"{live_server}/learn/steps/K-M1-TASK")
    assert other.get_by_label("Vastauksesi").input_value() == "Kirjoitin tämän puhelimella"

    phone.context.set_offline(True)
    phone.get_by_label("Vastauksesi").press_sequentially(" ja bussissa")
    status.get_by_text("Ei yhteyttä", exact=False).wait_for()
    kept = phone.evaluate("() => Object.keys(localStorage).map(k => localStorage.getItem(k)).join()")
    assert "ja bussissa" in kept
    phone.context.set_offline(False)
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    status.get_by_text("Tallennettu automaattisesti.").wait_for()

    fresh = new_page()
    sign_in(fresh, live_server, "learner")
    fresh.goto(f"{live_server}/learn/steps/K-M1-TASK")
    assert fresh.get_by_label("Vastauksesi").input_value() == "Kirjoitin tämän puhelimella ja bussissa"
