"""The learner's pages: My path, modules, steps and each activity through real forms."""

import io
import re

from courses.models import ProgressEvent, Submission, SubmissionStatus
from tests.conftest import post_form
from tests.course_factory import make_course, step
from tests.unit.progress.test_activities import PDF


def test_my_path_shows_progress_and_continue(world, as_user):
    """My path shows each course with a progress bar and a Start button to the first step."""
    make_course()
    page = as_user(world.learner).get("/learn/").get_data(as_text=True)
    assert "Työelämätaidot" in page and "pct-0" in page
    assert 'href="/learn/steps/K-M1-L1"' in page


def test_reading_a_lesson_moves_to_the_next_step(world, as_user):
    """'I have read this' marks the lesson done and opens the next step."""
    make_course()
    client = as_user(world.learner)
    assert client.get("/learn/steps/K-M1-L1").status_code == 200
    response = post_form(client, "/learn/steps/K-M1-L1/read", token_from="/learn/steps/K-M1-L1")
    assert response.headers["Location"] == "/learn/steps/K-M1-L2"
    page = client.get("/learn/").get_data(as_text=True)
    assert 'href="/learn/steps/K-M1-L2"' in page


def test_plain_language_switch(world, as_user):
    """A lesson with a selko version can be switched to it and back."""
    make_course()
    client = as_user(world.learner)
    post_form(client, "/learn/plain-language", {"on": "1", "next": "/learn/steps/K-M1-L1"},
              token_from="/learn/steps/K-M1-L1")
    assert "Selkoteksti" in client.get("/learn/steps/K-M1-L1").get_data(as_text=True)
    post_form(client, "/learn/plain-language", {"on": "0", "next": "/learn/steps/K-M1-L1"},
              token_from="/learn/steps/K-M1-L1")
    assert "Body of L1" in client.get("/learn/steps/K-M1-L1").get_data(as_text=True)


def test_quiz_answers_and_retry(world, as_user):
    """A quiz shows results with explanations; a missing answer keeps the choices made."""
    make_course()
    client = as_user(world.learner)
    path = "/learn/steps/K-M1-QUIZ"
    missing = post_form(client, path + "/quiz", {"q-q1": "1"}, token_from=path)
    assert missing.status_code == 400
    assert re.search(r'id="q-q1-1"\s+checked', missing.get_data(as_text=True))
    response = post_form(client, path + "/quiz", {"q-q1": "1", "q-q2": ["0", "1"]}, token_from=path)
    assert response.status_code == 302
    page = client.get(path).get_data(as_text=True)
    assert "Liian pitkä." in page
    assert "q-q1-0" in client.get(path + "?again=1").get_data(as_text=True)
    tampered = post_form(client, path + "/quiz", {"q-q1": "x", "q-q2": "0"}, token_from=path)
    assert tampered.status_code == 400


def test_written_task_draft_submit_and_short_text_kept(world, as_user):
    """A too-short answer is refused but kept as a draft; a full one goes to the coach."""
    make_course()
    client = as_user(world.learner)
    path = "/learn/steps/K-M1-TASK"
    short = post_form(client, path + "/answer", {"text": "Lyhyt", "action": "submit"}, token_from=path)
    assert short.status_code == 400 and "Lyhyt" in short.get_data(as_text=True)
    assert Submission.query.one().text == "Lyhyt"
    sent = post_form(client, path + "/answer", {"text": "Tämä vastaus on tarpeeksi pitkä.", "action": "submit"},
                     token_from=path)
    assert sent.status_code == 302
    assert Submission.query.one().status == SubmissionStatus.SUBMITTED
    again = post_form(client, path + "/answer", {"text": "toinen", "action": "submit"}, token_from=path)
    assert again.status_code == 400


def test_file_upload_replace_and_send(world, as_user):
    """A learner uploads a PDF, removes it, uploads again and sends; fake files are refused."""
    make_course()
    client = as_user(world.learner)
    path = "/learn/steps/K-M1-FILE"
    fake = post_form(client, path + "/files", {"file": (io.BytesIO(b"not a pdf"), "cv.pdf")}, token_from=path,
                     content_type="multipart/form-data")
    assert fake.status_code == 400
    ok = post_form(client, path + "/files", {"file": (io.BytesIO(PDF), "cv.pdf")}, token_from=path,
                   content_type="multipart/form-data")
    assert ok.status_code == 302
    file = Submission.query.one().files[0]
    assert client.get(f"/learn/files/{file.id}").data == PDF
    post_form(client, f"/learn/files/{file.id}/remove", token_from=path)
    assert Submission.query.one().files == []
    post_form(client, path + "/files", {"file": (io.BytesIO(PDF), "cv2.pdf")}, token_from=path,
              content_type="multipart/form-data")
    sent = post_form(client, path + "/answer", {"text": "", "action": "submit"}, token_from=path)
    assert sent.status_code == 302 and Submission.query.one().status == SubmissionStatus.SUBMITTED


def test_another_learners_file_is_404(world, as_user, tmp_path, app):
    """A learner cannot download or remove another learner's file."""
    make_course()
    owner = as_user(world.learner)
    path = "/learn/steps/K-M1-FILE"
    post_form(owner, path + "/files", {"file": (io.BytesIO(PDF), "cv.pdf")}, token_from=path,
              content_type="multipart/form-data")
    file = Submission.query.one().files[0]
    other = as_user(world.learner2)
    assert other.get(f"/learn/files/{file.id}").status_code == 404
    assert post_form(other, f"/learn/files/{file.id}/remove", token_from=path).status_code == 404


def test_self_assessment_form(world, as_user):
    """The self-assessment asks each objective and moves on when saved."""
    make_course()
    client = as_user(world.learner)
    path = "/learn/steps/K-M1-SELF"
    assert post_form(client, path + "/self-assessment", {}, token_from=path).status_code == 400
    response = post_form(client, path + "/self-assessment", {"level-TET-TT-2": "with_help"}, token_from=path)
    assert response.headers["Location"] == "/learn/modules/K-M1"


def test_unknown_step_and_module_are_404(world, as_user):
    """Codes that do not exist give 404."""
    make_course()
    client = as_user(world.learner)
    assert client.get("/learn/steps/NOPE").status_code == 404
    assert client.get("/learn/modules/NOPE").status_code == 404


def test_my_path_query_count_does_not_grow_with_content(world, as_user, app):
    """My path costs the same number of queries with one course or five."""
    from sqlalchemy import event

    from app.core.db import db

    client = as_user(world.learner)

    def count_queries(path):
        statements = []
        listener = lambda *args: statements.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get(path).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    make_course("A")
    activities_done = step("A-M1-L1")
    assert activities_done is not None
    small = count_queries("/learn/")
    for code in ("B", "C", "D", "E"):
        make_course(code, modules=3)
    assert count_queries("/learn/") == small
    assert ProgressEvent.query.count() == 0
