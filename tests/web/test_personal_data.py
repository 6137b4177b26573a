"""The admin's download of everything Verstas holds about one person."""

import io
import json
import zipfile

import pytest

from app.core.audit import AuditEvent
from app.core.db import db
from courses import activities
from tests.conftest import post_form
from tests.course_factory import make_course, step
from tests.feedback_factory import answer
from tests.feedback_factory import make_round as build_round
from tests.unit.progress.test_activities import PDF
from tests.web import test_downloads

uploads = test_downloads.uploads


@pytest.fixture
def make_round(world):
    course = make_course()
    return lambda **options: build_round(world.admin, course, **options)


def _export(client, user_id, page="/staff/users"):
    return post_form(client, f"/staff/users/{user_id}/personal-data", {}, token_from=page)


def test_an_admin_downloads_a_persons_data_with_a_readme_in_their_language(world, as_user, make_round):
    """A zip of JSON per subject, a README in Finnish for a Finnish speaker, no-store, and audited."""
    world.learner.language = "fi"
    activities.mark_read(world.learner, step("K-M1-L1"))
    found = make_round()
    answer(world.learner, found, {1: ["4"], 4: ["Salainen palaute"]})
    named = make_round(anonymous=False, title="Nimellinen")
    answer(world.learner, named, {1: ["2"], 4: ["Avoin palaute"]})
    db.session.commit()
    response = _export(as_user(world.admin), world.learner.id)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    assert {"README.txt", "account.json", "groups.json", "progress.json", "tasks.json", "decisions.json",
            "recognition_requests.json", "certificates.json", "feedback.json", "audit_log.json"} <= names
    assert "Kaikki mitä Verstaksessa" in archive.read("README.txt").decode()
    account = json.loads(archive.read("account.json"))
    assert account["username"] == world.learner.username and "password_hash" not in account
    feedback = archive.read("feedback.json").decode()
    assert "Salainen palaute" not in feedback and "Avoin palaute" in feedback
    assert {r["round"] for r in json.loads(feedback)["took_part_in"]} == {found.title, "Nimellinen"}
    assert json.loads(archive.read("progress.json"))["events"]
    db.session.expire_all()
    assert AuditEvent.query.filter_by(action="privacy.export", subject_id=world.learner.id).count() == 1


def test_the_readme_follows_the_persons_language(world, as_user):
    """A Swedish speaker's README is in Swedish, whatever the admin's own language."""
    world.learner.language = "sv"
    db.session.commit()
    archive = zipfile.ZipFile(io.BytesIO(_export(as_user(world.admin), world.learner.id).data))
    assert "Allt som Verstas" in archive.read("README.txt").decode()


def test_only_an_admin_can_export_and_only_by_post(world, as_user, app):
    """A coach and a learner get 403, a visitor is sent to sign in, GET is not allowed, an unknown id is 404."""
    path = f"/staff/users/{world.learner.id}/personal-data"
    for person, home in ((world.coach, "/coach/"), (world.learner, "/learn/")):
        assert _export(as_user(person), world.learner.id, home).status_code == 403
    assert app.test_client().post(path).status_code in (302, 400)
    assert as_user(world.admin).get(path).status_code == 405
    assert _export(as_user(world.admin), 99999).status_code == 404
    db.session.expire_all()
    assert AuditEvent.query.filter_by(action="privacy.export").count() == 0


def test_the_persons_own_files_and_texts_are_in_the_zip(world, as_user, uploads):
    """Task files and evidence come as the very bytes uploaded, beside the texts they belong to."""
    archive = zipfile.ZipFile(io.BytesIO(_export(as_user(world.admin), world.learner.id).data))
    files = [name for name in archive.namelist() if name.startswith("files/")]
    assert len(files) == 2 and all(archive.read(name) == PDF for name in files)
    requests = json.loads(archive.read("recognition_requests.json"))
    assert requests[0]["description"].startswith("Olen tehnyt") and requests[0]["files"][0]["file"] in files
    assert json.loads(archive.read("tasks.json"))[0]["files"][0]["file"] in files
