"""The competence record certificates read: credited units with grade and day, recognised objectives
with grade, method, assessor and day, following decisions and the ledger."""

from app.core.db import db
from competence import decisions
from competence.models import Method, Outcome
from competence.record import competence_record
from tests.certificate_factory import accept
from tests.competence_factory import make_framework


def test_a_unit_is_credited_when_all_its_objectives_are_accepted(world):
    """Grade is the rounded mean of the objectives' grades; each objective keeps method and assessor."""
    make_framework()
    world.coach.title = "työvalmentaja"
    accept(world.coach, world.learner, {"TET-TT-1": "4", "TET-TT-2": "3"}, method=Method.PRIOR_LEARNING)
    record = competence_record(world.learner.id)
    assert [u.code for u in record.credited_units] == ["TET-TT"]
    unit = record.unit("TET-TT")
    assert unit.grade == "4" and unit.osp == 2 and unit.credited_on is not None
    assert [(o.code, o.grade, o.method, o.assessor_name, o.assessor_title) for o in unit.objectives] == [
        ("TET-TT-1", "4", "prior_learning", "Kari Valmentaja", "työvalmentaja"),
        ("TET-TT-2", "3", "prior_learning", "Kari Valmentaja", "työvalmentaja"),
    ]
    assert record.partial_units == [] and record.unit("TET-PF") is None


def test_a_correction_takes_the_unit_back_to_partly_recognised(world):
    """When a later decision asks for more, the credit is reversed and the unit lists what stays accepted."""
    make_framework()
    accept(world.coach, world.learner, {"TET-TT-1": "5", "TET-TT-2": "5"})
    decisions.decide(world.coach, world.learner.id, "TET-TT-2", Outcome.MORE_NEEDED, method=Method.TASK,
                     note="Kerro vielä koeajasta.")
    db.session.commit()
    record = competence_record(world.learner.id)
    assert record.credited_units == []
    [unit] = record.partial_units
    assert unit.code == "TET-TT" and unit.grade is None and unit.objectives_total == 2
    assert [o.code for o in unit.objectives] == ["TET-TT-1"]


def test_a_learner_without_decisions_has_an_empty_record(world):
    """No decisions, no units: nothing to put on a certificate."""
    make_framework()
    record = competence_record(world.learner.id)
    assert record.units == [] and record.credited_units == []
