"""The coach's review queue and decisions on tasks."""

import pytest

from app.core.audit import AuditEvent
from app.core.errors import Invalid, NotFound
from courses import activities, review
from courses.models import SubmissionStatus
from tests.course_factory import make_course, step

LONG = "Tämä vastaus on tarpeeksi pitkä."


def test_queue_has_own_groups_work_oldest_first(world):
    """A coach sees sent tasks of their own groups' learners, oldest first; drafts are not shown."""
    make_course()
    first = activities.submit(world.learner, step("K-M1-TASK"), LONG)
    second = activities.submit(world.learner2, step("K-M1-TASK"), LONG)
    activities.save_draft(world.stranger, step("K-M1-TASK"), "luonnos")
    activities.submit(world.stranger, step("K-M1-TASK"), LONG)
    assert [s.id for s in review.review_queue(world.coach)] == [first.id, second.id]
    assert review.queue_count(world.coach) == 2
    assert len(review.review_queue(world.admin)) == 3


def test_other_coach_cannot_open_or_decide(world):
    """A coach of another group gets 404 for this learner's work."""
    make_course()
    submission = activities.submit(world.learner, step("K-M1-TASK"), LONG)
    with pytest.raises(NotFound):
        review.get_for_coach(world.other_coach, submission.id)
    with pytest.raises(NotFound):
        review.review_submission(world.other_coach, submission.id, True)


def test_return_needs_a_message_and_the_learner_can_send_again(world):
    """Asking for more needs a message; the learner edits and sends a second round."""
    make_course()
    task = step("K-M1-TASK")
    submission = activities.submit(world.learner, task, LONG)
    with pytest.raises(Invalid):
        review.review_submission(world.coach, submission.id, False, "")
    review.review_submission(world.coach, submission.id, False, "Kerro vielä esimerkki.")
    assert submission.status == SubmissionStatus.RETURNED
    activities.save_draft(world.learner, task, LONG + " Esimerkki.")
    again = activities.submit(world.learner, task, LONG + " Esimerkki.")
    assert again.version == 2 and again.status == SubmissionStatus.SUBMITTED
    review.review_submission(world.coach, submission.id, True)
    assert submission.status == SubmissionStatus.ACCEPTED
    with pytest.raises(Invalid):
        review.review_submission(world.coach, submission.id, True)
    actions = [e.action for e in AuditEvent.query.order_by(AuditEvent.id)]
    assert actions.count("submission.return") == 1 and actions.count("submission.accept") == 1
