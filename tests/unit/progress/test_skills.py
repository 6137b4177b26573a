"""A learner's competence record: objective states, points, grades and the next thing to do."""

from app.core.db import db
from competence import decisions, recognition, unit_grades
from courses import activities, queue
from courses.skills import ObjectiveState, learner_record
from tests.competence_factory import make_framework
from tests.course_factory import make_course, step


def states(learner_id):
    (area,) = learner_record(learner_id)
    return {o.objective.code: o.state for u in area.units for o in u.objectives}, area


def test_states_follow_what_the_learner_and_coach_did(world):
    """Not started -> practising (a step opened) -> waiting (task sent) -> recognised with its grade."""
    make_framework()
    make_course()
    assert set(states(world.learner.id)[0].values()) == {ObjectiveState.NOT_STARTED}
    activities.open_step(world.learner, step("K-M1-L1"))
    assert states(world.learner.id)[0]["TET-TT-2"] == ObjectiveState.PRACTISING
    activities.submit(world.learner, step("K-M1-TASK"), "Tämä vastaus on tarpeeksi pitkä.")
    assert states(world.learner.id)[0]["TET-TT-2"] == ObjectiveState.WAITING
    decisions.decide(world.coach, world.learner.id, "TET-TT-2", "accepted", "4", method="task")
    current, area = states(world.learner.id)
    assert current["TET-TT-2"] == ObjectiveState.RECOGNISED
    graded = area.units[0]
    assert graded.next.objective.code == "TET-TT-1" and graded.next.module is None
    assert graded.points == 0 and graded.grade is None


def test_points_and_grades_when_units_are_complete(world):
    """A complete unit shows its osp, the proposed grade and, once the coach decides it, its grade;
    a pass/fail unit needs no decision; an area never has a grade of its own."""
    make_framework()
    decisions.decide(world.coach, world.learner.id, "TET-TT-1", "accepted", "3", method="task")
    decisions.decide(world.coach, world.learner.id, "TET-TT-2", "accepted", "4", method="task")
    _, area = states(world.learner.id)
    assert (area.units[0].points, area.units[0].grade, area.units[0].proposed) == (2, None, "4")
    assert area.units[0].grade_pending
    unit_grades.decide_grade(world.coach, world.learner.id, "TET-TT", "4")
    _, area = states(world.learner.id)
    assert (area.units[0].points, area.units[0].grade) == (2, "4") and not area.units[0].grade_pending
    assert (area.points, area.available) == (2, 3) and not hasattr(area, "grade")
    decisions.decide(world.coach, world.learner.id, "TET-PF-1", "accepted", "hyväksytty", method="workshop",
                     note="Nähty.")
    _, area = states(world.learner.id)
    assert area.points == 3 and [u.grade for u in area.units] == ["4", "hyväksytty"]


def test_more_needed_and_a_sent_request(world):
    """A sent unit request makes its objectives wait; "more needed" shows until the next decision."""
    make_framework()
    request = recognition.start(world.learner, unit_code="TET-TT")
    recognition.save(world.learner, request.id, "Olen tehnyt tätä.")
    recognition.send(world.learner, request.id)
    assert states(world.learner.id)[0]["TET-TT-1"] == ObjectiveState.WAITING
    assert [item.kind for item in queue.waiting_for(world.coach)] == ["recognition"]
    assert queue.waiting_count(world.coach) == 1 and queue.waiting_count(world.other_coach) == 0
    recognition.decide_request(world.coach, request.id, {"TET-TT-1": "more_needed"}, "Kerro lisää.")
    db.session.flush()
    assert states(world.learner.id)[0]["TET-TT-1"] == ObjectiveState.MORE_NEEDED
