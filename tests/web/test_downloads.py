"""Stored uploads sent back: never cached, named and typed by the detected type, bombs refused."""

import io
import zipfile
import zlib

import pytest

from competence.models import RecognitionRequest
from courses.models import Submission
from tests.competence_factory import make_framework
from tests.conftest import post_form
from tests.course_factory import make_course
from tests.unit.progress.test_activities import PDF
from tests.unit.test_files import HUGE, odt_bomb

TASK = "/learn/steps/K-M1-FILE"
NEW_REQUEST = "/learn/skills/recognition/new?unit=TET-TT"


@pytest.fixture
def uploads(world, as_user):
    """A sent file task and a recognition request, each with a PDF uploaded as todistus.hta."""
    make_course()
    make_framework()
    learner = as_user(world.learner)
    post_form(learner, TASK + "/files", {"file": (io.BytesIO(PDF), "todistus.hta")}, token_from=TASK,
              content_type="multipart/form-data")
    post_form(learner, TASK + "/answer", {"text": "", "action": "submit"}, token_from=TASK)
    post_form(learner, NEW_REQUEST, {"description": "Olen tehnyt varastotöitä kaksi vuotta.", "action": "send",
                                     "file": (io.BytesIO(PDF), "todistus.hta")},
              token_from=NEW_REQUEST, content_type="multipart/form-data")
    task_file = Submission.query.one().files[0].id
    evidence = RecognitionRequest.query.one().files[0].id
    return learner, as_user(world.coach), task_file, evidence


def test_every_stored_upload_is_sent_no_store_and_named_by_its_type(uploads):
    """Task files and evidence, for the learner and the coach, are no-store and end in .pdf."""
    learner, coach, task_file, evidence = uploads
    for client, path in ((learner, f"/learn/files/{task_file}"), (coach, f"/coach/files/{task_file}"),
                         (learner, f"/learn/skills/evidence/{evidence}"), (coach, f"/coach/evidence/{evidence}")):
        response = client.get(path)
        assert response.status_code == 200 and response.data == PDF, path
        assert response.headers["Cache-Control"] == "no-store", path
        assert response.mimetype == "application/pdf", path
        assert response.headers["Content-Disposition"] == "attachment; filename=todistus.pdf", path


def test_a_zip_bomb_upload_is_refused_with_the_wrong_type_message(world, as_user):
    """A few hundred bytes declaring a 300 MB document are refused like any wrong file type."""
    make_course()
    learner = as_user(world.learner)
    bomb = odt_bomb(zipfile.ZIP_DEFLATED, zlib.compress(bytes(1000))[2:-4], HUGE)
    response = post_form(learner, TASK + "/files", {"file": (io.BytesIO(bomb), "raportti.odt")}, token_from=TASK,
                         content_type="multipart/form-data", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "This type of file cannot be used here." in response.get_data(as_text=True)
    assert Submission.query.one_or_none() is None or Submission.query.one().files == []
