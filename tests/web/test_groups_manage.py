"""A coach changes their groups: rename, archive and restore, move, remove and add learners."""

import pytest
from sqlalchemy import select

from app.core.accounts.models import Group, Role, User
from app.core.audit import AuditEvent
from app.core.db import db
from tests.conftest import post_form


def _group(group_id):
    db.session.expire_all()
    return db.session.get(Group, group_id)


def _actions():
    return list(db.session.scalars(select(AuditEvent.action)))


@pytest.fixture
def second(world, make_group):
    """A second group of the same coach, empty."""
    return make_group("Ryhmä C", coaches=[world.coach])


def test_coach_renames_own_group_and_it_is_audited(world, as_user):
    """A rename changes the name and leaves who/what/when in the audit log."""
    client = as_user(world.coach)
    path = f"/coach/groups/{world.group.id}/rename"
    assert client.get(path).status_code == 200
    response = post_form(client, path, {"name": "  Torstairyhmä "})
    assert response.status_code == 302
    assert _group(world.group.id).name == "Torstairyhmä"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "group.rename"))
    assert event.actor_id == world.coach.id and event.details == {"from": "Ryhmä A", "to": "Torstairyhmä"}
    assert event.at is not None


def test_an_empty_group_name_is_refused_with_a_message(world, as_user):
    """An empty name gets a message beside the field and changes nothing."""
    client = as_user(world.coach)
    response = post_form(client, f"/coach/groups/{world.group.id}/rename", {"name": "   "})
    assert response.status_code == 400 and 'class="error"' in response.get_data(as_text=True)
    assert _group(world.group.id).name == "Ryhmä A"


def test_removing_needs_the_confirmation_page(world, as_user):
    """The remove link leads to a confirmation page; a POST without confirmation is refused 400."""
    client = as_user(world.coach)
    path = f"/coach/groups/{world.group.id}/learners/{world.learner.id}/remove"
    assert f'href="{path}"' in client.get(f"/coach/groups/{world.group.id}").get_data(as_text=True)
    page = client.get(path).get_data(as_text=True)
    assert 'name="confirmed" value="1"' in page
    assert post_form(client, path).status_code == 400
    assert world.learner.id in [learner.id for learner in _group(world.group.id).learners]
    assert post_form(client, path, {"confirmed": "1"}).status_code == 302
    assert world.learner.id not in [learner.id for learner in _group(world.group.id).learners]
    assert db.session.get(User, world.learner.id) is not None
    assert "group.remove" in _actions()


def test_coach_moves_learner_to_another_own_group(world, as_user, second):
    """Moving takes the learner out of one group and into the other, in one step, audited."""
    client = as_user(world.coach)
    path = f"/coach/groups/{world.group.id}/learners/{world.learner.id}/move"
    response = post_form(client, path, {"to_group_id": second.id})
    assert response.status_code == 302
    assert [learner.id for learner in _group(second.id).learners] == [world.learner.id]
    assert world.learner.id not in [learner.id for learner in _group(world.group.id).learners]
    assert "group.move" in _actions()


def test_moving_into_a_group_the_coach_does_not_coach_is_refused(world, as_user, second):
    """Another coach's group, or the same group, gets a message and nothing changes."""
    client = as_user(world.coach)
    path = f"/coach/groups/{world.group.id}/learners/{world.learner.id}/move"
    for target in (world.other_group.id, world.group.id, 99999):
        response = post_form(client, path, {"to_group_id": target})
        assert response.status_code == 400
        assert 'class="error"' in response.get_data(as_text=True)
    assert world.learner.id in [learner.id for learner in _group(world.group.id).learners]
    assert [learner.id for learner in _group(world.other_group.id).learners] == [world.stranger.id]
    assert "group.move" not in _actions()


def test_search_shows_own_learners_and_no_strangers_by_name(world, as_user, second, make_user):
    """A coach finds their other groups' learners by name; others' learners never; a learner in no
    group only by the exact username.
    """
    make_user(Role.LEARNER, username="vapaa.ville", name="Ville Vapaa")
    client = as_user(world.coach)
    path = f"/coach/groups/{second.id}/learners/add"
    assert "Leena Oppija" in client.get(f"{path}?q=leena").get_data(as_text=True)
    assert "Sanna Vieras" not in client.get(f"{path}?q=sanna").get_data(as_text=True)
    assert "Sanna Vieras" not in client.get(f"{path}?q=stranger").get_data(as_text=True)
    assert "Ville Vapaa" not in client.get(f"{path}?q=ville").get_data(as_text=True)
    assert "Ville Vapaa" in client.get(f"{path}?q=Vapaa.Ville").get_data(as_text=True)


def test_coach_adds_an_existing_learner_and_not_a_stranger(world, as_user, second, make_user):
    """Adding by username works for a learner the coach sees or one in no group; another coach's
    learner is refused with a message and is not added.
    """
    make_user(Role.LEARNER, username="vapaa.ville", name="Ville Vapaa")
    client = as_user(world.coach)
    path = f"/coach/groups/{second.id}/learners/add"
    assert post_form(client, path, {"username": "learner"}).status_code == 302
    assert post_form(client, path, {"username": "vapaa.ville"}).status_code == 302
    refused = post_form(client, path, {"username": "stranger"})
    assert refused.status_code == 302
    assert "stranger" in client.get(refused.headers["Location"]).get_data(as_text=True)
    assert sorted(learner.username for learner in _group(second.id).learners) == ["learner", "vapaa.ville"]
    assert _actions().count("group.add") == 2


def test_admin_may_add_any_learner(world, as_user, second):
    """An admin finds and adds a learner of any group."""
    client = as_user(world.admin)
    path = f"/coach/groups/{second.id}/learners/add"
    assert "Sanna Vieras" in client.get(f"{path}?q=sanna").get_data(as_text=True)
    assert post_form(client, path, {"username": "stranger"}).status_code == 302
    assert [learner.username for learner in _group(second.id).learners] == ["stranger"]


def test_archived_group_leaves_the_lists_is_read_only_and_can_be_restored(world, as_user):
    """Archiving asks for confirmation, hides the group from the lists, keeps its learners, refuses
    changes, and a coach of it restores it.
    """
    client = as_user(world.coach)
    path = f"/coach/groups/{world.group.id}/archive"
    assert post_form(client, path).status_code == 400
    assert post_form(client, path, {"confirmed": "1"}).status_code == 302
    client.get("/coach/")  # the flashed message names the group once
    assert "Ryhmä A" not in client.get("/coach/").get_data(as_text=True)
    assert "Ryhmä A" in client.get("/coach/groups/archived").get_data(as_text=True)
    assert client.get(f"/coach/groups/{world.group.id}").status_code == 200
    assert client.get(f"/coach/learners/{world.learner.id}").status_code == 200
    assert post_form(client, f"/coach/groups/{world.group.id}/rename", {"name": "X"},
                     token_from=f"/coach/groups/{world.group.id}").status_code == 400
    assert client.get(f"/coach/groups/{world.group.id}/learners/new").status_code == 400
    assert len(_group(world.group.id).learners) == 2
    group_page = f"/coach/groups/{world.group.id}"
    response = post_form(client, f"{group_page}/restore", token_from=group_page)
    assert response.status_code == 302 and not _group(world.group.id).archived
    assert _actions().count("group.archive") == 1 and _actions().count("group.restore") == 1


NEW_ROUTES = [
    ("get", "/coach/groups/{g}/rename"), ("post", "/coach/groups/{g}/rename"),
    ("get", "/coach/groups/{g}/archive"), ("post", "/coach/groups/{g}/archive"),
    ("post", "/coach/groups/{g}/restore"),
    ("get", "/coach/groups/{g}/learners/{l}/remove"), ("post", "/coach/groups/{g}/learners/{l}/remove"),
    ("get", "/coach/groups/{g}/learners/{l}/move"), ("post", "/coach/groups/{g}/learners/{l}/move"),
    ("get", "/coach/groups/{g}/learners/add"), ("post", "/coach/groups/{g}/learners/add"),
]


@pytest.mark.parametrize(("method", "template"), NEW_ROUTES)
def test_another_coach_gets_404_and_a_learner_403(world, as_user, method, template):
    """Another coach's group is not found, a learner is forbidden, and nothing changes."""
    path = template.format(g=world.group.id, l=world.learner.id)
    data = {"confirmed": "1", "name": "X", "to_group_id": world.other_group.id, "username": "learner"}
    other = as_user(world.other_coach)
    learner = as_user(world.learner)
    if method == "get":
        assert other.get(path).status_code == 404
        assert learner.get(path).status_code == 403
    else:
        assert post_form(other, path, data, token_from="/coach/").status_code == 404
        assert learner.post(path, data=data).status_code in (400, 403)
    group = _group(world.group.id)
    assert group.name == "Ryhmä A" and not group.archived and len(group.learners) == 2
    assert not any(action.startswith("group.") for action in _actions())


def test_archived_groups_page_is_for_coaches(world, as_user):
    """A learner cannot see the archived groups page; another coach sees only their own archive."""
    assert as_user(world.learner).get("/coach/groups/archived").status_code == 403
    client = as_user(world.coach)
    post_form(client, f"/coach/groups/{world.group.id}/archive", {"confirmed": "1"})
    assert "Ryhmä A" not in as_user(world.other_coach).get("/coach/groups/archived").get_data(as_text=True)
