"""Recognition of prior learning ("I already know this"): the learner describes earlier competence
for one objective or a whole unit and attaches evidence; the coach decides on each objective.

Life cycle: draft -> sent -> more needed -> sent (the next round) ... -> decided. The learner edits
only a draft or a request that needs more; the coach decides only a sent one.
"""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.core import audit, notifications
from app.core.accounts.policy import sees_learner
from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.files import ALL_TYPES, store_upload
from app.core.i18n import N_
from competence import decisions
from competence.models import (
    EvidenceFile,
    Method,
    Objective,
    Outcome,
    RecognitionRequest,
    RecognitionStatus,
    Unit,
)

MAX_TEXT = 10_000
MAX_FILES = 5
OPEN = (RecognitionStatus.DRAFT, RecognitionStatus.SENT, RecognitionStatus.MORE_NEEDED)
NOT_EDITABLE = N_("Your coach is looking at this request. You can change it if the coach asks for more.")


def _loaded(files: bool = True):
    options = [joinedload(RecognitionRequest.unit).joinedload(Unit.area), joinedload(RecognitionRequest.objective)]
    return (*options, selectinload(RecognitionRequest.files)) if files else tuple(options)


def find_target(objective_code: str | None = None, unit_code: str | None = None) -> tuple[Unit, Objective | None]:
    """The unit and objective a request is about: one objective, or a whole unit."""
    if bool(objective_code) == bool(unit_code):
        raise NotFound()
    if objective_code:
        objective = decisions.get_objective(objective_code)
        return objective.unit, objective
    unit = db.session.scalar(select(Unit).where(Unit.code == unit_code, Unit.archived_at.is_(None)))
    if unit is None:
        raise NotFound()
    return unit, None


def covered_objectives(request: RecognitionRequest) -> list[Objective]:
    """The objectives a decision on the request names: its objective, or every live one of its unit."""
    if request.objective is not None:
        return [request.objective]
    return [o for o in request.unit.objectives if o.archived_at is None]


# --- the learner ---------------------------------------------------------------------------------


def start(learner, *, objective_code: str | None = None, unit_code: str | None = None) -> RecognitionRequest:
    """A new draft for the target, or the learner's open request for the same target if there is one."""
    unit, objective = find_target(objective_code, unit_code)
    same_target = (RecognitionRequest.objective_id == objective.id if objective
                   else RecognitionRequest.objective_id.is_(None))
    existing = db.session.scalar(
        select(RecognitionRequest).where(
            RecognitionRequest.learner_id == learner.id, RecognitionRequest.unit_id == unit.id, same_target,
            RecognitionRequest.status.in_(OPEN),
        ).order_by(RecognitionRequest.id.desc()).limit(1)
    )
    if existing is not None:
        return existing
    now = utcnow()
    request = RecognitionRequest(learner_id=learner.id, unit=unit, objective=objective, description="",
                                 status=RecognitionStatus.DRAFT, created_at=now, updated_at=now)
    db.session.add(request)
    db.session.flush()
    return request


def get_own(learner, request_id: int) -> RecognitionRequest:
    request = db.session.scalar(select(RecognitionRequest).where(RecognitionRequest.id == request_id)
                                .options(*_loaded()))
    if request is None or request.learner_id != learner.id:
        raise NotFound()
    return request


def _editable(learner, request_id: int) -> RecognitionRequest:
    request = get_own(learner, request_id)
    if not request.editable:
        raise Invalid(NOT_EDITABLE)
    return request


def save(learner, request_id: int, description: str) -> RecognitionRequest:
    """Keep the learner's description; nothing goes to the coach yet."""
    description = (description or "").strip()
    if len(description) > MAX_TEXT:
        raise Invalid(N_("The text is too long (at most 10,000 characters)."))
    request = _editable(learner, request_id)
    request.description = description
    request.updated_at = utcnow()
    db.session.flush()
    return request


def add_evidence(learner, request_id: int, original_name: str, data: bytes, storage_dir: str) -> EvidenceFile:
    """Store an evidence file with the rules of file tasks (type by content, size, five at most)."""
    request = _editable(learner, request_id)
    if len(request.files) >= MAX_FILES:
        raise Invalid(N_("You can add at most 5 files. Remove one first."))
    stored = store_upload(storage_dir, original_name, data, ALL_TYPES)
    file = EvidenceFile(stored_name=stored.stored_name, original_name=stored.original_name,
                        content_type=stored.content_type, size=stored.size, sha256=stored.sha256,
                        uploaded_at=utcnow())
    request.files.append(file)
    request.updated_at = utcnow()
    db.session.flush()
    return file


def own_evidence(learner, file_id: int) -> EvidenceFile:
    file = db.session.get(EvidenceFile, file_id)
    if file is None or file.request.learner_id != learner.id:
        raise NotFound()
    return file


def remove_evidence(learner, file_id: int) -> str:
    """Remove one of the learner's files from an editable request; returns the stored name to delete."""
    file = own_evidence(learner, file_id)
    request = _editable(learner, file.request_id)
    stored_name = file.stored_name
    request.files.remove(file)
    request.updated_at = utcnow()
    db.session.flush()
    return stored_name


def send(learner, request_id: int) -> RecognitionRequest:
    """Send the request to the coach; it needs the learner's own description."""
    request = _editable(learner, request_id)
    if not request.description.strip():
        raise Invalid(N_("Tell in your own words what you have done and where. Then send."))
    if request.status == RecognitionStatus.MORE_NEEDED:
        request.round += 1
    request.status = RecognitionStatus.SENT
    request.sent_at = request.updated_at = utcnow()
    db.session.flush()
    audit.record(learner, "recognition.send", request, {"round": request.round})
    notifications.tell_coaches(learner.id, notifications.Kind.RECOGNITION_SENT, request.id, name=_name(request))
    return request


# --- the coach -----------------------------------------------------------------------------------


def get_for_coach(coach, request_id: int) -> RecognitionRequest:
    """A request of one of the coach's learners; drafts are the learner's own until sent."""
    request = db.session.scalar(
        select(RecognitionRequest).where(RecognitionRequest.id == request_id,
                                         sees_learner(coach, RecognitionRequest.learner_id))
        .options(*_loaded()))
    if request is None or request.status == RecognitionStatus.DRAFT:
        raise NotFound()
    return request


def evidence_for_coach(coach, file_id: int) -> EvidenceFile:
    file = db.session.get(EvidenceFile, file_id)
    if file is None:
        raise NotFound()
    get_for_coach(coach, file.request_id)
    return file


def decide_request(coach, request_id: int, choices: dict[str, str], message: str = "") -> RecognitionRequest:
    """Decide each covered objective ({objective code: choice}); empty choices decide nothing now.

    Any "more needed" returns the request to the learner with the message; otherwise it is decided.
    """
    request = get_for_coach(coach, request_id)
    if request.status != RecognitionStatus.SENT:
        raise Invalid(N_("This request has already been decided."))
    covered = {o.code: o for o in covered_objectives(request)}
    parsed = {}
    for code, value in choices.items():
        if code not in covered:
            raise NotFound()
        choice = decisions.parse_choice(value)
        if choice is not None:
            parsed[code] = choice
    if not parsed:
        raise Invalid(N_("Choose a decision for at least one objective."))
    message = (message or "").strip()
    for code in covered:
        if code in parsed:
            outcome, grade = parsed[code]
            decisions.decide(coach, request.learner_id, code, outcome, grade, method=Method.PRIOR_LEARNING,
                             note=message, recognition_id=request.id)
    more = any(outcome == Outcome.MORE_NEEDED for outcome, _ in parsed.values())
    request.status = RecognitionStatus.MORE_NEEDED if more else RecognitionStatus.DECIDED
    request.coach_message = message
    request.decided_at = request.updated_at = utcnow()
    request.decided_by_id = coach.id
    db.session.flush()
    audit.record(coach, "recognition.decide", request, {
        "learner_id": request.learner_id, "status": str(request.status),
        "decisions": {code: f"{o}:{g}" if g else str(o) for code, (o, g) in parsed.items()}})
    notifications.tell_learner(request.learner_id, notifications.Kind.RECOGNITION_RETURNED if more
                               else notifications.Kind.RECOGNITION_DECIDED, request.id, name=_name(request))
    return request


def _name(request: RecognitionRequest) -> dict:
    """The request's target as notifications name it: the objective's name, else the unit's."""
    return dict((request.objective or request.unit).name or {})
