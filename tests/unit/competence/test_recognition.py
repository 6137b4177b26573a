"""Recognition of prior learning: draft, send, more needed, send again, decided."""

import pytest

from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.files import stored_path
from competence import ledger, recognition, request_lists
from competence.models import Decision, Method, RecognitionStatus
from tests.competence_factory import make_framework

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def framework(app):
    return make_framework()


def test_full_life_cycle_of_a_unit_request(world, framework, tmp_path):
    """Draft with a photo, send, the coach asks for more, the learner adds and sends, the coach accepts
    every objective: the decisions say "prior learning" and the unit's points are credited."""
    request = recognition.start(world.learner, unit_code="TET-TT")
    assert request.status == RecognitionStatus.DRAFT
    recognition.save(world.learner, request.id, "Olen tehnyt varastotöitä kaksi vuotta.")
    photo = recognition.add_evidence(world.learner, request.id, "todistus.png", PNG, str(tmp_path))
    db.session.commit()
    assert stored_path(str(tmp_path), photo.stored_name).read_bytes() == PNG
    assert request_lists.waiting_requests(world.coach) == []
    recognition.send(world.learner, request.id)
    queued = request_lists.waiting_requests(world.coach)
    assert [(r.id, r.learner_id, r.files) for r in queued] == [(request.id, world.learner.id, 1)]
    assert request_lists.waiting_count(world.coach) == 1
    with pytest.raises(Invalid):
        recognition.save(world.learner, request.id, "muutos kesken arvioinnin")

    recognition.decide_request(world.coach, request.id, {"TET-TT-1": "accepted:4", "TET-TT-2": "more_needed"},
                               "Lisää kuva työtodistuksesta.")
    assert request.status == RecognitionStatus.MORE_NEEDED
    assert request.coach_message == "Lisää kuva työtodistuksesta."
    assert request_lists.waiting_requests(world.coach) == []
    recognition.add_evidence(world.learner, request.id, "tyotodistus.png", PNG, str(tmp_path))
    recognition.send(world.learner, request.id)
    assert request.round == 2

    recognition.decide_request(world.coach, request.id, {"TET-TT-1": "", "TET-TT-2": "accepted:5"})
    assert request.status == RecognitionStatus.DECIDED
    assert ledger.total_points(world.learner.id) == 2
    methods = {d.method for d in db.session.query(Decision).filter_by(recognition_id=request.id)}
    assert methods == {Method.PRIOR_LEARNING}
    with pytest.raises(Invalid):
        recognition.decide_request(world.coach, request.id, {"TET-TT-1": "accepted:3"})


def test_sending_needs_the_learners_own_words(world, framework):
    """An empty description cannot be sent."""
    request = recognition.start(world.learner, objective_code="TET-TT-1")
    with pytest.raises(Invalid):
        recognition.send(world.learner, request.id)


def test_starting_again_opens_the_same_open_request(world, framework):
    """A second "I already know this" for the same target continues the open request."""
    first = recognition.start(world.learner, objective_code="TET-TT-1")
    assert recognition.start(world.learner, objective_code="TET-TT-1").id == first.id
    assert recognition.start(world.learner, unit_code="TET-TT").id != first.id
    with pytest.raises(NotFound):
        recognition.start(world.learner, objective_code="NOPE-1")
    with pytest.raises(NotFound):
        recognition.start(world.learner)


def test_evidence_follows_the_file_task_rules(world, framework, tmp_path):
    """Files are checked by content and at most five are kept."""
    request = recognition.start(world.learner, objective_code="TET-TT-1")
    with pytest.raises(Invalid):
        recognition.add_evidence(world.learner, request.id, "kuva.png", b"not really a png", str(tmp_path))
    for number in range(5):
        recognition.add_evidence(world.learner, request.id, f"{number}.png", PNG, str(tmp_path))
    with pytest.raises(Invalid):
        recognition.add_evidence(world.learner, request.id, "6.png", PNG, str(tmp_path))
    stored = recognition.remove_evidence(world.learner, request.files[0].id)
    assert stored and len(request.files) == 4


def test_only_the_learner_and_their_coaches_see_a_request(world, framework, tmp_path):
    """Other learners and other coaches get not found; a draft is the learner's own until sent."""
    request = recognition.start(world.learner, objective_code="TET-TT-1")
    recognition.save(world.learner, request.id, "Olen tehnyt tätä ennenkin.")
    file = recognition.add_evidence(world.learner, request.id, "kuva.png", PNG, str(tmp_path))
    with pytest.raises(NotFound):
        recognition.get_for_coach(world.coach, request.id)
    recognition.send(world.learner, request.id)
    assert recognition.get_for_coach(world.coach, request.id) is request
    assert recognition.evidence_for_coach(world.coach, file.id) is file
    for call in (lambda: recognition.get_own(world.learner2, request.id),
                 lambda: recognition.own_evidence(world.learner2, file.id),
                 lambda: recognition.get_for_coach(world.other_coach, request.id),
                 lambda: recognition.evidence_for_coach(world.other_coach, file.id),
                 lambda: recognition.decide_request(world.other_coach, request.id, {"TET-TT-1": "accepted:3"})):
        with pytest.raises(NotFound):
            call()


def test_a_decision_needs_a_choice_and_a_message_for_more(world, framework):
    """Deciding nothing is refused, asking for more needs a message, other objectives are refused."""
    request = recognition.start(world.learner, objective_code="TET-TT-1")
    recognition.save(world.learner, request.id, "Olen tehnyt tätä ennenkin.")
    recognition.send(world.learner, request.id)
    with pytest.raises(Invalid):
        recognition.decide_request(world.coach, request.id, {"TET-TT-1": ""})
    with pytest.raises(Invalid):
        recognition.decide_request(world.coach, request.id, {"TET-TT-1": "more_needed"}, "")
    with pytest.raises(NotFound):
        recognition.decide_request(world.coach, request.id, {"TET-TT-2": "accepted:3"})


def test_the_queue_and_own_requests_name_their_target_even_after_it_is_archived(world, framework):
    """Names come from the framework snapshot, which leaves archived units and objectives out: a request
    sent before its objective was archived still shows the objective's and unit's names."""
    whole_unit = recognition.start(world.learner, unit_code="TET-PF")
    one_objective = recognition.start(world.learner, objective_code="TET-TT-2")
    for request in (whole_unit, one_objective):
        recognition.save(world.learner, request.id, "Olen tehnyt tätä ennenkin.")
        recognition.send(world.learner, request.id)
    db.session.commit()

    def names():
        queued = {r.id: (r.unit_name["fi"], r.objective_name and r.objective_name["fi"])
                  for r in request_lists.waiting_requests(world.coach)}
        own = {r.id: (r.unit_name["fi"], r.objective_name and r.objective_name["fi"])
               for r in request_lists.own_requests(world.learner.id)}
        assert queued == own
        return queued

    expected = {whole_unit.id: ("Hyväksytty osa", None),
                one_objective.id: ("Työelämässä toimiminen", "Tiedän oikeuteni.")}
    assert names() == expected
    framework.graded.objectives[1].archived_at = utcnow()
    framework.passed.archived_at = utcnow()
    db.session.commit()
    assert names() == expected
