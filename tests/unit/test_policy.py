import pytest

from app.core.accounts import policy
from app.core.accounts.models import Role
from app.core.db import db
from app.core.errors import NotFound


def _visible(actor) -> set[int]:
    return set(db.session.scalars(policy.visible_learners(actor)))


def _groups(actor) -> set[int]:
    return set(db.session.scalars(policy.visible_groups(actor)))


def test_an_admin_sees_every_learner_and_group(world):
    """An admin sees every learner, in any group or none, and every group; staff are not learners."""
    assert _visible(world.admin) == {world.learner.id, world.learner2.id, world.stranger.id}
    assert _groups(world.admin) == {world.group.id, world.other_group.id}
    assert policy.require_learner(world.admin, world.stranger.id) is world.stranger
    with pytest.raises(NotFound):
        policy.require_learner(world.admin, world.coach.id)


def test_a_coach_sees_only_the_learners_of_their_groups(world):
    """A coach sees their groups' learners, once each, and never another coach's learner."""
    assert _visible(world.coach) == {world.learner.id, world.learner2.id}
    assert _groups(world.coach) == {world.group.id}
    assert policy.require_learner(world.coach, world.learner.id) is world.learner
    with pytest.raises(NotFound):
        policy.require_learner(world.coach, world.stranger.id)
    with pytest.raises(NotFound):
        policy.require_learner(world.coach, world.other_coach.id)
    with pytest.raises(NotFound):
        policy.require_learner(world.coach, 999_999)


def test_a_learner_in_two_groups_is_seen_by_the_coaches_of_both(world, make_group):
    """A learner in two groups is visible to each group's coach, and listed once."""
    make_group("Ryhmä C", coaches=[world.coach, world.other_coach], learners=[world.learner])
    assert sorted(db.session.scalars(policy.visible_learners(world.coach).distinct())) == sorted(
        [world.learner.id, world.learner2.id])
    assert _visible(world.other_coach) == {world.stranger.id, world.learner.id}
    assert policy.require_learner(world.other_coach, world.learner.id) is world.learner


def test_a_substitute_coach_sees_the_group_they_stand_in_for(world, make_user):
    """A second coach of a group sees its learners as its first coach does."""
    substitute = make_user(Role.COACH, coached=[world.group])
    assert _visible(substitute) == {world.learner.id, world.learner2.id}
    assert _groups(substitute) == {world.group.id}


def test_a_learner_sees_only_themselves(world):
    """A learner sees their own records only, and works with no group."""
    assert _visible(world.learner) == {world.learner.id}
    assert _groups(world.learner) == set()
    assert policy.require_learner(world.learner, world.learner.id) is world.learner
    with pytest.raises(NotFound):
        policy.require_learner(world.learner, world.learner2.id)


def test_closed_accounts_stay_visible_to_their_coach(world):
    """Closing an account keeps its records in sight of its coach and the admins."""
    world.learner.active = False
    db.session.commit()
    assert world.learner.id in _visible(world.coach)
    assert policy.require_learner(world.coach, world.learner.id) is world.learner
    assert policy.require_learner(world.admin, world.learner.id) is world.learner


def test_a_coach_without_groups_sees_nobody(make_user, world):
    """A coach who coaches no group sees no learner."""
    assert _visible(make_user(Role.COACH)) == set()
