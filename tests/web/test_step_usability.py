"""Steps say plainly what is wanted: quiz feedback and pass rule, one-step file tasks, one onward button,
drawn status icons and the written answer's length counter.
"""

import io
import re
from pathlib import Path

from courses.models import Submission, SubmissionStatus
from tests.conftest import post_form
from tests.course_factory import make_course
from tests.unit.progress.test_activities import PDF

QUIZ = "/learn/steps/K-M1-QUIZ"
FILE = "/learn/steps/K-M1-FILE"
EMOJI = re.compile("[⏳✓✕◐○↩★✗]")


def test_quiz_says_the_pass_rule_before_answering(world, as_user):
    """Before answering, the quiz says that every question must be right to pass."""
    make_course()
    page = as_user(world.learner).get(QUIZ).get_data(as_text=True)
    assert "Pääset läpi, kun vastaat kaikkiin 2 kysymykseen oikein." in page


def test_multi_select_feedback_counts_the_missing_right_answers(world, as_user):
    """A multi-select answer with a right option missing says how many are missing, without naming them."""
    make_course()
    client = as_user(world.learner)
    post_form(client, QUIZ + "/quiz", {"q-q1": "0", "q-q2": "0"}, token_from=QUIZ)
    page = client.get(QUIZ).get_data(as_text=True)
    assert "Yksi oikea vastaus puuttuu. Valitse myös se." in page
    assert "Työaika" not in page  # the missing right option is not given away
    assert "Pääset läpi, kun vastaat kaikkiin 2 kysymykseen oikein." in page
    post_form(client, QUIZ + "/quiz", {"q-q1": "0", "q-q2": ["0", "2"]}, token_from=QUIZ)
    page = client.get(QUIZ).get_data(as_text=True)
    assert "Yksi valinnoistasi ei ole oikein." in page and "Yksi oikea vastaus puuttuu" in page


def test_trying_again_starts_from_the_last_choices(world, as_user):
    """'Try again' shows the form with the learner's last answers already chosen."""
    make_course()
    client = as_user(world.learner)
    post_form(client, QUIZ + "/quiz", {"q-q1": "1", "q-q2": ["0", "2"]}, token_from=QUIZ)
    page = client.get(QUIZ + "?again=1").get_data(as_text=True)
    checked = set(re.findall(r'id="(q-q\d-\d)"\s+checked', page))
    assert checked == {"q-q1-1", "q-q2-0", "q-q2-2"}


def test_a_chosen_file_is_sent_with_one_press(world, as_user, app):
    """Choosing a file and pressing 'Send to coach' stores the file and sends the task at once."""
    make_course()
    client = as_user(world.learner)
    form = client.get(FILE).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form and f'action="{FILE}/answer"' in form
    sent = post_form(client, FILE + "/answer", {"file": (io.BytesIO(PDF), "cv.pdf"), "text": "Tässä CV.",
                                                "action": "submit"},
                     token_from=FILE, content_type="multipart/form-data")
    assert sent.status_code == 302
    submission = Submission.query.one()
    assert submission.status == SubmissionStatus.SUBMITTED and submission.text == "Tässä CV."
    assert [f.original_name for f in submission.files] == ["cv.pdf"]


def test_sending_without_a_file_says_choose_one(world, as_user):
    """Sending a file task with no file chosen says to choose one and keeps the message typed."""
    make_course()
    client = as_user(world.learner)
    refused = post_form(client, FILE + "/answer", {"text": "Viesti", "action": "submit"}, token_from=FILE)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Valitse tiedosto ennen kuin lähetät." in page and "Viesti" in page


def test_a_refused_send_keeps_no_stored_file(world, as_user, app):
    """A send refused after the file was stored removes it again: no record and no file on disk."""
    make_course()
    client = as_user(world.learner)
    storage = Path(app.config["STORAGE_DIR"])
    before = {p for p in storage.rglob("*") if p.is_file()} if storage.exists() else set()
    refused = post_form(client, FILE + "/answer", {"file": (io.BytesIO(PDF), "cv.pdf"), "text": "x" * 20_001,
                                                   "action": "submit"},
                        token_from=FILE, content_type="multipart/form-data")
    assert refused.status_code == 400
    assert Submission.query.count() == 0
    assert {p for p in storage.rglob("*") if p.is_file()} == before


def test_save_without_sending_keeps_the_file(world, as_user):
    """'Save without sending' stores the chosen file in a draft that is not sent."""
    make_course()
    client = as_user(world.learner)
    saved = post_form(client, FILE + "/answer", {"file": (io.BytesIO(PDF), "cv.pdf"), "action": "save"},
                      token_from=FILE, content_type="multipart/form-data")
    assert saved.status_code == 302
    submission = Submission.query.one()
    assert submission.status == SubmissionStatus.DRAFT and len(submission.files) == 1


def test_a_lesson_ends_with_one_button(world, as_user):
    """A lesson has one onward button; the way back is a plain link and there is no 'Next' button."""
    make_course()
    page = as_user(world.learner).get("/learn/steps/K-M1-L2").get_data(as_text=True)
    assert page.count('class="button') == 1 + page.count('class="button secondary small')
    assert "Olen lukenut tämän – jatka" in page
    assert 'rel="next"' not in page
    assert re.search(r'<a class="step-back" href="/learn/steps/K-M1-L1" rel="prev">', page)


def test_status_marks_are_drawn_not_emoji(world, as_user):
    """Step states and quiz marks are inline SVG hidden from screen readers, beside their text."""
    make_course()
    client = as_user(world.learner)
    post_form(client, QUIZ + "/quiz", {"q-q1": "0", "q-q2": "0"}, token_from=QUIZ)
    for path in ("/learn/", "/learn/modules/K-M1", QUIZ, "/learn/skills"):
        page = client.get(path).get_data(as_text=True)
        main = page[page.index("<main"):page.index("</main>")]
        assert not EMOJI.search(main), path
    module = client.get("/learn/modules/K-M1").get_data(as_text=True)
    assert re.search(r'<svg class="icon icon-\w+" [^>]*aria-hidden="true" focusable="false"', module)
    assert "style=" not in module


def test_written_answer_counts_its_characters(world, as_user):
    """The written task says the minimum length and how many characters the answer has, also without JS."""
    make_course()
    client = as_user(world.learner)
    path = "/learn/steps/K-M1-TASK"
    page = client.get(path).get_data(as_text=True)
    assert re.search(r'Vähintään 20 merkkiä\. Olet kirjoittanut <span id="answer-count" class="char-count">0</span>\.',
                     page)
    assert 'data-char-count="answer-count"' in page and "/static/js/char-count.js" in page
    short = post_form(client, path + "/answer", {"text": "  Lyhyt  ", "action": "submit"}, token_from=path)
    assert '<span id="answer-count" class="char-count">5</span>' in short.get_data(as_text=True)
