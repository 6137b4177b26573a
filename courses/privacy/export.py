"""Everything Verstas holds about one person, for their right of access: JSON files per subject and
their own files, in one zip that a person can read.

Anonymous feedback answers are never in it: nothing ties them to the person (see `courses.feedback`);
only that they took part is. A named round's answers are theirs and are included.
"""

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import inspect, or_, select
from sqlalchemy.orm import selectinload

from app.core import audit
from app.core.accounts.models import SignInCode, User
from app.core.audit import AuditEvent
from app.core.db import db
from app.core.errors import Forbidden, NotFound
from app.core.files import stored_path
from competence.certificate_models import BadgeCredential, Certificate
from competence.models import Decision, EvidenceFile, Objective, PointsEntry, RecognitionRequest, Unit
from courses.feedback.models import (
    FeedbackAnswer,
    FeedbackParticipation,
    FeedbackQuestion,
    FeedbackResponse,
    FeedbackRound,
)
from courses.models import ProgressEvent, QuizAttempt, SelfAssessment, Step, Submission, SubmissionFile

# Columns that hold secrets or bytes rather than information about the person.
SKIPPED = {"password_hash", "code_hash", "pdf", "stored_name", "token"}


@dataclass
class PersonalData:
    person: User
    documents: dict[str, object] = field(default_factory=dict)  # file name in the zip -> JSON value
    stored_files: list[tuple[str, str]] = field(default_factory=list)  # (name in the zip, stored name)
    blobs: list[tuple[str, bytes]] = field(default_factory=list)  # (name in the zip, bytes)


def _plain(value):
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def row(entity, **extra) -> dict:
    """An entity's columns as a dict a person can read, without secrets or bytes."""
    values = {a.key: _plain(getattr(entity, a.key)) for a in inspect(type(entity)).column_attrs
              if a.key not in SKIPPED}
    return {**values, **extra}


def _all(query) -> list:
    return list(db.session.scalars(query))


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:80] or "file"


def _steps(ids) -> dict[int, Step]:
    return {s.id: s for s in _all(select(Step).where(Step.id.in_(set(ids))))}


def _objectives(ids) -> dict[int, Objective]:
    return {o.id: o for o in _all(select(Objective).where(Objective.id.in_(set(ids) - {None})))}


def collect(actor: User, person_id: int) -> PersonalData:
    """What Verstas holds about the person, for an admin; the export itself is audited."""
    if not actor.is_admin:
        raise Forbidden()
    person = db.session.get(User, person_id)
    if person is None:
        raise NotFound()
    data = PersonalData(person)
    codes = _all(select(SignInCode).where(SignInCode.user_id == person.id).order_by(SignInCode.id))
    data.documents["account.json"] = {**row(person), "sign_in_cards": [row(c) for c in codes]}
    data.documents["groups.json"] = {
        "member_of": [g.name for g in person.groups], "coaches": [g.name for g in person.coached_groups]}
    _progress(data, person)
    _competence(data, person)
    _certificates(data, person)
    _feedback(data, person)
    _audit_entries(data, person)
    audit.record(actor, "privacy.export", person)
    return data


def _progress(data: PersonalData, person: User) -> None:
    events = _all(select(ProgressEvent).where(ProgressEvent.learner_id == person.id).order_by(ProgressEvent.id))
    quizzes = _all(select(QuizAttempt).where(QuizAttempt.learner_id == person.id).order_by(QuizAttempt.id))
    selfs = _all(select(SelfAssessment).where(SelfAssessment.learner_id == person.id).order_by(SelfAssessment.id))
    submissions = _all(select(Submission).where(Submission.learner_id == person.id).order_by(Submission.id))
    files = _all(select(SubmissionFile).where(SubmissionFile.submission_id.in_([s.id for s in submissions]))
                 .order_by(SubmissionFile.id))
    steps = _steps([x.step_id for x in [*events, *quizzes, *selfs, *submissions]])

    def titled(entity):
        return row(entity, step=steps[entity.step_id].title if entity.step_id in steps else None)

    data.documents["progress.json"] = {"events": [titled(e) for e in events],
                                       "quiz_attempts": [titled(q) for q in quizzes],
                                       "self_assessments": [titled(s) for s in selfs]}
    by_submission: dict[int, list] = {}
    for file in files:
        name = f"files/tasks/{file.id}-{_safe_name(file.original_name)}"
        by_submission.setdefault(file.submission_id, []).append({**row(file), "file": name})
        data.stored_files.append((name, file.stored_name))
    data.documents["tasks.json"] = [titled(s) | {"files": by_submission.get(s.id, [])} for s in submissions]


def _competence(data: PersonalData, person: User) -> None:
    requests = _all(select(RecognitionRequest).where(RecognitionRequest.learner_id == person.id)
                    .order_by(RecognitionRequest.id))
    files = _all(select(EvidenceFile).where(EvidenceFile.request_id.in_([r.id for r in requests]))
                 .order_by(EvidenceFile.id))
    decisions = _all(select(Decision).where(Decision.learner_id == person.id).order_by(Decision.id))
    points = _all(select(PointsEntry).where(PointsEntry.learner_id == person.id).order_by(PointsEntry.id))
    objectives = _objectives([x.objective_id for x in [*requests, *decisions]])
    units = {u.id: u for u in _all(select(Unit).where(Unit.id.in_({x.unit_id for x in [*requests, *points]})))}
    by_request: dict[int, list] = {}
    for file in files:
        name = f"files/evidence/{file.id}-{_safe_name(file.original_name)}"
        by_request.setdefault(file.request_id, []).append({**row(file), "file": name})
        data.stored_files.append((name, file.stored_name))
    data.documents["recognition_requests.json"] = [
        row(r, unit=units[r.unit_id].code, objective=objectives[r.objective_id].code if r.objective_id else None,
            files=by_request.get(r.id, [])) for r in requests]
    data.documents["decisions.json"] = {
        "decisions": [row(d, objective=objectives[d.objective_id].code) for d in decisions],
        "points": [row(p, unit=units[p.unit_id].code) for p in points]}


def _certificates(data: PersonalData, person: User) -> None:
    certificates = _all(select(Certificate).where(Certificate.learner_id == person.id).order_by(Certificate.id))
    badges = _all(select(BadgeCredential).where(BadgeCredential.certificate_id.in_([c.id for c in certificates]))
                  .order_by(BadgeCredential.id))
    listed = []
    for certificate in certificates:
        name = f"certificates/{certificate.code}.pdf" if certificate.pdf else None
        if name:
            data.blobs.append((name, certificate.pdf))
        listed.append(row(certificate, file=name, badges=[
            {**row(b), "badge": b.token} for b in badges if b.certificate_id == certificate.id]))
    data.documents["certificates.json"] = listed


def _feedback(data: PersonalData, person: User) -> None:
    rounds = _all(select(FeedbackRound).join(FeedbackParticipation, FeedbackParticipation.round_id == FeedbackRound.id)
                  .where(FeedbackParticipation.learner_id == person.id).order_by(FeedbackRound.id))
    named = _all(select(FeedbackAnswer).join(FeedbackResponse)
                 .where(FeedbackResponse.learner_id == person.id).order_by(FeedbackAnswer.question_id)
                 .options(selectinload(FeedbackAnswer.question).selectinload(FeedbackQuestion.round)))
    data.documents["feedback.json"] = {
        "took_part_in": [{"round": r.title, "anonymous": r.anonymous, "opens_on": _plain(r.opens_on),
                          "closes_on": _plain(r.closes_on)} for r in rounds],
        "named_answers": [{"round": a.question.round.title, "question": a.question.text, "answer": a.value}
                          for a in named]}


def _audit_entries(data: PersonalData, person: User) -> None:
    own = {"User": [person.id],
           "Submission": _all(select(Submission.id).where(Submission.learner_id == person.id)),
           "RecognitionRequest": _all(select(RecognitionRequest.id).where(RecognitionRequest.learner_id == person.id)),
           "Certificate": _all(select(Certificate.id).where(Certificate.learner_id == person.id)),
           "Decision": _all(select(Decision.id).where(Decision.learner_id == person.id))}
    about = [(AuditEvent.subject_type == kind) & AuditEvent.subject_id.in_(ids) for kind, ids in own.items() if ids]
    events = _all(select(AuditEvent).where(or_(AuditEvent.actor_id == person.id, *about)).order_by(AuditEvent.id))
    data.documents["audit_log.json"] = [row(e) for e in events]


def to_zip(data: PersonalData, readme: str, storage_dir: str) -> bytes:
    """The zip: README.txt, the JSON files, the person's own files and their certificates' PDFs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        for name, value in data.documents.items():
            archive.writestr(name, json.dumps(value, ensure_ascii=False, indent=2, default=str))
        for name, stored_name in data.stored_files:
            path = stored_path(storage_dir, stored_name)
            if path.exists():
                archive.write(path, name)
        for name, blob in data.blobs:
            archive.writestr(name, blob)
    return buffer.getvalue()
