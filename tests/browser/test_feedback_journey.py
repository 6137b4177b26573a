"""Co-development: a learner finishes a module and answers the round on a phone, staff read the
results and publish what they did, and the learner reads it. axe-core checks every page visited."""

import re

import pytest

from app.core.accounts.models import Role
from app.core.db import db
from courses import activities
from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll, open_menu
from tests.browser.test_accounts_journey import sign_in
from tests.course_factory import make_course, step
from tests.feedback_factory import answer, make_round

pytestmark = pytest.mark.browser
DONE = {"L1": "read", "L2": "read", "QUIZ": "quiz_passed", "TASK": "accepted", "FILE": "accepted",
        "SELF": "self_assessed"}


@pytest.fixture
def feedback_round(world, make_user):
    """An anonymous round about module K-M1 for Ryhmä A, which four others have already answered,
    and the learner's module done."""
    course = make_course()
    found = make_round(world.admin, course, modules=[course.modules[0]], groups=[world.group],
                       title="Miten Moduuli 1 toimi?")
    for _ in range(4):
        answer(make_user(Role.LEARNER, groups=[world.group]), found)
    for suffix, kind in DONE.items():
        activities.record(world.learner, step(f"K-M1-{suffix}"), kind)
    db.session.commit()
    return found


def in_english(page):
    open_menu(page)
    page.get_by_role("button", name="English").click()


def test_learner_answers_staff_act_and_the_learner_sees_what_changed(live_server, new_page, world, feedback_round):
    """The whole co-development loop, phone and desktop, without JavaScript-only steps."""
    phone = new_page(viewport=PHONE)
    sign_in(phone, live_server, "learner")
    in_english(phone)
    invite = phone.locator(f"section[aria-labelledby=invite-{feedback_round.id}]")
    assert "Takes about 3 min" in invite.inner_text()
    check_accessibility(phone, "feedback-my-path-invite")

    phone.goto(f"{live_server}/learn/modules/K-M1")
    assert phone.locator(".state-done").count() == 6
    check_accessibility(phone, "feedback-module-end-invite")
    invite = phone.locator(f"section[aria-labelledby=invite-{feedback_round.id}]")
    invite.get_by_role("link", name=re.compile("^Answer")).click()
    assert phone.get_by_role("heading", name="Your answers are anonymous").is_visible()
    check_accessibility(phone, "feedback-start")
    assert no_horizontal_scroll(phone)

    phone.locator("#all-at-once").click()
    check_accessibility(phone, "feedback-all-on-one-page")
    assert no_horizontal_scroll(phone)
    phone.go_back()
    phone.locator("#one-by-one").click()
    phone.get_by_label("Good", exact=True).check()
    check_accessibility(phone, "feedback-question-faces")
    assert no_horizontal_scroll(phone)
    phone.get_by_role("button", name=re.compile("Next")).click()
    phone.get_by_label("Right", exact=True).check()
    phone.get_by_role("button", name=re.compile("Next")).click()
    phone.get_by_label("Pictures").check()
    phone.get_by_label("Plain language").check()
    check_accessibility(phone, "feedback-question-multiple")
    phone.get_by_role("button", name=re.compile("Next")).click()
    phone.locator("textarea").fill("The quiz could have pictures too.")
    check_accessibility(phone, "feedback-question-text")
    phone.get_by_role("button", name=re.compile("Check and send")).click()
    assert "Pictures, Plain language" in phone.locator(".answer-summary").inner_text()
    check_accessibility(phone, "feedback-check")
    phone.get_by_role("button", name="Send my answers").click()
    assert phone.get_by_text("Thank you! Your answers were sent.").is_visible()
    check_accessibility(phone, "feedback-sent")
    assert phone.get_by_text("so they cannot be changed after sending", exact=False).is_visible()

    desktop = new_page()
    sign_in(desktop, live_server, "admin")
    in_english(desktop)
    desktop.get_by_role("link", name="Administration").click()
    desktop.get_by_role("link", name="Feedback rounds").click()
    check_accessibility(desktop, "feedback-staff-rounds")
    desktop.get_by_role("link", name="New round").click()
    check_accessibility(desktop, "feedback-staff-new-round")
    desktop.go_back()
    desktop.get_by_role("link", name="Miten Moduuli 1 toimi?").click()
    check_accessibility(desktop, "feedback-staff-round")
    desktop.get_by_role("link", name="Preview as a learner").click()
    check_accessibility(desktop, "feedback-staff-preview")
    desktop.go_back()
    desktop.get_by_role("link", name="Results").click()
    assert desktop.locator("svg.bars").count() == 3
    assert "The quiz could have pictures too." in desktop.locator(".comments").inner_text()
    check_accessibility(desktop, "feedback-staff-results")
    desktop.locator(".tag-form").filter(has_text="Theme").first.get_by_label("Theme").fill("Pictures")
    desktop.locator(".tag-form").first.get_by_role("button", name="Add theme").click()
    assert desktop.get_by_role("heading", name="Themes in the written answers").is_visible()

    desktop.get_by_role("link", name="You said, we did").first.click()
    desktop.get_by_label("You said").fill("The quiz needs pictures.")
    desktop.get_by_label("We did").fill("We added pictures to the quiz of module 1.")
    desktop.get_by_label("What changed (optional)").select_option(label="Moduuli 1 – quiz QUIZ")
    desktop.get_by_role("button", name="Publish").click()
    assert desktop.get_by_text("We added pictures to the quiz of module 1.").is_visible()
    check_accessibility(desktop, "feedback-staff-actions")

    open_menu(phone)
    phone.get_by_role("navigation", name="Main menu").get_by_role("link", name="My path").click()
    assert phone.get_by_text("We changed things because of your feedback.").is_visible()
    check_accessibility(phone, "feedback-my-path-news")
    phone.get_by_role("link", name="Read what changed").click()
    assert phone.get_by_text("We added pictures to the quiz of module 1.").is_visible()
    check_accessibility(phone, "feedback-you-said-we-did")
    assert no_horizontal_scroll(phone)
    open_menu(phone)
    phone.get_by_role("navigation", name="Main menu").get_by_role("link", name="My path").click()
    assert phone.get_by_text("We changed things because of your feedback.").count() == 0
