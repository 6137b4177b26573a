"""What a coach or an admin does with a group: rename, archive and restore, and who is in it.

Who may be added to a group (also in docs/domain.md): an admin any learner; a coach a learner they
already see (in one of their groups, archived ones too), found by name or username, or a learner in
no group at all, found only by their exact username, so that searching never lists the names of
people the coach does not work with. An archived group leaves the lists and is read-only until a
coach of it or an admin restores it; its learners and their records stay.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select

from app.core import audit
from app.core.accounts.models import Group, Role, User, group_members
from app.core.accounts.policy import sees_learner, visible_groups
from app.core.accounts.service import get_group, normalise_username
from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_

SEARCH_LIMIT = 20


def open_group(actor: User, group_id: int) -> Group:
    """The group if the actor works with it and it is not archived: only such a group changes."""
    group = get_group(actor, group_id)
    if group.archived:
        raise Invalid(N_("The group is archived. Restore it before changing it."))
    return group


def rename_group(actor: User, group_id: int, name: str) -> Group:
    group = open_group(actor, group_id)
    name = (name or "").strip()
    if not name:
        raise Invalid(N_("Give the group a name."))
    if len(name) > 120:
        raise Invalid(N_("A group name has at most 120 characters."))
    old = group.name
    group.name = name
    db.session.flush()
    audit.record(actor, "group.rename", group, {"from": old, "to": name})
    return group


def archive_group(actor: User, group_id: int) -> Group:
    group = open_group(actor, group_id)
    group.archived_at = utcnow()
    db.session.flush()
    audit.record(actor, "group.archive", group)
    return group


def restore_group(actor: User, group_id: int) -> Group:
    group = get_group(actor, group_id)
    if group.archived:
        group.archived_at = None
        db.session.flush()
        audit.record(actor, "group.restore", group)
    return group


@dataclass(frozen=True)
class ArchivedGroup:
    id: int
    name: str
    archived_at: datetime


def archived_groups(actor: User) -> list[ArchivedGroup]:
    """The archived groups the actor works with, newest archived first, in one query."""
    query = (select(Group.id, Group.name, Group.archived_at)
             .where(Group.id.in_(visible_groups(actor)), Group.archived_at.is_not(None))
             .order_by(Group.archived_at.desc(), Group.id))
    return [ArchivedGroup(*row) for row in db.session.execute(query)]


def member_of_group(group: Group, learner_id: int) -> User:
    learner = db.session.scalar(select(User).where(
        User.id == learner_id, User.role == Role.LEARNER,
        User.id.in_(select(group_members.c.user_id).where(group_members.c.group_id == group.id))))
    if learner is None:
        raise NotFound()
    return learner


def remove_learner(actor: User, group_id: int, learner_id: int) -> User:
    """Take a learner out of a group; their account and work are kept."""
    group = open_group(actor, group_id)
    learner = member_of_group(group, learner_id)
    group.learners.remove(learner)
    db.session.flush()
    audit.record(actor, "group.remove", group, {"user_id": learner.id})
    return learner


def move_learner(actor: User, group_id: int, learner_id: int, to_group_id: int | None) -> Group:
    """Move a learner from one of the actor's groups into another; returns the group moved into."""
    group = open_group(actor, group_id)
    learner = member_of_group(group, learner_id)
    target = db.session.scalar(select(Group).where(
        Group.id == to_group_id, Group.id.in_(visible_groups(actor)), Group.archived_at.is_(None)))
    if target is None or target.id == group.id:
        raise Invalid(N_("Choose another of your own groups."))
    if learner not in target.learners:
        target.learners.append(learner)
    group.learners.remove(learner)
    db.session.flush()
    audit.record(actor, "group.move", learner, {"from": group.id, "to": target.id})
    return target


def _ungrouped(user_id_column):
    return ~exists().where(group_members.c.user_id == user_id_column)


def _addable(actor: User, search_condition, exact_username: str):
    """The condition for learners the actor may add, as the module's rule says."""
    if actor.is_admin:
        return and_(User.role == Role.LEARNER, search_condition)
    return and_(User.role == Role.LEARNER, or_(
        and_(sees_learner(actor, User.id), search_condition),
        and_(User.username == exact_username, _ungrouped(User.id))))


@dataclass(frozen=True)
class FoundLearner:
    id: int
    display_name: str
    username: str


def find_learners_to_add(actor: User, group_id: int, search: str) -> list[FoundLearner]:
    """Learners the actor may add to the group, by name or username, at most SEARCH_LIMIT, in one query."""
    group = open_group(actor, group_id)
    search = (search or "").strip()
    if len(search) < 2:
        return []
    pattern = "%" + search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    matches = or_(func.lower(User.display_name).like(pattern, escape="\\"), User.username.like(pattern, escape="\\"))
    in_group = select(group_members.c.user_id).where(group_members.c.group_id == group.id)
    query = (select(User.id, User.display_name, User.username)
             .where(_addable(actor, matches, normalise_username(search)), User.id.not_in(in_group))
             .order_by(User.display_name, User.id).limit(SEARCH_LIMIT))
    return [FoundLearner(*row) for row in db.session.execute(query)]


def add_learner(actor: User, group_id: int, username: str) -> User:
    """Add an existing learner, named by their username, to one of the actor's open groups."""
    group = open_group(actor, group_id)
    username = normalise_username(username)
    learner = db.session.scalar(select(User).where(User.username == username,
                                                   _addable(actor, User.username == username, username)))
    if learner is None:
        raise Invalid(N_("No learner you can add has the username %(username)s."), username=username)
    if learner in group.learners:
        raise Invalid(N_("%(name)s is already in the group."), name=learner.display_name)
    group.learners.append(learner)
    db.session.flush()
    audit.record(actor, "group.add", group, {"user_id": learner.id})
    return learner
