from datetime import timedelta

import pytest

from app.core.accounts import service as accounts
from app.core.accounts.models import Role, SignInCode
from app.core.audit import AuditEvent
from app.core.db import db
from app.core.errors import Forbidden, Invalid, NotFound


def test_coach_creates_learner_into_own_group_only(world):
    """A coach can add a learner to their own group, never to another coach's group."""
    learner = accounts.create_user(world.coach, username="uusi.oppija", display_name="Uusi Oppija",
                                   group_ids=(world.group.id,))
    assert learner.role == Role.LEARNER
    assert learner.groups == [world.group]
    assert learner.must_set_password
    with pytest.raises(NotFound):
        accounts.create_user(world.coach, username="toinen", display_name="Toinen",
                             group_ids=(world.other_group.id,))


def test_coach_cannot_create_staff_and_learner_cannot_create_anyone(world):
    """Only admins create coaches and admins; learners create no accounts."""
    with pytest.raises(Forbidden):
        accounts.create_user(world.coach, username="newcoach", display_name="X", role=Role.COACH,
                             group_ids=(world.group.id,))
    with pytest.raises(Forbidden):
        accounts.create_user(world.learner, username="newlearner", display_name="X")
    admin_made = accounts.create_user(world.admin, username="newcoach", display_name="X", role=Role.COACH)
    assert admin_made.role == Role.COACH


def test_usernames_are_unique_and_well_formed(world):
    """A taken or malformed username gets a clear message."""
    with pytest.raises(Invalid) as taken:
        accounts.create_user(world.admin, username="Learner", display_name="X")
    assert taken.value.params == {"username": "learner"}
    with pytest.raises(Invalid):
        accounts.create_user(world.admin, username="a b", display_name="X")


def test_suggested_username_is_ascii_and_free(world, make_user):
    """A username is made from the name without accents and with a number when taken."""
    assert accounts.suggest_username("Ääpo Öhman") == "aapo.ohman"
    make_user(username="aapo.ohman")
    assert accounts.suggest_username("Ääpo Öhman") == "aapo.ohman2"


def test_sign_in_code_works_once_and_replaces_earlier_codes(world):
    """A code signs in once; a newer code makes the older one stop working."""
    _, first, _ = accounts.issue_sign_in_code(world.coach, world.learner.id)
    _, second, _ = accounts.issue_sign_in_code(world.coach, world.learner.id)
    assert len(second) == 8 and set(second) <= set(accounts.CODE_ALPHABET)
    assert accounts.sign_in_with_code("learner", first) is None
    user = accounts.sign_in_with_code("LEARNER", accounts.format_code(second).lower())
    assert user == world.learner and user.must_set_password
    assert accounts.sign_in_with_code("learner", second) is None


def test_sign_in_code_expires_after_fourteen_days(world):
    """A code older than 14 days no longer works."""
    _, code, stored = accounts.issue_sign_in_code(world.coach, world.learner.id)
    assert stored.expires_at - stored.created_at == timedelta(days=14)
    stored.expires_at = stored.created_at - timedelta(seconds=1)
    db.session.flush()
    assert accounts.sign_in_with_code("learner", code) is None


def test_codes_are_stored_hashed(world):
    """The plain code is never stored."""
    _, code, stored = accounts.issue_sign_in_code(world.coach, world.learner.id)
    assert code not in stored.code_hash
    assert db.session.query(SignInCode).filter_by(code_hash=code).count() == 0


def test_coach_cannot_issue_codes_for_other_groups(world):
    """Another coach's learner is invisible: 404, not 403."""
    with pytest.raises(NotFound):
        accounts.issue_sign_in_code(world.coach, world.stranger.id)
    with pytest.raises(NotFound):
        accounts.issue_sign_in_code(world.coach, world.other_coach.id)


def test_set_password_needs_current_one_unless_code_was_used(world):
    """Changing a password asks for the current one; after a code it does not."""
    with pytest.raises(Invalid):
        accounts.set_password(world.learner, "sininen-kahvi-pyörä", "wrong")
    version = world.learner.session_version
    accounts.set_password(world.learner, "sininen-kahvi-pyörä", "correct-horse-battery")
    assert world.learner.session_version == version + 1
    assert accounts.authenticate("learner", "sininen-kahvi-pyörä") == world.learner
    world.learner.must_set_password = True
    accounts.set_password(world.learner, "toinen-uusi-salasana")
    assert not world.learner.must_set_password


def test_closed_account_cannot_sign_in(world):
    """A deactivated account is refused even with the right password; only the right one tells it is closed."""
    accounts.set_active(world.admin, world.learner.id, False)
    assert accounts.authenticate("learner", "wrong-password") is None
    with pytest.raises(accounts.AccountClosed):
        accounts.authenticate("learner", "correct-horse-battery")


def test_account_changes_are_audited(world):
    """Creating people, codes and passwords leave audit rows with the actor."""
    accounts.create_user(world.coach, username="audited", display_name="A", group_ids=(world.group.id,))
    accounts.issue_sign_in_code(world.coach, world.learner.id)
    actions = [(e.action, e.actor_id) for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert ("user.create", world.coach.id) in actions
    assert ("user.sign_in_code", world.coach.id) in actions


def test_groups_for_coach_are_their_own(world):
    """A coach sees their own groups; an admin sees all."""
    assert accounts.groups_for(world.coach) == [world.group]
    assert {g.name for g in accounts.groups_for(world.admin)} == {"Ryhmä A", "Ryhmä B"}


def test_a_learners_own_groups_come_with_their_coaches_names(make_user, make_group):
    """My path lists each group with its coaches: one query however many groups and coaches."""
    learner, lonely = make_user(), make_user()
    anna, bertta = make_user(Role.COACH, name="Anna Coach"), make_user(Role.COACH, name="Bertta Coach")
    make_group("Ryhmä B", coaches=[bertta, anna], learners=[learner])
    make_group("Ryhmä A", learners=[learner])
    make_group("Ryhmä C", coaches=[anna], learners=[lonely])
    assert accounts.own_groups(learner.id) == [accounts.GroupNames("Ryhmä A", ()),
                                               accounts.GroupNames("Ryhmä B", ("Anna Coach", "Bertta Coach"))]
    assert accounts.own_groups(make_user().id) == []


def test_account_list_pages_in_name_order_with_groups(world, make_group):
    """The account list gives one page in name order, says whether more follow, and names each
    person's groups: the ones they are in, then the ones they coach, each by name."""
    extra = make_group("Ryhmä 0", coaches=[world.learner], learners=[world.coach])
    rows, has_next = accounts.list_accounts(size=3)
    everyone = sorted((world.coach, world.other_coach, world.learner, world.learner2, world.stranger, world.admin),
                      key=lambda u: (u.display_name, u.id))
    assert [r.id for r in rows] == [u.id for u in everyone[:3]] and has_next
    rows, has_next = accounts.list_accounts(page=2, size=3)
    assert [r.id for r in rows] == [u.id for u in everyone[3:]] and not has_next
    by_id = {r.id: r for r in accounts.list_accounts(size=10)[0]}
    assert by_id[world.coach.id].group_names == (extra.name, world.group.name)
    assert by_id[world.learner.id].group_names == (world.group.name, extra.name)
    assert [r.id for r in accounts.list_accounts(role="coach")[0]] == [world.coach.id, world.other_coach.id]
