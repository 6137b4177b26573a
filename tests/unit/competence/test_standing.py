"""A learner's standing: each unit's points and each objective's newest decision, in two queries."""

from sqlalchemy import event

from app.core.db import db
from competence import decisions, ledger
from competence.standing import Newest, group_standings, standing
from tests.competence_factory import make_framework


def test_points_follow_the_ledger_and_the_newest_decision_wins(world):
    """A unit's points are the sum of its ledger entries and an objective shows its newest decision."""
    framework = make_framework()
    graded, passed = framework.graded, framework.passed
    first, second = (o.id for o in graded.objectives)
    assert standing(world.learner.id) == ({}, {})

    decisions.decide(world.coach, world.learner.id, "TET-TT-1", "more_needed", method="workshop", note="Kerro lisää.")
    decisions.decide(world.coach, world.learner.id, "TET-TT-1", "accepted", "3", method="workshop", note="Nähty.")
    decisions.decide(world.coach, world.learner.id, "TET-TT-2", "accepted", "4", method="task")
    decisions.decide(world.coach, world.learner2.id, "TET-PF-1", "accepted", "hyväksytty", method="task")
    db.session.flush()
    queries = []

    def seen(*args):
        queries.append(args[2])

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        points, newest = standing(world.learner.id)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert len(queries) == 2
    assert points == {graded.id: 2} and passed.id not in points
    assert newest == {first: Newest("accepted", "3", "Nähty."), second: Newest("accepted", "4", "")}

    # Taking one back reverses the unit's credit: the sum of the entries is 0, as the ledger says.
    decisions.decide(world.coach, world.learner.id, "TET-TT-2", "not_accepted", method="task", note="Väärin.")
    points, newest = standing(world.learner.id)
    assert points == {graded.id: 0} == {graded.id: ledger.balances([world.learner.id])[world.learner.id][graded.id]}
    assert newest[second] == Newest("not_accepted", None, "Väärin.")
    assert standing(world.learner2.id).points == {passed.id: 1}


def test_a_group_standing_is_each_learners_own(world):
    """Each learner's standing in a group is the same as their own standing, read alone."""
    framework = make_framework()
    graded, passed = framework.graded, framework.passed
    first, second = (o.id for o in graded.objectives)
    decisions.decide(world.coach, world.learner.id, "TET-TT-1", "more_needed", method="workshop", note="Kerro lisää.")
    decisions.decide(world.coach, world.learner.id, "TET-TT-1", "accepted", "3", method="workshop", note="Nähty.")
    decisions.decide(world.coach, world.learner.id, "TET-TT-2", "accepted", "5", method="task")
    decisions.decide(world.coach, world.learner2.id, "TET-TT-1", "accepted", "4", method="task")
    decisions.decide(world.coach, world.learner2.id, "TET-TT-1", "not_accepted", method="task", note="Väärin.")
    decisions.decide(world.coach, world.learner2.id, "TET-PF-1", "accepted", "hyväksytty", method="task")
    db.session.flush()
    learners = [world.learner.id, world.learner2.id, world.stranger.id]
    assert group_standings([]) == {}
    standings = group_standings(learners)
    assert standings[world.learner.id] == ({graded.id: 2}, {first: ("accepted", "3"), second: ("accepted", "5")})
    assert standings[world.learner2.id] == ({passed.id: 1}, {first: ("not_accepted", None),
                                                              passed.objectives[0].id: ("accepted", "hyväksytty")})
    assert standings[world.stranger.id] == ({}, {})
    for learner_id in learners:  # the same as one learner's own standing
        alone = standing(learner_id)
        assert standings[learner_id].points == alone.points
        assert standings[learner_id].outcomes == {o: (n.outcome, n.grade) for o, n in alone.newest.items()}
