"""Which learners and groups an actor may see: the one place that states the rule.

An admin sees every learner and group; a coach the learners of the groups they coach (a substitute
coach of a group too) and those groups; a learner only themselves and no group to work with. Closed
accounts stay visible: their records are kept. A learner out of sight is answered as not found, so
that another coach cannot even learn that an id exists.
"""

from sqlalchemy import Select, false, select, true

from app.core.accounts.models import Group, Role, User, group_coaches, group_members
from app.core.db import db
from app.core.errors import NotFound


def visible_learners(actor: User) -> Select:
    """A select of the ids of the learners the actor may see."""
    if actor.is_admin:
        return select(User.id).where(User.role == Role.LEARNER)
    if actor.is_coach:
        # An IN over the coach's learners, not a correlated EXISTS: rows are then looked up by learner.
        return (select(group_members.c.user_id)
                .join(group_coaches, group_coaches.c.group_id == group_members.c.group_id)
                .where(group_coaches.c.user_id == actor.id))
    return select(User.id).where(User.id == actor.id, User.role == Role.LEARNER)


def sees_learner(actor: User, learner_id_column):
    """A query condition: the learner in `learner_id_column` is one the actor may see.

    For an admin no condition at all: such a column holds learners' ids only.
    """
    if actor.is_admin:
        return true()
    return learner_id_column.in_(visible_learners(actor))


def require_learner(actor: User, learner_id: int) -> User:
    """The learner if the actor may see them, else NotFound; at most one query."""
    if actor.is_coach:
        learner = db.session.scalar(select(User).where(User.id == learner_id, User.role == Role.LEARNER,
                                                       sees_learner(actor, User.id)))
    elif actor.is_admin or learner_id == actor.id:
        # The session's identity map answers when the user is already loaded (the signed-in one).
        learner = db.session.get(User, learner_id)
    else:
        learner = None
    if learner is None or not learner.is_learner:
        raise NotFound()
    return learner


def visible_groups(actor: User) -> Select:
    """A select of the ids of the groups the actor works with: every group for an admin, the groups
    they coach for a coach, none for a learner.
    """
    if actor.is_admin:
        return select(Group.id)
    if actor.is_coach:
        return select(group_coaches.c.group_id).where(group_coaches.c.user_id == actor.id)
    return select(Group.id).where(false())


def coaches_of(learner_id) -> Select:
    """A select of the ids of the open coach accounts who see this learner (the coaches of the
    learner's groups), the other way round from `visible_learners`: whom to tell of the learner's work.
    """
    return (select(group_coaches.c.user_id)
            .join(group_members, group_members.c.group_id == group_coaches.c.group_id)
            .join(User, User.id == group_coaches.c.user_id)
            .where(group_members.c.user_id == learner_id, User.active.is_(True))
            .distinct())
