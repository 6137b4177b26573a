"""Recognition of prior learning from start to points: the learner asks with a photo, the coach asks
for more, the learner adds to it, the coach accepts with grades, the learner sees the points."""

import base64
from pathlib import Path

import pytest

from app.core.db import db
from courses.content_import import import_content
from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll
from tests.browser.test_accounts_journey import sign_in

pytestmark = pytest.mark.browser
# A 1x1 PNG: a photo of a work certificate, as far as the upload check is concerned.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJ"
                       "RU5ErkJggg==")
UNIT = "TET-OU"
OBJECTIVES = ["TET-OU-1", "TET-OU-2", "TET-OU-3", "TET-OU-4"]


@pytest.fixture
def content(app):
    import_content(Path(app.config["CONTENT_DIR"]))
    db.session.commit()


def test_learner_gets_prior_learning_recognised_and_sees_the_points(live_server, new_page, world, content,
                                                                     tmp_path):
    """Photo as evidence, "more needed", a second round, accepted with grades, points on My skills."""
    photo = tmp_path / "tyotodistus.png"
    photo.write_bytes(PNG)

    learner = new_page(viewport=PHONE)
    sign_in(learner, live_server, "learner")
    learner.goto(f"{live_server}/learn/skills")
    check_accessibility(learner, "skills-start")
    assert no_horizontal_scroll(learner)
    learner.locator(f'a[href$="unit={UNIT}"]').click()
    check_accessibility(learner, "recognition-new")
    learner.locator("#description").fill("Olen tehnyt kaupan varastossa töitä kaksi vuotta ja tehnyt CV:n.")
    learner.locator("#file").set_input_files(str(photo))
    learner.locator("#save-draft").click()
    assert learner.get_by_role("link", name="tyotodistus.png").is_visible()
    check_accessibility(learner, "recognition-draft")
    learner.locator("#send").click()
    assert learner.locator(".request-sent").count() == 1
    check_accessibility(learner, "recognition-sent")

    coach = new_page()
    sign_in(coach, live_server, "coach")
    coach.goto(f"{live_server}/coach/reviews")
    check_accessibility(coach, "coach-queue-recognition")
    coach.locator('a[href*="/coach/recognition/"]').first.click()
    assert coach.get_by_role("link", name="tyotodistus.png").is_visible()
    check_accessibility(coach, "coach-recognition")
    coach.locator(f"#outcome-{OBJECTIVES[0]}").select_option("more_needed")
    coach.locator("#message").fill("Lisää vielä kuva CV:stäsi, niin katson kaikki kohdat kerralla.")
    coach.locator("#save-decision").click()
    assert coach.locator(".review-list li").count() == 0

    learner.goto(f"{live_server}/learn/skills")
    assert learner.locator(".skill-more_needed").count() == 1
    check_accessibility(learner, "skills-more-needed")
    learner.locator(".request-list a").first.click()
    assert "Lisää vielä kuva CV:stäsi" in learner.locator(".coach-message").first.inner_text()
    check_accessibility(learner, "recognition-more-needed")
    learner.locator("#description").fill("Olen tehnyt kaupan varastossa töitä kaksi vuotta. Liitin CV:ni kuvan.")
    learner.locator("#file").set_input_files(str(photo))
    learner.locator("#send").click()
    assert learner.locator(".request-sent").count() == 1

    coach.goto(f"{live_server}/coach/reviews?kind=recognition")
    coach.locator('a[href*="/coach/recognition/"]').first.click()
    assert coach.locator(".file-list li").count() == 2
    for code, grade in zip(OBJECTIVES, ["4", "3", "4", "5"], strict=True):
        coach.locator(f"#outcome-{code}").select_option(f"accepted:{grade}")
    check_accessibility(coach, "coach-recognition-round-2")
    coach.locator("#save-decision").click()
    coach.goto(f"{live_server}/coach/groups/{world.group.id}/overview")
    check_accessibility(coach, "coach-group-overview")
    coach.goto(f"{live_server}/coach/learners/{world.learner.id}/profile")
    check_accessibility(coach, "coach-learner-profile")
    assert not coach.locator(".table.record .cell-label").first.is_visible()
    # On a phone each objective's row stacks into labelled lines instead of scrolling sideways.
    coach.set_viewport_size(PHONE)
    coach.reload()
    assert no_horizontal_scroll(coach)
    assert coach.evaluate("[...document.querySelectorAll('.table.record')]"
                          ".every(table => table.scrollWidth <= table.clientWidth)")
    assert coach.locator(".table.record .cell-label").first.is_visible()
    check_accessibility(coach, "coach-learner-profile-phone")

    learner.goto(f"{live_server}/learn/skills")
    unit = learner.locator(f"#unit-card-{UNIT}")
    assert unit.locator(".skill-recognised").count() == len(OBJECTIVES)
    assert unit.locator(".points").inner_text().strip().startswith("Osaamista osoitettu: 1 / 1 osaamispistettä (osp)")
    assert learner.locator(".progress-fill").first.get_attribute("class") == "progress-fill pct-10"  # 1 of 7 osp
    check_accessibility(learner, "skills-recognised")
    learner.set_viewport_size({"width": 1280, "height": 900})
    check_accessibility(learner, "skills-recognised-desktop")
