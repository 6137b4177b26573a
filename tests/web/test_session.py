"""The signed-in user each request reads: a read-only row that still ends old sessions and reaches the
entity for changes and relationships."""

import pytest

from app.core.db import db
from app.web.common.session import SignedInUser, load_user, signed_in_record
from tests.conftest import post_form


def test_a_session_id_loads_a_read_only_row_with_the_access_checks(world):
    user = load_user(world.coach.get_id())

    assert isinstance(user, SignedInUser)
    assert (user.id, user.username, user.display_name) == (world.coach.id, "coach", "Kari Valmentaja")
    assert user.is_coach and not user.is_learner and not user.is_admin
    assert user.is_authenticated and user.is_active and not user.is_anonymous
    assert user.get_id() == world.coach.get_id()
    with pytest.raises(AttributeError):
        user.display_name = "Someone else"


def test_what_the_row_lacks_comes_from_the_entity(world):
    user = load_user(world.learner.get_id())

    assert [g.name for g in user.groups] == ["Ryhmä A"]
    assert user.record() is world.learner


@pytest.mark.parametrize("change", ["deactivated", "new session version", "bad id"])
def test_ended_sessions_load_nobody(world, change):
    session_id = world.learner.get_id()
    if change == "deactivated":
        world.learner.active = False
    elif change == "new session version":
        world.learner.session_version += 1
    else:
        session_id = "x:1"
    db.session.flush()

    assert load_user(session_id) is None


def test_a_language_change_is_saved_through_the_record(app, world, as_user):
    client = as_user(world.learner)

    response = post_form(client, "/language", {"lang": "sv", "next": "/learn/"}, token_from="/learn/")

    assert response.status_code == 302
    db.session.expire_all()
    assert world.learner.language == "sv"
    assert "Min väg" in client.get("/learn/").get_data(as_text=True)


def test_the_record_of_a_user_signed_in_in_this_request_is_the_entity(app, world):
    with app.test_request_context():
        from flask_login import login_user

        login_user(world.admin)
        assert signed_in_record() is world.admin


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
