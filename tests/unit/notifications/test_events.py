"""Each event tells exactly the right people once, in the same transaction, and nobody else."""

import pytest
from sqlalchemy import select

from app.core import notifications
from app.core.accounts.models import Role
from app.core.db import db
from app.core.errors import NotFound
from app.core.notifications import Kind, Notification
from competence import certificates, decisions, recognition
from competence.models import Method, Outcome
from courses import activities, review
from courses.feedback.actions import add_action, news_query
from tests import feedback_factory
from tests.certificate_factory import accept, issuer, with_test_key
from tests.competence_factory import make_framework
from tests.course_factory import make_course, step

LONG = "Tämä vastaus on tarpeeksi pitkä."


@pytest.fixture
def setting(world, make_user):
    """The world with a substitute coach of Ryhmä A, a closed coach of it, a framework and a course."""
    world.substitute = make_user(Role.COACH, username="substitute", coached=[world.group])
    world.closed = make_user(Role.COACH, username="closed", coached=[world.group], active=False)
    make_framework()
    world.course = make_course()
    return world


def rows():
    """(recipient id, learner id, kind) of every notification."""
    return sorted((n.recipient_id, n.learner_id, n.kind) for n in db.session.scalars(select(Notification)))


def test_a_sent_task_tells_each_open_coach_of_the_learners_groups_once(setting):
    """A task sent tells the group's coaches, not another group's coach, an admin or a closed account."""
    submission = activities.submit(setting.learner, step("K-M1-TASK"), LONG)
    learner = setting.learner.id
    assert rows() == sorted([(setting.coach.id, learner, Kind.TASK_SENT),
                             (setting.substitute.id, learner, Kind.TASK_SENT)])
    notice = notifications.unseen(setting.coach)[0]
    assert (notice.subject_id, notice.details["step"], notice.learner_name) == (
        submission.id, "K-M1-TASK", "Leena Oppija")
    assert notifications.unseen(setting.other_coach) == [] and notifications.unseen(setting.admin) == []


def test_a_coach_in_two_of_the_learners_groups_is_told_once(setting, make_group):
    """Sharing two groups with the learner still gives the coach one notification."""
    make_group("Ryhmä C", coaches=[setting.coach], learners=[setting.learner])
    activities.submit(setting.learner, step("K-M1-TASK"), LONG)
    assert [r for r in rows() if r[0] == setting.coach.id] == [(setting.coach.id, setting.learner.id, Kind.TASK_SENT)]


@pytest.mark.parametrize(("accept", "kind"), [(True, Kind.TASK_ACCEPTED), (False, Kind.TASK_RETURNED)])
def test_a_reviewed_task_tells_the_learner_once(setting, accept, kind):
    """Accepting (with a decision) or returning a task gives the learner one notification, not one per
    decision, and nobody else one."""
    submission = activities.submit(setting.learner, step("K-M1-TASK"), LONG)
    db.session.execute(db.delete(Notification))
    choices = {"TET-TT-2": "accepted:3"} if accept else {}
    review.review_task(setting.coach, submission.id, accept, choices, "" if accept else "Lisää esimerkki.")
    assert rows() == [(setting.learner.id, setting.learner.id, kind)]


def test_a_recognition_request_tells_coaches_then_the_learner(setting):
    """Sent: the coaches are told; decided with more needed: the learner is told it came back; decided:
    the learner is told it was decided, once each."""
    request = recognition.start(setting.learner, unit_code="TET-TT")
    recognition.save(setting.learner, request.id, "Olen tehnyt varastotöitä.")
    recognition.send(setting.learner, request.id)
    assert {r[2] for r in rows()} == {Kind.RECOGNITION_SENT} and len(rows()) == 2
    db.session.execute(db.delete(Notification))
    recognition.decide_request(setting.coach, request.id, {"TET-TT-1": "more_needed"}, "Lisää todistus.")
    assert rows() == [(setting.learner.id, setting.learner.id, Kind.RECOGNITION_RETURNED)]
    recognition.send(setting.learner, request.id)
    db.session.execute(db.delete(Notification))
    recognition.decide_request(setting.coach, request.id, {"TET-TT-1": "accepted:3", "TET-TT-2": "accepted:3"})
    assert rows() == [(setting.learner.id, setting.learner.id, Kind.RECOGNITION_DECIDED)]


def test_a_coachs_own_decision_tells_the_learner(setting):
    """A decision recorded at the workshop tells the learner, naming the objective."""
    decisions.decide(setting.coach, setting.learner.id, "TET-TT-1", Outcome.ACCEPTED, "3", method=Method.WORKSHOP)
    assert rows() == [(setting.learner.id, setting.learner.id, Kind.DECISION)]
    assert notifications.unseen(setting.learner)[0].details["objective"] == "TET-TT-1"


def test_a_certificate_tells_the_learner(setting, tmp_path):
    """Issuing a certificate tells its learner once."""
    accept(setting.coach, setting.learner)
    db.session.execute(db.delete(Notification))
    certificate = certificates.issue_certificate(setting.coach, setting.learner.id,
                                                 issuer(with_test_key(tmp_path / "keys")),
                                                 units=["TET-TT", "TET-PF"])
    assert rows() == [(setting.learner.id, setting.learner.id, Kind.CERTIFICATE)]
    assert notifications.unseen(setting.learner)[0].subject_id == certificate.id


def test_a_closed_learner_is_told_nothing(setting):
    """A closed account gets no notification."""
    setting.learner.active = False
    decisions.decide(setting.coach, setting.learner.id, "TET-TT-1", Outcome.ACCEPTED, "3", method=Method.WORKSHOP)
    assert rows() == []


def test_you_said_we_did_is_news_for_the_rounds_audience_without_rows(setting):
    """An action adds no rows, whatever the audience's size: the round's learners have news, others not."""
    found = feedback_factory.make_round(setting.admin, setting.course, groups=[setting.group])
    add_action(setting.admin, found.id, you_said="Liian pitkä", we_did="Lyhensimme")
    assert rows() == []
    assert db.session.scalar(db.select(news_query(setting.learner))) is True
    assert db.session.scalar(db.select(news_query(setting.stranger))) is False


def test_only_the_recipient_opens_a_notification(setting):
    """Opening marks it seen for its recipient; another user's is not found; a coach no longer
    coaching the learner does not see it."""
    activities.submit(setting.learner, step("K-M1-TASK"), LONG)
    notice = notifications.unseen(setting.coach)[0]
    with pytest.raises(NotFound):
        notifications.open_notice(setting.substitute, notice.id)
    setting.group.coaches.remove(setting.substitute)
    db.session.flush()
    assert notifications.unseen(setting.substitute) == []
    assert notifications.open_notice(setting.coach, notice.id).id == notice.id
    assert notifications.unseen(setting.coach) == []
    assert db.session.scalar(notifications.unseen_count_query(setting.coach)) == 0


def test_the_menus_count_is_looked_up_by_index(setting):
    """Counting a user's unseen notifications reads the recipient index, never the whole table."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans a table this small as a scan; SQLite shows the index the query can use")
    for user in (setting.learner, setting.coach):
        statement = notifications.unseen_count_query(user).compile(
            db.engine, compile_kwargs={"literal_binds": True})
        plan = " ".join(str(row[-1]) for row in db.session.execute(db.text(f"EXPLAIN QUERY PLAN {statement}")))
        assert "ix_notification_recipient_seen" in plan, plan
        assert "SCAN notification" not in plan, plan
