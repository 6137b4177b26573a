"""Quizzes, tasks, uploads and self-assessment, including bad input."""

import io
import zipfile

import pytest

from app.core.db import db
from app.core.errors import Invalid, NotFound
from courses import activities, uploads
from courses.models import SelfAssessment, SubmissionStatus
from tests.course_factory import make_course, step

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def test_quiz_is_checked_at_once_with_explanations(world):
    """Right and wrong answers are told apart and every question needs an answer."""
    make_course()
    quiz = step("K-M1-QUIZ")
    attempt, results = activities.answer_quiz(world.learner, quiz, {"q1": [1], "q2": [0, 1]})
    assert (attempt.correct, attempt.total) == (1, 2)
    assert [r.correct for r in results] == [False, True]
    with pytest.raises(Invalid):
        activities.answer_quiz(world.learner, quiz, {"q1": [0]})
    with pytest.raises(Invalid):
        activities.answer_quiz(world.learner, quiz, {"q1": [0, 1], "q2": [0]})
    with pytest.raises(Invalid):
        activities.answer_quiz(world.learner, quiz, {"q1": [7], "q2": [0]})


def test_written_task_keeps_drafts_and_needs_enough_text(world):
    """A draft is kept; sending needs the minimum length; a sent answer is locked."""
    make_course()
    task = step("K-M1-TASK")
    activities.save_draft(world.learner, task, "Aloitus")
    assert activities.get_submission(world.learner, task).text == "Aloitus"
    with pytest.raises(Invalid):
        activities.submit(world.learner, task, "Liian lyhyt")
    submission = activities.submit(world.learner, task, "Nyt vastaus on tarpeeksi pitkä.")
    assert submission.status == SubmissionStatus.SUBMITTED and submission.submitted_at
    with pytest.raises(Invalid):
        activities.save_draft(world.learner, task, "Muutos lähettämisen jälkeen")


@pytest.mark.parametrize("name, data", [("cv.pdf", PDF), ("kuva.png", PNG), ("cv.docx", docx_bytes()),
                                        ("cv.odt", odt_bytes()), ("kuva.jpg", b"\xff\xd8\xff\xe0" + b"0" * 20)])
def test_allowed_files_are_recognised_by_content(world, tmp_path, name, data):
    """PDF, PNG, JPG, DOCX and ODT are accepted and stored under a generated name."""
    make_course()
    file = activities.add_file(world.learner, step("K-M1-FILE"), name, data, str(tmp_path))
    db.session.commit()
    assert file.stored_name != name and file.original_name == name
    assert uploads.stored_path(str(tmp_path), file.stored_name).read_bytes() == data


@pytest.mark.parametrize("name, data", [("virus.pdf", b"MZ\x90\x00 not a pdf"), ("tyhja.pdf", b""),
                                        ("sivu.html", b"<html><script>alert(1)</script>"),
                                        ("zip.docx", b"PK\x03\x04 broken zip")])
def test_wrong_or_empty_files_are_refused(world, tmp_path, name, data):
    """A file is judged by its content, not its name; empty and fake files are refused."""
    make_course()
    with pytest.raises(Invalid):
        activities.add_file(world.learner, step("K-M1-FILE"), name, data, str(tmp_path))


def test_too_large_file_is_refused(world, tmp_path):
    """Files over 10 MB are refused with a message."""
    make_course()
    with pytest.raises(Invalid):
        activities.add_file(world.learner, step("K-M1-FILE"), "iso.pdf", PDF + b"0" * uploads.MAX_BYTES,
                            str(tmp_path))


def test_file_task_needs_a_file_and_files_are_private(world, tmp_path):
    """Sending needs a file; another learner cannot reach or remove it."""
    make_course()
    task = step("K-M1-FILE")
    with pytest.raises(Invalid):
        activities.submit(world.learner, task, "")
    file = activities.add_file(world.learner, task, "cv.pdf", PDF, str(tmp_path))
    with pytest.raises(NotFound):
        activities.own_file(world.learner2, file.id)
    with pytest.raises(NotFound):
        activities.remove_file(world.learner2, file.id)
    assert activities.submit(world.learner, task, "").status == SubmissionStatus.SUBMITTED


def test_self_assessment_needs_every_statement(world):
    """Every objective needs one of the three levels; the latest view is kept."""
    make_course()
    self_step = step("K-M1-SELF")
    with pytest.raises(Invalid):
        activities.self_assess(world.learner, self_step, {})
    with pytest.raises(Invalid):
        activities.self_assess(world.learner, self_step, {"TET-TT-2": "expert"})
    activities.self_assess(world.learner, self_step, {"TET-TT-2": "with_help"})
    activities.self_assess(world.learner, self_step, {"TET-TT-2": "on_my_own"})
    assert activities.self_assessments(world.learner.id, ["TET-TT-2"]) == {"TET-TT-2": "on_my_own"}
    assert SelfAssessment.query.count() == 1


def test_wrong_kind_of_action_is_404(world, tmp_path):
    """Quiz answers to a lesson or files to a written task do not exist."""
    make_course()
    with pytest.raises(NotFound):
        activities.answer_quiz(world.learner, step("K-M1-L1"), {})
    with pytest.raises(NotFound):
        activities.add_file(world.learner, step("K-M1-TASK"), "a.pdf", PDF, str(tmp_path))
