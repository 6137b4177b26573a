"""Closed accounts are pseudonymised after the retention time; certificates and ledgers stay whole."""

from datetime import UTC, datetime, timedelta

from app.core.accounts import service as accounts
from app.core.accounts.models import SignInCode, User
from app.core.audit import AuditEvent
from app.core.db import db
from app.core.files import stored_path
from competence import certificates
from competence.models import Decision, EvidenceFile, PointsEntry, RecognitionRequest
from courses.models import Submission, SubmissionFile
from tests.certificate_factory import accept, issuer, with_test_key
from tests.conftest import post_form
from tests.web import test_downloads

uploads = test_downloads.uploads


def _run(app, now):
    result = app.test_cli_runner().invoke(args=["privacy", "pseudonymise", "--now", now.isoformat()])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def test_a_closed_account_loses_its_personal_data_only_after_the_retention_time(app, world, uploads, tmp_path):
    """Before the time nothing changes; after it names, sign-in data, texts and files go, the record stays."""
    learner_id = world.learner.id
    accept(world.coach, world.learner)
    certificate = certificates.issue_certificate(world.coach, learner_id, issuer(with_test_key(tmp_path)),
                                                 units=["TET-TT", "TET-PF"])
    code, pdf, content = certificate.code, certificate.pdf, dict(certificate.content)
    accounts.issue_sign_in_code(world.admin, learner_id)
    accounts.set_active(world.admin, learner_id, False)
    db.session.commit()
    stored = [f.stored_name for f in [*SubmissionFile.query.all(), *EvidenceFile.query.all()]]
    points = [(p.unit_id, p.points) for p in PointsEntry.query.order_by(PointsEntry.id)]
    closed_at = db.session.get(User, learner_id).closed_at
    days = app.config["PERSONAL_DATA_RETENTION_DAYS"]

    assert "pseudonymised 0 " in _run(app, closed_at + timedelta(days=days - 1))
    assert db.session.get(User, learner_id).display_name == "Leena Oppija"

    assert "pseudonymised 1 " in _run(app, closed_at + timedelta(days=days, seconds=1))
    person = db.session.get(User, learner_id)
    assert (person.display_name, person.username, person.password_hash, person.email) == (
        f"#{learner_id}", f"pseudonym-{learner_id}", None, None)
    assert SignInCode.query.filter_by(user_id=learner_id).count() == 0
    assert Submission.query.one().text == "" and RecognitionRequest.query.one().description == ""
    assert {d.note for d in Decision.query.all()} == {""}
    assert SubmissionFile.query.count() == EvidenceFile.query.count() == 0
    assert not any(stored_path(app.config["STORAGE_DIR"], name).exists() for name in stored)
    assert [(p.unit_id, p.points) for p in PointsEntry.query.order_by(PointsEntry.id)] == points
    kept = certificates.find_by_code(code)
    assert kept.pdf == pdf and kept.content == content and kept.revoked_at is None
    assert AuditEvent.query.filter_by(action="privacy.pseudonymise", subject_id=learner_id).count() == 1
    assert "pseudonymised 0 " in _run(app, closed_at + timedelta(days=days + 30))


def test_an_open_account_is_never_pseudonymised_and_a_pseudonymised_one_cannot_reopen(app, world, as_user):
    """Only closed accounts are due; reopening one whose data is gone is refused with a message."""
    accounts.set_active(world.admin, world.learner2.id, False)
    db.session.commit()
    _run(app, datetime.now(UTC) + timedelta(days=10 * 365))
    assert db.session.get(User, world.learner.id).display_name == "Leena Oppija"
    admin = as_user(world.admin)
    page = f"/staff/users/{world.learner2.id}"
    refused = post_form(admin, f"{page}/active", {"active": "1"}, token_from="/staff/users")
    assert refused.status_code == 400 and "tiliä ei voi avata uudelleen" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, world.learner2.id).active is False
