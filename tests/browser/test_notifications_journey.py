"""A coach accepts a task on a phone; the learner sees it under "Since your last visit" and counted in
the menu, and opening it marks it read."""

from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.db import db
from courses import activities, review
from courses.content_import import import_content
from courses.models import Step, StepKind
from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll, open_menu
from tests.browser.test_accounts_journey import sign_in
from tests.browser.test_module_journey import ANSWER

pytestmark = pytest.mark.browser


def test_accepted_task_is_told_to_the_learner_on_a_phone(live_server, new_page, world, app):
    """The coach's home lists the sent task; after accepting it, the learner's menu says "1 uutta" and My
    path names the task; opening it leads to the task and clears the count."""
    import_content(Path(app.config["CONTENT_DIR"]))
    task = db.session.scalars(select(Step).where(Step.kind == StepKind.WRITTEN_TASK).order_by(Step.id)).first()
    submission = activities.submit(world.learner, task, ANSWER)
    db.session.commit()

    coach = new_page(viewport=PHONE)
    sign_in(coach, live_server, "coach")
    coach.goto(f"{live_server}/coach/")
    notices = coach.locator(".notices")
    assert notices.get_by_role("button", name=f"Leena Oppija lähetti tehtävän: {task.title}").is_visible()
    assert coach.locator("details.site-menu summary .count").count() == 1  # one badge, not "1 1"
    assert no_horizontal_scroll(coach)
    check_accessibility(coach, "notifications-coach-home-phone")
    notices.get_by_role("button", name=f"Leena Oppija lähetti tehtävän: {task.title}").click()
    assert coach.url.endswith(f"/coach/reviews/{submission.id}")
    coach.get_by_label("Hyväksy tehtävä").check()
    code = review.task_objectives(task)[0]
    coach.locator(f"#outcome-{code}").select_option(index=1)
    coach.get_by_role("button", name="Tallenna päätös").click()
    assert "/coach/reviews" in coach.url

    learner = new_page(viewport=PHONE)
    sign_in(learner, live_server, "learner")
    count = learner.locator("details.site-menu summary .count")
    assert count.is_visible() and count.text_content().split() == ["1", "uutta"]
    told = learner.locator(".notices")
    assert told.get_by_role("heading", name="Edellisen käyntisi jälkeen").is_visible()
    opener = told.get_by_role("button", name=f"Valmentaja hyväksyi tehtäväsi: {task.title}")
    assert opener.is_visible()
    assert no_horizontal_scroll(learner)
    check_accessibility(learner, "notifications-my-path-phone")
    open_menu(learner)
    assert learner.locator(".site-menu .main-nav").get_by_role("link", name="Oma polku 1 uutta").is_visible()
    check_accessibility(learner, "notifications-menu-open-phone")
    learner.locator("details.site-menu summary").click()

    opener.click()
    assert learner.url.endswith(f"/learn/steps/{task.code}")
    learner.goto(f"{live_server}/learn/")
    assert learner.locator(".notices").count() == 0
    assert learner.locator("details.site-menu summary .count").count() == 0
