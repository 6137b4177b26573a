"""The learner's feedback pages through real forms, without JavaScript."""

import re

import pytest
from sqlalchemy import event

from app.core.db import db
from courses.feedback import rounds
from courses.feedback.models import FeedbackParticipation, FeedbackPending
from tests.conftest import post_form, sign_in
from tests.course_factory import make_course
from tests.feedback_factory import QUESTIONS, answer
from tests.feedback_factory import make_round as build_round


@pytest.fixture(autouse=True)
def english(world):
    """These pages' words are checked in English: the people of `world` use Verstas in English."""
    for person in (world.learner, world.learner2, world.stranger, world.coach, world.admin):
        person.language = "en"
    db.session.commit()


@pytest.fixture
def course(app):
    return make_course()


@pytest.fixture
def make_round(world, course):
    return lambda **options: build_round(world.admin, course, **options)


def test_an_open_round_shows_on_my_path_and_at_the_end_of_its_module(world, as_user, make_round, course):
    """The invitation says how long answering takes, on My path and on the target module's page."""
    found = make_round(modules=[course.modules[0]])
    client = as_user(world.learner)
    for path in ("/learn/", "/learn/modules/K-M1"):
        page = client.get(path).get_data(as_text=True)
        assert f'href="/learn/feedback/{found.id}"' in page and "3 min" in page, path
    answer(world.learner, found)
    assert f'href="/learn/feedback/{found.id}"' not in client.get("/learn/").get_data(as_text=True)


def test_one_question_per_screen_then_check_and_send(world, as_user, make_round):
    """Each screen saves its answer and goes on; the check page lists them and sends."""
    found = make_round(anonymous=False)
    client = as_user(world.learner)
    start = client.get(f"/learn/feedback/{found.id}").get_data(as_text=True)
    first = re.search(r'href="(/learn/feedback/\d+/questions/\d+)" id="one-by-one"', start).group(1)
    values = {1: "4", 2: "1", 3: "2", 4: "Enemmän kuvia"}
    path = first
    for question in found.questions:
        assert client.get(path).status_code == 200
        moved = post_form(client, path, {f"q-{question.id}": values[question.position], "action": "next",
                                         f"shown-{question.id}": "1"})
        assert moved.status_code == 302
        path = moved.headers["Location"]
    assert path.endswith("/check")
    check = client.get(path).get_data(as_text=True)
    assert "Good" in check and "Enemmän kuvia" in check
    assert post_form(client, path).status_code == 302
    assert rounds.has_answered(world.learner, found)


def test_all_on_one_page_keeps_what_was_written_when_a_required_answer_is_missing(world, as_user, make_round):
    """Sending without the required face is refused with a reason; the text stays; then it is sent."""
    found = make_round()
    client = as_user(world.learner)
    path = f"/learn/feedback/{found.id}/all"
    q = {question.position: question.id for question in found.questions}
    missing = post_form(client, path, {f"q-{q[4]}": "Kommentti jää", "action": "send"})
    assert missing.status_code == 400
    page = missing.get_data(as_text=True)
    assert "Kommentti jää" in page and 'role="alert"' in page
    sent = post_form(client, path, {f"q-{q[1]}": "5", f"q-{q[4]}": "Kommentti jää", "action": "send"})
    assert sent.status_code == 302 and FeedbackParticipation.query.count() == 1


def test_an_anonymous_round_can_be_finished_later_in_the_same_session_only(world, app, as_user, make_round):
    """The key lives in the signed session: the learner continues a draft; once sent or signed out, never."""
    found = make_round()
    client = as_user(world.learner)
    q = {question.position: question.id for question in found.questions}
    path = f"/learn/feedback/{found.id}/all"
    post_form(client, path, {f"q-{q[1]}": "2", "action": "save"})
    assert 'value="2"\n' in client.get(path).get_data(as_text=True) or re.search(
        r'value="2"\s+id="q-\d+-2" checked', client.get(path).get_data(as_text=True))
    post_form(client, path, {f"q-{q[1]}": "3", "action": "send"})
    sent = client.get(f"/learn/feedback/{found.id}").get_data(as_text=True)
    assert "cannot be changed after sending" in sent and "Change my answers" not in sent
    changed = post_form(client, path, {f"q-{q[1]}": "4", "action": "save"}, token_from=f"/learn/feedback/{found.id}")
    assert changed.status_code == 400
    post_form(client, "/sign-out", token_from="/learn/")
    sign_in(client, "learner")
    start = client.get(f"/learn/feedback/{found.id}").get_data(as_text=True)
    assert "cannot be changed after sending" in start and "Change my answers" not in start
    again = post_form(client, path, {f"q-{q[1]}": "1", "action": "send"}, token_from=f"/learn/feedback/{found.id}")
    assert again.status_code == 400 and FeedbackPending.query.count() == 1


def test_the_page_says_in_plain_words_what_anonymity_means(world, as_user, make_round):
    """The start page of an anonymous round explains who sees what and what cannot be done."""
    page = as_user(world.learner).get(f"/learn/feedback/{make_round().id}").get_data(as_text=True)
    assert "Nobody can see which answers are yours" in page and "until you sign out" in page


def test_a_learner_outside_the_audience_gets_404(world, as_user, make_round):
    """A round for Ryhmä A, and any draft, is 'not found' for others."""
    found = make_round(groups=[world.group])
    draft = make_round(opened=False)
    stranger = as_user(world.stranger)
    for path in (f"/learn/feedback/{found.id}", f"/learn/feedback/{found.id}/all",
                 f"/learn/feedback/{found.id}/questions/{found.questions[0].id}"):
        assert stranger.get(path).status_code == 404, path
    assert as_user(world.learner).get(f"/learn/feedback/{draft.id}").status_code == 404


def test_a_closed_round_takes_no_answers(world, as_user, make_round):
    """After closing, the page says so and a posted answer is refused."""
    found = make_round()
    rounds.close_round(world.admin, found.id)
    db.session.commit()
    client = as_user(world.learner)
    assert "has ended" in client.get(f"/learn/feedback/{found.id}").get_data(as_text=True)
    refused = post_form(client, f"/learn/feedback/{found.id}/all",
                        {f"q-{found.questions[0].id}": "3", "action": "send"}, token_from=f"/learn/feedback/{found.id}")
    assert refused.status_code == 400


def test_answer_pages_cost_a_fixed_number_of_queries(world, as_user, make_round):
    """The one-page form costs the same with four questions or twelve."""
    client = as_user(world.learner)

    def count(found):
        statements = []
        listener = lambda *args: statements.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get(f"/learn/feedback/{found.id}/all").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    assert count(make_round()) == count(make_round(questions=QUESTIONS * 3))
