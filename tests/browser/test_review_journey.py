"""A coach decides a task at phone and desktop width; the learner sees the returned task first on My path."""

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.db import db
from courses import activities
from courses.content_import import import_content
from courses.models import Step, StepKind
from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll
from tests.browser.test_accounts_journey import sign_in
from tests.browser.test_module_journey import ANSWER

pytestmark = pytest.mark.browser


def test_coach_must_decide_an_objective_then_returns_and_learner_sees_it_first(live_server, new_page, world, app):
    """Accept with no objective decided is refused beside the objectives; a returned task leads My path."""
    import_content(Path(app.config["CONTENT_DIR"]))
    task = db.session.scalars(select(Step).where(Step.kind == StepKind.WRITTEN_TASK).order_by(Step.id)).first()
    submission = activities.submit(world.learner, task, ANSWER)
    db.session.commit()
    review_url = f"{live_server}/coach/reviews/{submission.id}"

    coach = new_page(viewport=PHONE)
    sign_in(coach, live_server, "coach")
    coach.goto(review_url)
    assert no_horizontal_scroll(coach)
    check_accessibility(coach, "review-decision-phone")
    coach.get_by_label("Hyväksy tehtävä").check()
    coach.get_by_role("button", name="Tallenna päätös").click()
    assert coach.locator("#objectives-error").is_visible()
    assert coach.get_by_label("Hyväksy tehtävä").is_checked()
    check_accessibility(coach, "review-decision-refused-phone")

    desktop = new_page()
    sign_in(desktop, live_server, "coach")
    desktop.goto(review_url)
    check_accessibility(desktop, "review-decision-desktop")
    desktop.get_by_label(re.compile("^Pyydä")).check()
    desktop.get_by_label("Viesti oppijalle").fill("Lisää yksi kysymys työnantajalle.")
    desktop.get_by_role("button", name="Tallenna päätös").click()
    assert "/coach/reviews" in desktop.url

    learner = new_page(viewport=PHONE)
    sign_in(learner, live_server, "learner")
    returned = learner.locator(".returned-work")
    assert returned.is_visible()
    assert returned.get_by_text("Valmentaja pyysi lisää:").is_visible()
    assert returned.bounding_box()["y"] < learner.locator(".course-card").first.bounding_box()["y"]
    assert no_horizontal_scroll(learner)
    check_accessibility(learner, "my-path-returned-work-phone")
    returned.get_by_role("link", name=task.title).click()
    assert learner.get_by_text("Lisää yksi kysymys työnantajalle.").is_visible()
