"""A written answer saved as the learner types: only their own answer, only while it is open."""

import pytest

from app.core.db import db
from courses.models import ProgressEvent, Submission, SubmissionStatus
from tests.conftest import csrf_token, post_form
from tests.course_factory import make_course

STEP = "/learn/steps/K-M1-TASK"


@pytest.fixture
def course(app):
    return make_course()


def autosave(client, text, code="K-M1-TASK"):
    return post_form(client, f"/learn/steps/{code}/draft", {"text": text}, token_from=STEP)


def test_typing_reaches_the_server_with_no_content_and_no_extra_progress(world, as_user, course):
    """The draft route answers 204, keeps the text for another device, and adds no progress event."""
    client = as_user(world.learner)
    client.get(STEP)
    events = ProgressEvent.query.count()
    response = autosave(client, "Aloitin kirjoittaa")
    assert response.status_code == 204 and response.get_data() == b""
    assert Submission.query.one().text == "Aloitin kirjoittaa"
    assert autosave(client, "Aloitin kirjoittaa lisää").status_code == 204
    assert Submission.query.one().text == "Aloitin kirjoittaa lisää"
    assert ProgressEvent.query.count() == events
    other_device = as_user(world.learner)
    assert "Aloitin kirjoittaa lisää" in other_device.get(STEP).get_data(as_text=True)


def test_each_learner_saves_only_their_own_answer(world, as_user, course):
    """Another learner's autosave makes their own draft and leaves the first learner's text alone."""
    autosave(as_user(world.learner), "Minun tekstini")
    autosave(as_user(world.learner2), "Toisen teksti")
    texts = {s.learner_id: s.text for s in Submission.query.all()}
    assert texts == {world.learner.id: "Minun tekstini", world.learner2.id: "Toisen teksti"}


def test_a_sent_answer_is_not_changed_by_autosave(world, as_user, course):
    """Once the answer is with the coach, the draft route refuses with a reason and changes nothing."""
    client = as_user(world.learner)
    post_form(client, STEP + "/answer", {"text": "Tämä vastaus on tarpeeksi pitkä.", "action": "submit"},
              token_from=STEP)
    response = autosave(client, "Myöhempi muutos")
    assert response.status_code == 400 and "valmentaja" in response.get_json()["error"]
    db.session.expire_all()
    submission = Submission.query.one()
    assert submission.text == "Tämä vastaus on tarpeeksi pitkä." and submission.status == SubmissionStatus.SUBMITTED


def test_only_written_tasks_of_a_known_step(world, as_user, course):
    """A file task, a lesson or an unknown step is 404 for the draft route."""
    client = as_user(world.learner)
    for code in ("K-M1-FILE", "K-M1-L1", "NOPE"):
        assert autosave(client, "x", code=code).status_code == 404
    assert Submission.query.count() == 0


def test_wrong_roles_and_missing_token_are_refused(app, world, as_user, course):
    """Coaches and admins get 403, anonymous visitors go to sign in, a request without its token 400."""
    for user, home in ((world.coach, "/coach/"), (world.admin, "/staff/")):
        client = as_user(user)
        token = csrf_token(client, home)
        assert client.post("/learn/steps/K-M1-TASK/draft", data={"text": "x", "csrf_token": token}).status_code == 403
    anonymous = app.test_client().post("/learn/steps/K-M1-TASK/draft", data={"text": "x"})
    assert anonymous.status_code in (302, 400)
    learner = as_user(world.learner)
    assert learner.post("/learn/steps/K-M1-TASK/draft", data={"text": "x"}).status_code == 400
    assert Submission.query.count() == 0
