"""Who reaches the content pages: admins and content-editor coaches, and editors reach nothing else new."""

import pytest
from sqlalchemy import select

from app.core.accounts.models import Role
from app.core.audit import AuditEvent
from app.core.db import db
from tests.conftest import post_form
from tests.web.test_access_map import routes


@pytest.fixture
def config_overrides():
    return {"WTF_CSRF_ENABLED": False}


def test_content_editor_reaches_every_authoring_route_and_no_staff_route(app, world, make_user, as_user):
    """A coach marked as content editor may use authoring; staff stays admin-only; a plain coach gets 403."""
    editor = make_user(Role.COACH, username="editor", content_editor=True)
    learner_flagged = make_user(Role.LEARNER, username="flagged", content_editor=True)
    clients = {"editor": as_user(editor), "coach": as_user(world.coach), "flagged": as_user(learner_flagged)}
    checked = 0
    for endpoint, method, path in routes(app):
        blueprint = endpoint.split(".")[0]
        if blueprint not in ("authoring", "staff"):
            continue
        for persona, client in clients.items():
            status = client.open(path, method=method).status_code
            where = f"{method} {path} as {persona}: {status}"
            if blueprint == "authoring" and persona == "editor":
                assert status != 403 and status < 500, where
            else:
                assert status == 403, where
            checked += 1
    assert checked > 30


def test_closed_editor_account_reaches_nothing(app, world, make_user, as_user):
    """may_edit_content needs an active account."""
    editor = make_user(Role.COACH, username="editor", content_editor=True)
    assert editor.may_edit_content
    editor.active = False
    assert not editor.may_edit_content


def test_admin_marks_a_coach_as_content_editor_with_one_form(app, world, as_user):
    """The admin's checkbox form sets the flag and audits it; only coaches can be marked."""
    admin = as_user(world.admin)
    page = admin.get(f"/staff/users/{world.coach.id}").get_data(as_text=True)
    assert "content-editor" in page
    response = post_form(admin, f"/staff/users/{world.coach.id}/content-editor", {"content_editor": "1"})
    assert response.status_code == 302
    db.session.refresh(world.coach)
    assert world.coach.content_editor
    assert as_user(world.coach).get("/authoring/").status_code == 200
    post_form(admin, f"/staff/users/{world.coach.id}/content-editor", {})
    db.session.refresh(world.coach)
    assert not world.coach.content_editor
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "user.content_editor" in actions and "user.not_content_editor" in actions
    refused = post_form(admin, f"/staff/users/{world.learner.id}/content-editor", {"content_editor": "1"})
    assert refused.status_code == 302
    db.session.refresh(world.learner)
    assert not world.learner.content_editor
    assert "content-editor" not in admin.get(f"/staff/users/{world.learner.id}").get_data(as_text=True)


def test_a_coach_only_edits_content_never_another_groups_learners(app, world, make_user, as_user):
    """Being a content editor gives no access to other coaches' learners."""
    editor = make_user(Role.COACH, username="editor", content_editor=True)
    client = as_user(editor)
    assert client.get(f"/coach/learners/{world.stranger.id}").status_code in (403, 404)
