"""A sub-area's grade is decided by its assessor: proposed from the objectives, confirmed or set."""

import pytest

from app.core.db import db
from app.core.errors import Invalid, NotFound
from competence import decisions, unit_grades
from competence.models import Method, Outcome, UnitGrade
from competence.record import competence_record
from tests.certificate_factory import accept
from tests.competence_factory import make_framework


@pytest.fixture
def framework(app):
    return make_framework()


def test_a_credited_unit_waits_for_its_grade_with_a_proposal(world, framework):
    """Once every objective is accepted, the record has the proposed mean but no grade until decided."""
    accept(world.coach, world.learner, confirm_grades=False)
    unit = competence_record(world.learner.id).unit("TET-TT")
    assert unit.credited and unit.grade is None and unit.proposed == "4"
    assert competence_record(world.learner.id).unit("TET-PF").grade == "hyväksytty"  # one-value scale


def test_the_coach_sets_a_grade_other_than_the_proposal(world, framework):
    """The coach's grade is the unit's grade; the proposal is kept beside it and the act audited."""
    accept(world.coach, world.learner, confirm_grades=False)
    decision = unit_grades.decide_grade(world.coach, world.learner.id, "TET-TT", "3")
    db.session.commit()
    assert (decision.grade, decision.proposed) == ("3", "4")
    assert competence_record(world.learner.id).unit("TET-TT").grade == "3"


def test_a_grade_needs_a_credited_unit_and_a_value_of_its_scale(world, framework):
    """No grade for an incomplete unit, none outside the scale, and none by another coach or a learner."""
    decisions.decide(world.coach, world.learner.id, "TET-TT-1", Outcome.ACCEPTED, "4", method=Method.WORKSHOP)
    with pytest.raises(Invalid):
        unit_grades.decide_grade(world.coach, world.learner.id, "TET-TT", "4")
    accept(world.coach, world.learner, confirm_grades=False)
    with pytest.raises(Invalid):
        unit_grades.decide_grade(world.coach, world.learner.id, "TET-TT", "6")
    with pytest.raises(NotFound):
        unit_grades.decide_grade(world.other_coach, world.learner.id, "TET-TT", "4")
    with pytest.raises(NotFound):
        unit_grades.decide_grade(world.learner, world.learner.id, "TET-TT", "4")
    assert db.session.query(UnitGrade).count() == 0


def test_a_credit_made_again_needs_a_new_grade(world, framework):
    """When a decision takes the unit back and it is credited again, the old grade no longer holds."""
    accept(world.coach, world.learner)
    assert competence_record(world.learner.id).unit("TET-TT").grade == "4"
    decisions.decide(world.coach, world.learner.id, "TET-TT-2", Outcome.MORE_NEEDED, None, method=Method.WORKSHOP,
                     note="Näytä vielä kerran.")
    decisions.decide(world.coach, world.learner.id, "TET-TT-2", Outcome.ACCEPTED, "5", method=Method.WORKSHOP)
    db.session.commit()
    unit = competence_record(world.learner.id).unit("TET-TT")
    assert unit.credited and unit.grade is None and unit.proposed == "5"
