"""Notifications on My path, on the coach's home and in the menu; opening one marks it read."""

from sqlalchemy import select

from app.core.accounts.models import Role
from app.core.db import db
from app.core.notifications import Notification
from competence import decisions
from competence.models import Method, Outcome
from courses import activities, review
from courses.feedback.actions import add_action
from tests import feedback_factory
from tests.competence_factory import make_framework
from tests.conftest import post_form
from tests.course_factory import make_course, step

LONG = "Tämä vastaus on tarpeeksi pitkä."


def sent_and_accepted(world):
    """The learner sends the task; the coach accepts it with a decision."""
    make_framework()
    make_course()
    submission = activities.submit(world.learner, step("K-M1-TASK"), LONG)
    db.session.commit()
    review.review_task(world.coach, submission.id, True, {"TET-TT-2": "accepted:3"})
    db.session.commit()
    return submission


def ids_of(user):
    return list(db.session.scalars(select(Notification.id).where(Notification.recipient_id == user.id)))


def test_my_path_lists_the_new_ones_and_the_menu_counts_them(world, as_user):
    """The learner sees "Edellisen käyntisi jälkeen" with the accepted task and "1 new" in the menu."""
    sent_and_accepted(world)
    learner = as_user(world.learner)
    page = learner.get("/learn/").get_data(as_text=True)
    assert "Edellisen käyntisi jälkeen" in page
    assert "Valmentaja hyväksyi tehtäväsi: written_task TASK" in page
    assert 'class="count">1<span class="visually-hidden"> uutta</span>' in page
    other_page = learner.get("/learn/skills").get_data(as_text=True)
    assert 'class="count">1<span class="visually-hidden"> uutta</span>' in other_page


def test_opening_one_marks_it_read_and_goes_to_its_page(world, as_user):
    """Opening the notification leads to the task; after that it is neither listed nor counted."""
    sent_and_accepted(world)
    (notice_id,) = ids_of(world.learner)
    learner = as_user(world.learner)
    response = post_form(learner, f"/learn/notifications/{notice_id}", token_from="/learn/")
    assert response.status_code == 302 and response.location.endswith("/learn/steps/K-M1-TASK")
    page = learner.get("/learn/").get_data(as_text=True)
    assert "Edellisen käyntisi jälkeen" not in page and "visually-hidden\"> uutta" not in page


def test_another_users_notification_is_not_found(world, as_user):
    """A learner or another group's coach opening someone else's notification gets 404 and it stays
    unseen."""
    sent_and_accepted(world)
    (learner_notice,) = ids_of(world.learner)
    (coach_notice,) = ids_of(world.coach)
    other = as_user(world.learner2)
    assert post_form(other, f"/learn/notifications/{learner_notice}", token_from="/learn/").status_code == 404
    other_coach = as_user(world.other_coach)
    assert post_form(other_coach, f"/coach/notifications/{coach_notice}",
                     token_from="/coach/").status_code == 404
    assert post_form(as_user(world.learner), f"/coach/notifications/{coach_notice}",
                     token_from="/learn/").status_code == 403
    db.session.expire_all()
    assert db.session.get(Notification, learner_notice).seen_at is None


def test_the_coachs_home_shows_sent_work_and_marks_all_read(world, as_user):
    """The coach's home lists the learner's sent task with their name; "Mark all as read" empties it."""
    make_course()
    activities.submit(world.learner, step("K-M1-TASK"), LONG)
    db.session.commit()
    coach = as_user(world.coach)
    page = coach.get("/coach/").get_data(as_text=True)
    assert "Leena Oppija lähetti tehtävän: written_task TASK" in page
    assert 'class="count">1<span class="visually-hidden"> uutta</span>' in page
    assert "Edellisen käyntisi jälkeen" not in as_user(world.other_coach).get("/coach/").get_data(as_text=True)
    response = post_form(coach, "/coach/notifications/seen", token_from="/coach/", follow_redirects=True)
    assert "1 ilmoitus merkitty luetuksi." in response.get_data(as_text=True)
    assert "Edellisen käyntisi jälkeen" not in coach.get("/coach/").get_data(as_text=True)


def test_feedback_news_is_told_among_them_once(world, as_user):
    """A new "you said, we did" shows under "Edellisen käyntisi jälkeen" and counts in the menu until My
    path has told it."""
    course = make_course()
    found = feedback_factory.make_round(world.admin, course, groups=[world.group])
    add_action(world.admin, found.id, you_said="Liian pitkä", we_did="Lyhensimme")
    db.session.commit()
    learner = as_user(world.learner)
    assert 'class="count">1<span class="visually-hidden"> uutta</span>' in learner.get("/learn/skills").get_data(
        as_text=True)
    page = learner.get("/learn/").get_data(as_text=True)
    assert "Muutimme asioita palautteesi takia." in page
    assert "Uutta: muutimme" not in page
    assert "visually-hidden\"> uutta" not in learner.get("/learn/skills").get_data(as_text=True)


def test_the_menu_speaks_swedish(world, as_user, make_user):
    """The count's label and the texts are translated: "1 nya"."""
    make_framework()
    swede = make_user(Role.LEARNER, username="svensk", language="sv", groups=[world.group])
    decisions.decide(world.coach, swede.id, "TET-TT-1", Outcome.ACCEPTED, "3", method=Method.WORKSHOP)
    db.session.commit()
    client = as_user(swede)
    assert 'class="count">1<span class="visually-hidden"> nya</span>' in client.get("/learn/skills").get_data(
        as_text=True)
    assert "Din coach har registrerat ett beslut om dina färdigheter" in client.get("/learn/").get_data(as_text=True)


def test_every_kind_is_worded_and_leads_to_its_page(world, as_user):
    """Each kind shows in plain words on its user's page and opens the page it is about."""
    from app.core.notifications import Kind

    rows = {
        world.learner: [(Kind.TASK_ACCEPTED, None, {"step": "K-M1-TASK", "title": "T"}, "/learn/steps/K-M1-TASK"),
                        (Kind.TASK_RETURNED, None, {"step": "K-M1-TASK", "title": "T"}, "/learn/steps/K-M1-TASK"),
                        (Kind.RECOGNITION_DECIDED, 7, {"name": {"fi": "N"}}, "/learn/skills/recognition/7"),
                        (Kind.RECOGNITION_RETURNED, 7, {"name": {"fi": "N"}}, "/learn/skills/recognition/7"),
                        (Kind.DECISION, 1, {"name": {"fi": "N"}}, "/learn/skills"),
                        (Kind.CERTIFICATE, 1, {}, "/learn/certificates")],
        world.coach: [(Kind.TASK_SENT, 5, {"step": "K-M1-TASK", "title": "T"}, "/coach/reviews/5"),
                      (Kind.RECOGNITION_SENT, 6, {"name": {"fi": "N"}}, "/coach/recognition/6")],
    }
    for user, kinds in rows.items():
        for kind, subject_id, details, _ in kinds:
            db.session.add(Notification(recipient_id=user.id, learner_id=world.learner.id, kind=kind,
                                        subject_id=subject_id, details=details))
    db.session.commit()
    for user, home in ((world.learner, "/learn/"), (world.coach, "/coach/")):
        client = as_user(user)
        page = client.get(home).get_data(as_text=True)
        assert f'class="count">{len(rows[user])}<span' in page
        ids = sorted(db.session.scalars(select(Notification.id).where(Notification.recipient_id == user.id)))
        for notice_id, (*_, target) in zip(ids, rows[user], strict=True):
            response = post_form(client, f"/{home.strip('/')}/notifications/{notice_id}", token_from=home)
            assert response.status_code == 302 and response.location.endswith(target)
