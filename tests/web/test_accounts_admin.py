"""The admin edits accounts and adds many learners at once."""

import pytest
from sqlalchemy import select

from app.core.accounts.models import User
from app.core.audit import AuditEvent
from app.core.db import db
from tests.conftest import post_form


def _user(user_id):
    db.session.expire_all()
    return db.session.get(User, user_id)


def _edit(client, user, **changes):
    data = {"display_name": user.display_name, "username": user.username, "role": str(user.role),
            "language": user.language or "", **changes}
    return post_form(client, f"/staff/users/{user.id}/edit", data)


def test_admin_edits_name_username_and_language_audited(world, as_user):
    """An admin changes a learner's name, username and language; the change is audited."""
    client = as_user(world.admin)
    response = _edit(client, world.learner, display_name="Leena Uusi", username="Leena.Uusi", language="sv")
    assert response.status_code == 302
    learner = _user(world.learner.id)
    assert (learner.display_name, learner.username, learner.language) == ("Leena Uusi", "leena.uusi", "sv")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.update"))
    assert event.actor_id == world.admin.id and event.subject_id == world.learner.id
    assert sorted(event.details["changed"]) == ["display_name", "language", "username"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"username": "learner2"}, "learner2"),
    ({"username": "Bad Name!"}, "a–z"),
    ({"display_name": "   "}, 'class="error"'),
    ({"role": "coach"}, "error-summary"),
    ({"language": "de"}, 'class="error"'),
])
def test_bad_edits_are_explained_and_nothing_is_written(world, as_user, changes, message):
    """A taken or malformed username, an empty name, a role change while in groups or an unknown
    language gets a message and changes nothing.
    """
    client = as_user(world.admin)
    response = _edit(client, world.learner, **{"display_name": "Muutettu", **changes})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    learner = _user(world.learner.id)
    assert (learner.display_name, learner.username, learner.role) == ("Leena Oppija", "learner", "learner")
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.update")) is None


def test_a_new_role_signs_the_person_out_and_an_admin_keeps_their_own(world, as_user, make_user):
    """A role change ends the person's sessions; an admin cannot change their own role."""
    loner = make_user(username="loner", name="Lauri Yksin")
    session = as_user(loner)
    client = as_user(world.admin)
    assert _edit(client, loner, role="coach").status_code == 302
    assert _user(loner.id).role == "coach"
    assert session.get("/learn/").status_code == 302
    assert _edit(client, world.admin, role="coach").status_code == 400
    assert _user(world.admin.id).role == "admin"


def test_account_page_lists_the_learners_groups(world, as_user):
    """The account page shows which groups a learner is in and links to editing."""
    page = as_user(world.admin).get(f"/staff/users/{world.learner.id}").get_data(as_text=True)
    assert "Ryhmä A" in page and f'href="/staff/users/{world.learner.id}/edit"' in page


def test_only_admins_edit_accounts(world, as_user):
    """Coaches and learners are refused the edit page (403); an unknown account is 404."""
    path = f"/staff/users/{world.learner.id}/edit"
    for user in (world.coach, world.learner):
        client = as_user(user)
        assert client.get(path).status_code == 403
        assert client.post(path, data={"display_name": "X"}).status_code in (400, 403)
    assert as_user(world.admin).get("/staff/users/99999/edit").status_code == 404
    assert _user(world.learner.id).display_name == "Leena Oppija"
