"""The signed-in user each request loads: the User entity, unless the account or the session ended."""

import pytest

from app.core.db import db
from app.web.common.session import load_user
from tests.conftest import post_form


def test_a_session_id_loads_the_user_with_the_access_checks(world):
    """A session id loads its user's entity, which answers Flask-Login's and the role checks."""
    user = load_user(world.coach.get_id())

    assert user is world.coach
    assert user.is_coach and not user.is_learner and not user.is_admin
    assert user.is_authenticated and user.is_active and not user.is_anonymous


@pytest.mark.parametrize("change", ["deactivated", "new session version", "bad id", "no such user"])
def test_ended_sessions_load_nobody(world, change):
    """A closed account, an old session version or a malformed id signs nobody in."""
    session_id = world.learner.get_id()
    if change == "deactivated":
        world.learner.active = False
    elif change == "new session version":
        world.learner.session_version += 1
    elif change == "no such user":
        session_id = "99999:1"
    else:
        session_id = "x:1"
    db.session.flush()

    assert load_user(session_id) is None


def test_a_language_change_is_saved_on_the_user(app, world, as_user):
    """Choosing a language while signed in saves it on the user, and the next page is in it."""
    client = as_user(world.learner)

    response = post_form(client, "/language", {"lang": "sv", "next": "/learn/"}, token_from="/learn/")

    assert response.status_code == 302
    db.session.expire_all()
    assert world.learner.language == "sv"
    assert "Min väg" in client.get("/learn/").get_data(as_text=True)


def test_the_content_token_is_read_once_a_page_and_an_import_shows_new_content(app, world, as_user):
    """A page reads the content token in one small query of its own; once renewed, new content shows."""
    from sqlalchemy import event

    from app.core import content_cache
    from courses.models import Course
    from tests.course_factory import make_course

    course = make_course("C001", title="Työelämätaidot")
    content_cache.renew()
    db.session.commit()
    client = as_user(world.learner)
    assert "Työelämätaidot" in client.get("/learn/").get_data(as_text=True)
    statements = []

    def listener(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        client.get("/learn/")
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    token_reads = [sql for sql in statements if "content_version" in sql]
    assert len(token_reads) == 1 and "session_version" not in token_reads[0], token_reads

    db.session.get(Course, course.id).title = "Työelämätaidot, uusi painos"
    content_cache.renew()
    db.session.commit()
    assert "uusi painos" in client.get("/learn/").get_data(as_text=True)
