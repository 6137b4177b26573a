"""What can be done with accounts, by whom. Services flush; the web layer commits once per request."""

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import selectinload

from app.core import audit
from app.core.accounts.models import Group, Role, SignInCode, User, group_coaches, group_members
from app.core.accounts.passwords import hash_password, password_problems, verify_password
from app.core.accounts.policy import require_learner, visible_groups
from app.core.db import db, utcnow
from app.core.errors import DomainError, Forbidden, Invalid, NotFound
from app.core.i18n import LANGUAGES, N_

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
# Letters and digits that are hard to confuse on paper or when read aloud (no 0/O, 1/I/L, 2/Z,
# 5/S, 8/B, 6/G).
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
CODE_LENGTH = 8
CODE_DAYS = 14


def normalise_username(raw: str) -> str:
    return (raw or "").strip().lower()


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    """Show a code in two groups of four, as printed on the card: ACDE-FHJK."""
    return f"{code[:4]}-{code[4:]}"


# --- who may see whom (the rule itself is in app.core.accounts.policy) ---------------------------


def get_manageable_user(actor: User, user_id: int) -> User:
    """An account the actor manages: admins manage everyone, a coach the learners of their groups."""
    if actor.is_coach:
        return require_learner(actor, user_id)
    user = db.session.get(User, user_id) if actor.is_admin else None
    if user is None:
        raise NotFound()
    return user


def groups_for(actor: User) -> list[Group]:
    """The open groups the actor works with, with their learners loaded in one more query."""
    query = (select(Group).where(Group.id.in_(visible_groups(actor)), Group.archived_at.is_(None))
             .options(selectinload(Group.learners), selectinload(Group.coaches)))
    return list(db.session.scalars(query.order_by(Group.name)))


def group_names(actor: User) -> list:
    """(id, name) of the open groups the actor works with, by name: for choosing a group, in one query."""
    query = (select(Group.id, Group.name).where(Group.id.in_(visible_groups(actor)), Group.archived_at.is_(None))
             .order_by(Group.name))
    return db.session.execute(query).all()


def get_group(actor: User, group_id: int) -> Group:
    """The group if the actor works with it, in one query: the coaches are not loaded."""
    group = db.session.scalar(select(Group).where(Group.id == group_id, Group.id.in_(visible_groups(actor))))
    if group is None:
        raise NotFound()
    return group


def group_name(actor: User, group_id: int):
    """(id, name) of the group if the actor works with it, as get_group decides, for a page that shows
    only its name.
    """
    row = db.session.execute(select(Group.id, Group.name).where(
        Group.id == group_id, Group.id.in_(visible_groups(actor)))).one_or_none()
    if row is None:
        raise NotFound()
    return row


def group_learner_ids(group_id: int) -> Select:
    """A select of the ids of the group's learners, for narrowing a list to one group."""
    return select(group_members.c.user_id).where(group_members.c.group_id == group_id)


def learners_of(group_id: int) -> list:
    """(id, display_name) of the group's learners in the order of `Group.learners`, in one query."""
    query = (select(User.id, User.display_name).where(User.id.in_(group_learner_ids(group_id)))
             .order_by(User.display_name, User.id))
    return db.session.execute(query).all()


# --- creating people and groups ----------------------------------------------------------------


def create_group(actor: User, name: str) -> Group:
    if not (actor.is_coach or actor.is_admin):
        raise Forbidden()
    name = (name or "").strip()
    if not name:
        raise Invalid(N_("Give the group a name."))
    group = Group(name=name)
    if actor.is_coach:
        # The entity (from the identity map when actor is one): a signed-in request's actor is a plain row.
        group.coaches.append(db.session.get(User, actor.id))
    db.session.add(group)
    db.session.flush()
    audit.record(actor, "group.create", group, {"name": name})
    return group


def suggest_username(display_name: str, reserved: frozenset[str] | set[str] = frozenset()) -> str:
    """A free username made of the name: 'Matti Meikäläinen' -> 'matti.meikalainen' (or with a number),
    taken neither by an account nor in `reserved`.
    """
    ascii_name = unicodedata.normalize("NFKD", display_name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", ".", ascii_name.lower()).strip(".")[:40] or "user"
    if len(base) < 3:
        base = f"{base}.user"
    taken = set(db.session.scalars(select(User.username).where(User.username.like(f"{base}%")))) | set(reserved)
    if base not in taken:
        return base
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


def checked_username(raw: str, user_id: int | None = None) -> str:
    """The username as stored, if it follows the rules and no one else (but `user_id`) has it."""
    username = normalise_username(raw)
    if not USERNAME_PATTERN.match(username):
        raise Invalid(
            N_("A username has 3–64 characters: small letters a–z, digits, dot, dash or underscore.")
        )
    if db.session.scalar(select(exists().where(User.username == username, User.id != (user_id or 0)))):
        raise Invalid(N_("The username %(username)s is already taken."), username=username)
    return username


def checked_name(raw: str) -> str:
    display_name = (raw or "").strip()
    if not display_name:
        raise Invalid(N_("Write the person's name."))
    if len(display_name) > 120:
        raise Invalid(N_("A name has at most 120 characters."))
    return display_name


def create_user(
    actor: User,
    *,
    username: str,
    display_name: str,
    role: Role = Role.LEARNER,
    email: str | None = None,
    title: str | None = None,
    group_ids: tuple[int, ...] = (),
) -> User:
    """Create an account. Coaches create learners into their own groups; admins create anyone."""
    role = Role(role)
    if not (actor.is_admin or (actor.is_coach and role == Role.LEARNER)):
        raise Forbidden()
    groups = [get_group(actor, gid) for gid in group_ids]
    if any(group.archived for group in groups):
        raise Invalid(N_("The group is archived. Restore it before changing it."))
    if actor.is_coach and not groups:
        raise Invalid(N_("Choose a group for the learner."))
    username = checked_username(username)
    display_name = checked_name(display_name)
    user = User(
        username=username,
        display_name=display_name,
        role=role,
        email=(email or "").strip() or None,
        title=(title or "").strip() or None,
        must_set_password=True,
    )
    db.session.add(user)
    if role == Role.LEARNER:
        user.groups.extend(groups)
    else:
        user.coached_groups.extend(groups)
    db.session.flush()
    audit.record(actor, "user.create", user, {"role": role.value, "groups": list(group_ids)})
    return user


def set_active(actor: User, user_id: int, active: bool) -> User:
    if not actor.is_admin:
        raise Forbidden()
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    if user.id == actor.id and not active:
        raise Invalid(N_("You cannot deactivate your own account."))
    if active and user.pseudonymised_at is not None:
        raise Invalid(N_("This account's personal data has been removed, so it cannot be opened again."))
    if user.active != active:
        user.closed_at = None if active else utcnow()
    user.active = active
    end_sessions(user)
    db.session.flush()
    audit.record(actor, "user.activate" if active else "user.deactivate", user)
    return user


# --- sign-in codes and passwords ------------------------------------------------------------------


def issue_sign_in_code(actor: User, user_id: int, days: int = CODE_DAYS) -> tuple[User, str, SignInCode]:
    """A new one-time code for the user; earlier unused codes and the user's sessions stop working.
    Returns the plain code once.
    """
    user = get_manageable_user(actor, user_id)
    if user.id != actor.id:  # an admin printing their own card keeps the session that prints it
        end_sessions(user)
    now = utcnow()
    for old in db.session.scalars(
        select(SignInCode).where(
            SignInCode.user_id == user.id, SignInCode.used_at.is_(None), SignInCode.revoked_at.is_(None)
        )
    ):
        old.revoked_at = now
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    sign_in_code = SignInCode(
        user_id=user.id,
        code_hash=hash_password(code),
        created_by_id=actor.id,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    db.session.add(sign_in_code)
    db.session.flush()
    audit.record(actor, "user.sign_in_code", user, {"expires_at": sign_in_code.expires_at.isoformat()})
    return user, code, sign_in_code


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == normalise_username(username)))


class AccountClosed(DomainError):
    """The right password or code for a closed account: only then is the account's state told."""

    status = 403
    message = N_("Your account is closed. Ask your coach to open it again.")


def authenticate(username: str, password: str) -> User | None:
    """The active user with this username and password, else None; a closed one raises AccountClosed."""
    user = find_user(username)
    if not verify_password(user.password_hash if user else None, password or ""):
        return None
    if not user.active:
        raise AccountClosed()
    _mark_signed_in(user)
    return user


def sign_in_with_code(username: str, code: str) -> User | None:
    """Use a one-time code: the user is signed in and must then choose a password.

    A right code for a closed account raises AccountClosed and stays unused.
    """
    user = find_user(username)
    code = normalise_code(code)
    now = utcnow()
    candidates = []
    if user is not None:
        candidates = [
            c
            for c in db.session.scalars(select(SignInCode).where(SignInCode.user_id == user.id))
            if c.is_usable(now)
        ]
    match = next((c for c in candidates if verify_password(c.code_hash, code)), None)
    if not candidates:
        verify_password(None, code)
    if match is None:
        return None
    if not user.active:
        raise AccountClosed()
    match.used_at = now
    user.must_set_password = True
    end_sessions(user)
    _mark_signed_in(user)
    audit.record(user, "user.sign_in_with_code", user)
    return user


def end_sessions(user: User) -> None:
    """End every session of the user, on every device: a session id carries the version it began with."""
    user.session_version += 1


def sign_out(user: User) -> None:
    """Signing out ends the user's sessions on the server, so a copy of the cookie stops working too."""
    end_sessions(user)
    db.session.flush()


def _mark_signed_in(user: User) -> None:
    user.last_sign_in_at = utcnow()
    db.session.flush()


def set_password(user: User, new_password: str, current_password: str | None = None) -> None:
    """Set the user's own password; the current one is needed unless a one-time code was just used."""
    if not user.must_set_password and not verify_password(user.password_hash, current_password or ""):
        raise Invalid(N_("The current password is not right."))
    problems = password_problems(new_password, user.username)
    if problems:
        raise Invalid(problems[0])
    user.password_hash = hash_password(new_password)
    user.must_set_password = False
    end_sessions(user)
    db.session.flush()
    audit.record(user, "user.set_password", user)


def set_language(user: User, language: str) -> None:
    """The user's own choice of language; it also answers the first sign-in's question."""
    if language not in LANGUAGES:
        raise Invalid(N_("Unknown language."))
    user.language = language
    if user.language_chosen_at is None:
        user.language_chosen_at = utcnow()
    db.session.flush()


def must_choose_language(user: User) -> bool:
    """A learner is asked their language once, before anything else, after their first sign-in."""
    return user.role == Role.LEARNER and user.language_chosen_at is None


def count_users_by_role() -> dict[str, int]:
    rows = db.session.execute(select(User.role, func.count()).group_by(User.role))
    return {role: count for role, count in rows.all()}  # noqa: C416 - Result has .keys()


@dataclass(frozen=True)
class AccountRow:
    """One line of the admin's account list."""

    id: int
    display_name: str
    username: str
    role: str
    active: bool
    group_names: tuple[str, ...]  # groups the person is in, then groups they coach, each by name


def list_accounts(search: str = "", role: str = "", page: int = 1, size: int = 50) -> tuple[list[AccountRow], bool]:
    """One page of accounts in name order, by name or username and role, and whether a next page exists."""
    query = select(User.id, User.display_name, User.username, User.role, User.active)
    if search:
        pattern = f"%{search.strip().lower()}%"
        query = query.where(or_(func.lower(User.display_name).like(pattern), User.username.like(pattern)))
    if role:
        query = query.where(User.role == role)
    rows = db.session.execute(query.order_by(User.display_name, User.id)
                              .offset((page - 1) * size).limit(size + 1)).all()
    rows, has_next = rows[:size], len(rows) > size
    names = _group_names_of([row.id for row in rows])
    return [AccountRow(*row, group_names=tuple(names.get(row.id, ()))) for row in rows], has_next


def _group_names_of(user_ids: list[int]) -> dict[int, list[str]]:
    """Each user's group names: the groups they are in, then the groups they coach."""
    names: dict[int, list[str]] = {}
    if not user_ids:
        return names
    for link in (group_members, group_coaches):
        query = (select(link.c.user_id, Group.name).join(Group, Group.id == link.c.group_id)
                 .where(link.c.user_id.in_(user_ids)).order_by(link.c.user_id, Group.name, Group.id))
        for user_id, name in db.session.execute(query):
            names.setdefault(user_id, []).append(name)
    return names


@dataclass(frozen=True)
class GroupNames:
    name: str
    coach_names: tuple[str, ...]


def own_groups(learner_id: int) -> list[GroupNames]:
    """The learner's groups with their coaches' names, in one query for any number of groups."""
    query = (select(Group.id, Group.name, User.display_name)
             .join(group_members, group_members.c.group_id == Group.id)
             .outerjoin(group_coaches, group_coaches.c.group_id == Group.id)
             .outerjoin(User, User.id == group_coaches.c.user_id)
             .where(group_members.c.user_id == learner_id)
             .order_by(Group.name, Group.id, User.display_name))
    groups: dict[int, tuple[str, list[str]]] = {}
    for group_id, name, coach_name in db.session.execute(query):
        names = groups.setdefault(group_id, (name, []))[1]
        if coach_name is not None:
            names.append(coach_name)
    return [GroupNames(name, tuple(names)) for name, names in groups.values()]
