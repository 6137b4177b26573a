"""Administration → Content: editing a step as a draft, previewing, conflicts, publishing, history."""

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.accounts.models import Role
from app.core.db import db
from courses.content_import import import_content
from courses.models import Step
from tests.conftest import post_form
from tests.web.authoring_helpers import read_form

COURSE = "TET"


@pytest.fixture
def content(app):
    import_content(Path(app.config["CONTENT_DIR"]))
    db.session.commit()


@pytest.fixture
def editor(make_user, content):
    return make_user(Role.COACH, username="editor", name="Elina Sisältö", content_editor=True)


def _step(code) -> Step:
    return db.session.scalar(select(Step).where(Step.code == code))


def _course_code() -> str:
    return _step("TET-M4-L1").module.course.code


def _edit_url(code, variant=None):
    step = _step(code)
    url = f"/authoring/{step.module.course.code}/steps/{step.id}"
    return url + (f"?variant={variant}" if variant else "")


def _open(client, code, variant=None) -> tuple[str, dict]:
    url = _edit_url(code, variant)
    page = client.get(url)
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    return url, read_form(page.get_data(as_text=True), url.split("?")[0])


def test_editor_lists_courses_and_steps(as_user, editor):
    """A content editor sees the published courses and each step of a course."""
    client = as_user(editor)
    assert "Työelämätaidot" in client.get("/authoring/").get_data(as_text=True) or \
        client.get("/authoring/").status_code == 200
    page = client.get(f"/authoring/{_course_code()}").get_data(as_text=True)
    assert _step("TET-M4-L1").title in page and _edit_url("TET-M4-L1") in page


def test_preview_renders_as_learners_see_it_and_saves_nothing(as_user, editor):
    """Preview shows the sanitised HTML of the typed Markdown; nothing is saved."""
    client = as_user(editor)
    url, form = _open(client, "TET-M4-L1")
    form.update(body="Uusi **teksti** <script>alert(1)</script>", action="preview")
    page = client.post(url, data=form).get_data(as_text=True)
    assert "<strong>teksti</strong>" in page and "<script>alert" not in page
    assert client.get(f"/authoring/{_course_code()}").get_data(as_text=True).count("draft-mark") == 0


def test_save_makes_a_draft_that_learners_do_not_see_until_published(as_user, editor, world):
    """Saving writes a draft; the learner's page changes only after publishing."""
    client = as_user(editor)
    url, form = _open(client, "TET-M4-L1")
    form.update(title="Mitä minä osaan nyt?", body=form["body"] + "\nLisätty kappale.\n", action="save")
    response = client.post(url, data=form)
    assert response.status_code == 302
    assert _step("TET-M4-L1").title == "Mitä minä osaan?"
    course_page = f"/authoring/{_course_code()}"
    assert "draft-mark" in client.get(course_page).get_data(as_text=True)
    published = post_form(client, f"{course_page}/publish", token_from=course_page)
    assert published.status_code == 302
    db.session.expire_all()
    assert _step("TET-M4-L1").title == "Mitä minä osaan nyt?"
    assert "Lisätty kappale." in _step("TET-M4-L1").body_html


def test_second_save_from_the_same_start_is_a_conflict_with_both_texts(as_user, editor, world):
    """Two editors open the step; the second save shows both texts and overwrites nothing."""
    first, second = as_user(editor), as_user(world.admin)
    url, form1 = _open(first, "TET-M4-L1")
    _url, form2 = _open(second, "TET-M4-L1")
    assert first.post(url, data={**form1, "body": "Ensimmäisen teksti.", "action": "save"}).status_code == 302
    conflict = second.post(url, data={**form2, "body": "Toisen teksti.", "action": "save"})
    page = conflict.get_data(as_text=True)
    assert conflict.status_code == 409
    assert "Ensimmäisen teksti." in page and "Toisen teksti." in page
    again = read_form(page, url)
    assert second.post(url, data={**again, "action": "save"}).status_code == 302
    assert "Toisen teksti." in first.get(url).get_data(as_text=True)


def test_quiz_questions_are_edited_with_fields(as_user, editor):
    """A quiz's questions, choices, right answers and explanations are form fields written back as YAML;
    a question added to a quiz whose language versions lack it is refused at publishing, by file."""
    client = as_user(editor)
    url, form = _open(client, "TET-M4-QUIZ")
    assert form["questions-0-qid"] == "q1" and form["questions-0-choices-0-correct"] == "y"
    form.update({"questions-0-text": "Mistä löydät osaamista?", "action": "save"})
    assert client.post(url, data=form).status_code == 302
    course_page = f"/authoring/{_course_code()}"
    published = post_form(client, f"{course_page}/publish", token_from=course_page)
    problems = re.findall(r"<ul class=\"problems\">.*?</ul>", published.get_data(as_text=True), re.S)
    assert published.status_code == 302, problems
    db.session.expire_all()
    assert _step("TET-M4-QUIZ").settings["questions"][0]["text"] == "Mistä löydät osaamista?"

    url, form = _open(client, "TET-M4-QUIZ")
    new = [k for k in form if k.endswith("-qid") and form[k] == ""][0].removesuffix("-qid")
    form.update({f"{new}-text": "Uusi kysymys?", f"{new}-answer_type": "single",
                 f"{new}-choices-0-text": "Kyllä", f"{new}-choices-0-correct": "y",
                 f"{new}-choices-0-explanation": "Oikein.",
                 f"{new}-choices-1-text": "Ei", f"{new}-choices-1-explanation": "Ei aivan.", "action": "save"})
    assert client.post(url, data=form).status_code == 302
    refused = post_form(client, f"{course_page}/publish", token_from=course_page)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "09-visa.sv.md" in page and "question ids differ" in page
    db.session.expire_all()
    assert len(_step("TET-M4-QUIZ").settings["questions"]) == 6  # nothing published


def test_publish_with_problems_lists_them_and_publishes_nothing(as_user, editor):
    """A draft that breaks the content check is listed by file and line; learners keep the old step."""
    client = as_user(editor)
    url, form = _open(client, "TET-M4-L1")
    form.update(body="![kuva](puuttuu.png)\n", action="save")
    client.post(url, data=form)
    course_page = f"/authoring/{_course_code()}"
    response = post_form(client, f"{course_page}/publish", token_from=course_page)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "01-osaaminen.md:" in page and "broken image puuttuu.png" in page
    assert "puuttuu" not in _step("TET-M4-L1").body_html


def test_history_diff_and_restore(as_user, editor):
    """Each publish is a version; two versions can be compared; an old one comes back as a draft."""
    client = as_user(editor)
    url, form = _open(client, "TET-M4-L1")
    client.post(url, data={**form, "title": "Uusi otsikko", "action": "save"})
    course_page = f"/authoring/{_course_code()}"
    post_form(client, f"{course_page}/publish", token_from=course_page)
    history = client.get(f"{course_page}/history").get_data(as_text=True)
    assert "Elina Sisältö" in history
    diff = client.get(f"{course_page}/diff?old=1&new=2").get_data(as_text=True)
    assert "+title: Uusi otsikko" in diff and "-title: Mitä minä osaan?" in diff
    restore = [line for line in history.split('"') if line.endswith("/restore")][0]
    assert post_form(client, restore, token_from=f"{course_page}/history").status_code == 302
    assert "Mitä minä osaan?" in client.get(url).get_data(as_text=True)


def test_picture_upload_publishes_with_the_course_and_is_served_to_learners(as_user, editor, world):
    """An uploaded picture needs alt text, is a draft until published, then is served from the published source."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1600, 800), (0, 90, 160)).save(out, "PNG")
    client = as_user(editor)
    url, form = _open(client, "TET-M4-L1")
    pictures = url + "/pictures"
    refused = post_form(client, pictures, {"alt": "", "picture": (io.BytesIO(out.getvalue()), "kartta.png")},
                        token_from=url, content_type="multipart/form-data")
    assert refused.status_code == 302 and "kartta.png" not in client.get(url).get_data(as_text=True)
    svg = post_form(client, pictures, {"alt": "Kuva", "picture": (io.BytesIO(b"<svg/>"), "kuva.png")},
                    token_from=url, content_type="multipart/form-data")
    assert "PNG, JPEG" in client.get(svg.headers["Location"]).get_data(as_text=True)
    added = post_form(client, pictures, {"alt": "Kartta", "picture": (io.BytesIO(out.getvalue()), "kartta.png")},
                      token_from=url, content_type="multipart/form-data")
    assert "![Kartta](kartta.png)" in client.get(added.headers["Location"]).get_data(as_text=True)
    folder = _step("TET-M4-L1").source_path.rsplit("/", 1)[0].removeprefix("courses/")
    learner = as_user(world.learner)
    assert learner.get(f"/content-media/{folder}/kartta.png").status_code == 404
    _url, form = _open(client, "TET-M4-L1")
    client.post(url, data={**form, "body": form["body"] + "\n![Kartta](kartta.png)\n", "action": "save"})
    course_page = f"/authoring/{_course_code()}"
    assert post_form(client, f"{course_page}/publish", token_from=course_page).status_code == 302
    served = learner.get(f"/content-media/{folder}/kartta.png")
    assert served.status_code == 200 and Image.open(io.BytesIO(served.data)).width == 960


def test_language_variants_are_tabs_and_a_quiz_variant_edits_only_words(as_user, editor):
    """The en quiz keeps the main file's ids and right answers; a missing sv variant is created by saving."""
    client = as_user(editor)
    url, form = _open(client, "TET-M6-QUIZ", "en")
    assert "questions-0-choices-0-correct" not in form
    form.update({"questions-0-text": "Which password is best?", "action": "save"})
    assert client.post(f"{url}", data=form).status_code == 302
    new_url = f"/authoring/{_course_code()}/introduction?variant=selko"
    intro = client.get(new_url).get_data(as_text=True)
    assert "Tätä kieliversiota ei ole vielä" in intro
    new_form = read_form(intro, new_url.split("?")[0])
    new_form.update(title="Työelämätaidot selkokielellä", body="Tervetuloa kurssille.\n", action="save")
    assert client.post(new_url, data=new_form).status_code == 302
    course_page = f"/authoring/{_course_code()}"
    response = post_form(client, f"{course_page}/publish", token_from=course_page)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    db.session.expire_all()
    quiz = _step("TET-M6-QUIZ")
    english = quiz.variants["en"]["settings"]["questions"][0]
    assert english["text"] == "Which password is best?" and english["choices"][0]["correct"] is True
    assert _step("TET-M4-L1").module.course.variants["selko"]["title"] == "Työelämätaidot selkokielellä"


def test_discarding_drops_the_drafts_and_is_audited(as_user, editor):
    """Discard removes every draft of the course; the editor starts again from the published text."""
    from app.core.audit import AuditEvent

    client = as_user(editor)
    url, form = _open(client, "TET-M4-L1")
    client.post(url, data={**form, "title": "Hylättävä", "action": "save"})
    course_page = f"/authoring/{_course_code()}"
    assert post_form(client, f"{course_page}/discard", token_from=course_page).status_code == 302
    assert "Hylättävä" not in client.get(url).get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())) == "content.drafts_discarded"


def test_module_and_course_introductions_are_edited_and_published(as_user, editor):
    """A module's title and minutes and the course's summary and introduction are edited like a step."""
    from courses.models import Course, Module

    client = as_user(editor)
    course_page = f"/authoring/{_course_code()}"
    module = _step("TET-M4-L1").module
    module_url = f"{course_page}/modules/{module.id}"
    page = client.get(module_url).get_data(as_text=True)
    form = read_form(page, module_url)
    assert "objectives" not in form and "questions-0-text" not in form
    client.post(module_url, data={**form, "title": "Osaaminen ja CV, uusi", "minutes": "90", "action": "save"})
    intro_url = f"{course_page}/introduction"
    form = read_form(client.get(intro_url).get_data(as_text=True), intro_url)
    client.post(intro_url, data={**form, "summary": "Uusi  yhteenveto.", "body": "Tervetuloa **kurssille**.",
                                 "action": "save"})
    assert post_form(client, f"{course_page}/publish", token_from=course_page).status_code == 302
    db.session.expire_all()
    module = db.session.get(Module, module.id)
    course = db.session.scalar(select(Course).where(Course.code == _course_code()))
    assert module.title == "Osaaminen ja CV, uusi" and module.minutes == 90 and module.objectives
    assert course.summary == "Uusi yhteenveto." and "<strong>kurssille</strong>" in course.intro_html
