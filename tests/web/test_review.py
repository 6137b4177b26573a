"""The coach's review pages."""

import io

from courses import activities
from courses.models import Submission, SubmissionStatus
from tests.conftest import post_form
from tests.course_factory import make_course, step
from tests.unit.progress.test_activities import PDF


def sent_task(world):
    make_course()
    return activities.submit(world.learner, step("K-M1-TASK"), "Tämä vastaus on tarpeeksi pitkä.")


def test_queue_lists_sent_work_and_counts_in_menu(world, as_user, app):
    """The coach's queue lists the learner's sent task, and the menu shows the count."""
    sent_task(world)
    from app.core.db import db

    db.session.commit()
    page = as_user(world.coach).get("/coach/reviews").get_data(as_text=True)
    assert "Leena Oppija" in page
    assert 'class="count">1' in page


def test_coach_returns_with_message_then_accepts(world, as_user, app):
    """Returning needs a message that the learner sees; accepting marks the task done."""
    submission = sent_task(world)
    from app.core.db import db

    db.session.commit()
    coach = as_user(world.coach)
    path = f"/coach/reviews/{submission.id}"
    no_message = post_form(coach, path, {"decision": "return", "message": ""})
    assert no_message.status_code == 400
    post_form(coach, path, {"decision": "return", "message": "Lisää yksi esimerkki."})
    learner = as_user(world.learner)
    page = learner.get("/learn/steps/K-M1-TASK").get_data(as_text=True)
    assert "Lisää yksi esimerkki." in page
    post_form(learner, "/learn/steps/K-M1-TASK/answer",
              {"text": "Tämä vastaus on tarpeeksi pitkä. Esimerkki.", "action": "submit"},
              token_from="/learn/steps/K-M1-TASK")
    post_form(coach, path, {"decision": "accept", "message": ""})
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).status == SubmissionStatus.ACCEPTED


def test_other_coach_gets_404_for_the_work_and_files(world, as_user, app, tmp_path):
    """Another coach cannot open the task or its files."""
    make_course()
    learner = as_user(world.learner)
    path = "/learn/steps/K-M1-FILE"
    post_form(learner, path + "/files", {"file": (io.BytesIO(PDF), "cv.pdf")}, token_from=path,
              content_type="multipart/form-data")
    post_form(learner, path + "/answer", {"text": "", "action": "submit"}, token_from=path)
    submission = Submission.query.one()
    other = as_user(world.other_coach)
    assert other.get(f"/coach/reviews/{submission.id}").status_code == 404
    assert other.get(f"/coach/files/{submission.files[0].id}").status_code == 404
    coach = as_user(world.coach)
    assert coach.get(f"/coach/files/{submission.files[0].id}").data == PDF


def test_returned_work_is_pointed_out_first(world, as_user, app):
    """A task the coach sent back is named first on My path and near the top of My skills, with a link to it."""
    submission = sent_task(world)
    from app.core.db import db

    db.session.commit()
    learner = as_user(world.learner)
    assert "Valmentaja pyysi lisää" not in learner.get("/learn/").get_data(as_text=True)
    post_form(as_user(world.coach), f"/coach/reviews/{submission.id}", {"decision": "return", "message": "Lisää."})
    link = 'Valmentaja pyysi lisää: <a href="/learn/steps/K-M1-TASK">'
    my_path = learner.get("/learn/").get_data(as_text=True)
    assert link in my_path
    assert my_path.index(link) < my_path.index('class="course-card"')
    skills = learner.get("/learn/skills").get_data(as_text=True)
    assert link in skills
    assert skills.index(link) < skills.index('id="requests-heading"')
    for lang, text in (("sv", "Din coach bad om mer:"), ("en", "Your coach asked for more:")):
        assert text in learner.get("/learn/", headers={"Accept-Language": lang}).get_data(as_text=True)
    post_form(learner, "/learn/steps/K-M1-TASK/answer",
              {"text": "Tämä vastaus on tarpeeksi pitkä. Lisäsin.", "action": "submit"},
              token_from="/learn/steps/K-M1-TASK")
    assert "Valmentaja pyysi lisää" not in learner.get("/learn/").get_data(as_text=True)
