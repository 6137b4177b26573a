"""Demo accounts for `./scripts/serve`: they exist only in demo mode and are safe to create twice."""

from sqlalchemy import select

from app.core import audit
from app.core.accounts.models import Group, Role, User
from app.core.accounts.passwords import hash_password
from app.core.db import db

DEMO_PASSWORD = "verstas-demo"  # noqa: S105 - demo mode only
DEMO_GROUP = "Demoryhmä"
DEMO_USERS = [
    ("demo-admin", "Aino Ylläpitäjä", Role.ADMIN, "palvelupäällikkö"),
    ("demo-coach", "Kari Valmentaja", Role.COACH, "työvalmentaja"),
    ("demo-learner", "Leena Oppija", Role.LEARNER, None),
    ("demo-learner2", "Mikko Oppija", Role.LEARNER, None),
    ("demo-learner3", "Sara Oppija", Role.LEARNER, None),
]


def create_demo_data() -> list[str]:
    """Create what is missing of the demo accounts and group; return what was created."""
    created = []
    password_hash = None
    users = {}
    for username, name, role, title in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.username == username))
        if user is None:
            password_hash = password_hash or hash_password(DEMO_PASSWORD)
            user = User(username=username, display_name=name, role=role, title=title,
                        password_hash=password_hash)
            db.session.add(user)
            created.append(username)
        users[username] = user
    group = db.session.scalar(select(Group).where(Group.name == DEMO_GROUP))
    if group is None:
        group = Group(name=DEMO_GROUP)
        db.session.add(group)
        created.append(DEMO_GROUP)
    if users["demo-coach"] not in group.coaches:
        group.coaches.append(users["demo-coach"])
    for username in ("demo-learner", "demo-learner2", "demo-learner3"):
        if users[username] not in group.learners:
            group.learners.append(users[username])
    db.session.flush()
    if created:
        audit.record(None, "demo.create", group, {"created": created})
    return created
