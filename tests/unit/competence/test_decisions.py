"""Coach decisions: the outcomes, their rules, supersession and access."""

import pytest

from app.core.audit import AuditEvent
from app.core.db import db
from app.core.errors import Invalid, NotFound
from competence import decisions, ledger
from competence.models import Decision, Method, Outcome
from tests.competence_factory import make_framework


@pytest.fixture
def framework(app):
    return make_framework()


def test_accepting_needs_a_grade_on_the_units_scale(world, framework):
    """Accepted needs a grade the unit's scale has: 1–5, or "hyväksytty" on a pass/fail unit."""
    for grade in (None, "6", "hyväksytty"):
        with pytest.raises(Invalid):
            decisions.decide(world.coach, world.learner.id, "TET-TT-1", "accepted", grade, method="task")
    with pytest.raises(Invalid):
        decisions.decide(world.coach, world.learner.id, "TET-PF-1", "accepted", "3", method="workshop")
    decision = decisions.decide(world.coach, world.learner.id, "TET-PF-1", "accepted", "hyväksytty",
                                method="workshop", note="Nähty verstaalla.")
    assert (decision.outcome, decision.grade, decision.method) == (Outcome.ACCEPTED, "hyväksytty", Method.WORKSHOP)


def test_more_needed_and_not_accepted_need_a_message_and_no_grade(world, framework):
    """Asking for more needs a message, declining needs a reason, and neither carries a grade."""
    for outcome in ("more_needed", "not_accepted"):
        with pytest.raises(Invalid):
            decisions.decide(world.coach, world.learner.id, "TET-TT-1", outcome, method="task")
        with pytest.raises(Invalid):
            decisions.decide(world.coach, world.learner.id, "TET-TT-1", outcome, "3", method="task", note="x")
    decision = decisions.decide(world.coach, world.learner.id, "TET-TT-1", "not_accepted",
                                method="prior_learning", note="Todistus on toiselta alalta.")
    assert decision.grade is None


def test_unknown_outcome_method_or_objective_is_refused(world, framework):
    """Only the three outcomes and three methods exist; an unknown objective is not found."""
    with pytest.raises(Invalid):
        decisions.decide(world.coach, world.learner.id, "TET-TT-1", "maybe", method="task", note="x")
    with pytest.raises(Invalid):
        decisions.decide(world.coach, world.learner.id, "TET-TT-1", "accepted", "3", method="guess")
    with pytest.raises(NotFound):
        decisions.decide(world.coach, world.learner.id, "NOPE-1", "accepted", "3", method="task")


def test_other_coach_and_non_learners_get_not_found(world, framework):
    """A coach of another group cannot decide on this learner; nobody decides on a coach."""
    with pytest.raises(NotFound):
        decisions.decide(world.other_coach, world.learner.id, "TET-TT-1", "accepted", "3", method="task")
    with pytest.raises(NotFound):
        decisions.decide(world.admin, world.coach.id, "TET-TT-1", "accepted", "3", method="task")
    assert db.session.query(Decision).count() == 0


def test_a_correction_supersedes_and_both_stay(world, framework):
    """A new decision supersedes the previous one; the latest counts and the history keeps both."""
    first = decisions.decide(world.coach, world.learner.id, "TET-TT-1", "accepted", "2", method="task")
    second = decisions.decide(world.admin, world.learner.id, "TET-TT-1", "accepted", "4", method="workshop",
                              note="Korjattu arvosana.")
    assert second.supersedes_id == first.id
    history = decisions.decisions_of(world.learner.id)
    objective_id = first.objective_id
    assert [d.id for d in history[objective_id]] == [second.id, first.id]
    assert decisions.latest_decision(world.learner.id, objective_id).grade == "4"
    newest, earlier = history[objective_id]
    assert decisions.is_correction(newest, {earlier.id: earlier})
    assert not decisions.is_correction(earlier, {newest.id: newest})


def test_decisions_are_never_changed(world, framework):
    """An update of a stored decision is refused; corrections are new rows."""
    decision = decisions.decide(world.coach, world.learner.id, "TET-TT-1", "accepted", "3", method="task")
    db.session.commit()
    decision.grade = "5"
    with pytest.raises(ValueError, match="never changed"):
        db.session.flush()
    db.session.rollback()


def test_every_decision_is_in_the_audit_log(world, framework):
    """Who decided what on whom is logged."""
    decision = decisions.decide(world.coach, world.learner.id, "TET-TT-1", "accepted", "3", method="task")
    event = db.session.query(AuditEvent).filter_by(action="decision.record").one()
    assert (event.actor_id, event.subject_id) == (world.coach.id, decision.id)
    assert event.details["objective"] == "TET-TT-1" and event.details["grade"] == "3"


def test_accepting_the_last_objective_credits_the_unit(world, framework):
    """Points follow the decisions: the unit is credited when its last objective is accepted."""
    decisions.decide(world.coach, world.learner.id, "TET-TT-1", "accepted", "3", method="task")
    assert ledger.total_points(world.learner.id) == 0
    decisions.decide(world.coach, world.learner.id, "TET-TT-2", "accepted", "4", method="task")
    assert ledger.total_points(world.learner.id) == 2


def test_choices_name_each_grade_of_the_scale(world, framework):
    """The decision select offers each grade of the unit's scale, then more needed and not accepted."""
    assert decisions.choices_for(framework.graded) == [
        "accepted:1", "accepted:2", "accepted:3", "accepted:4", "accepted:5", "more_needed", "not_accepted"]
    assert decisions.choices_for(framework.passed)[0] == "accepted:hyväksytty"
    assert decisions.parse_choice("accepted:3") == (Outcome.ACCEPTED, "3")
    assert decisions.parse_choice("") is None
    with pytest.raises(Invalid):
        decisions.parse_choice("accept everything")
