"""On a shared workshop computer, signing out leaves nothing of the learner's draft in the browser."""

from pathlib import Path

import pytest

from app.core.db import db
from courses.content_import import import_content
from tests.browser.test_accounts_journey import sign_in

pytestmark = pytest.mark.browser


def test_signing_out_clears_the_draft_the_browser_kept(app, live_server, new_page, world):
    """A written task's draft kept in the browser's storage is gone once the learner signs out."""
    import_content(Path(app.config["CONTENT_DIR"]))
    db.session.commit()
    page = new_page()
    sign_in(page, live_server, "learner")
    page.goto(f"{live_server}/learn/steps/TET-M3-TASK")
    page.locator("textarea").first.press_sequentially("Luonnos jaetulla koneella")
    drafts = "Object.keys(localStorage).filter(k => k.startsWith('verstas-draft-')).length"
    assert page.evaluate(drafts) == 1

    page.get_by_role("button", name="Kirjaudu ulos").click()

    assert page.get_by_role("button", name="Kirjaudu sisään").is_visible()
    assert page.evaluate(drafts) == 0
