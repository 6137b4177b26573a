"""Staff's feedback pages through real forms: draft, preview, open, results, CSV, themes, compare, actions."""

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import event

from app.core.accounts.models import Role
from app.core.db import db
from courses.feedback import rounds
from courses.feedback.models import FeedbackAction, FeedbackRound, RoundStatus
from tests.conftest import post_form
from tests.course_factory import make_course
from tests.feedback_factory import answer
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


def round_form(course, **changes):
    today = rounds.today()
    return {"title": "Kevät 2026", "purpose": "Miten moduuli toimi?", "course_id": course.id,
            "audience": "all", "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=14)).isoformat(), "anonymous": "anonymous", **changes}


def test_admin_drafts_previews_and_opens_a_round(world, as_user, course):
    """A round is drafted through the form, gets questions, is previewed as a learner sees it, opened."""
    admin = as_user(world.admin)
    created = post_form(admin, "/staff/feedback/new", round_form(course, module_ids=[course.modules[0].id]))
    assert created.status_code == 302
    found = FeedbackRound.query.one()
    page = f"/staff/feedback/{found.id}"
    post_form(admin, f"{page}/questions", {"kind": "scale", "text": "Miten moduuli toimi?", "required": "y"},
              token_from=page)
    refused = post_form(admin, f"{page}/questions", {"kind": "single", "text": "Vain yksi?", "choices": "Yksi"},
                        token_from=page)
    assert refused.status_code == 400 and "2" in refused.get_data(as_text=True)
    preview = admin.get(f"{page}/preview").get_data(as_text=True)
    assert "Miten moduuli toimi?" in preview and "disabled" in preview and 'class="face face-5"' in preview
    assert post_form(admin, f"{page}/open", token_from=page).status_code == 302
    db.session.refresh(found)
    assert found.status == RoundStatus.OPEN and [q.text for q in found.questions] == ["Miten moduuli toimi?"]


def test_questions_cannot_change_after_opening_through_the_pages(world, as_user, make_round):
    """After opening, adding or removing a question is refused with the reason, and nothing changes."""
    found = make_round()
    admin = as_user(world.admin)
    page = f"/staff/feedback/{found.id}"
    post_form(admin, f"{page}/questions", {"kind": "text", "text": "Vielä yksi?"}, token_from=page)
    post_form(admin, f"{page}/questions/{found.questions[0].id}/remove", token_from=page)
    assert admin.get(f"{page}/edit").status_code == 302
    db.session.expire_all()
    assert len(found.questions) == 4
    assert "no longer change" in admin.get(page).get_data(as_text=True)


@pytest.mark.parametrize("who", ["learner", "coach"])
def test_only_admins_reach_the_round_pages(world, as_user, make_round, who):
    """Learners and coaches get 403 on every staff feedback page."""
    found = make_round()
    client = as_user(getattr(world, who))
    for path in ("/staff/feedback", f"/staff/feedback/{found.id}", f"/staff/feedback/{found.id}/results",
                 f"/staff/feedback/{found.id}/answers.csv", f"/staff/feedback/{found.id}/actions"):
        assert client.get(path).status_code == 403, path


def test_results_show_a_chart_and_a_table_from_five_anonymous_answers(world, as_user, make_round, make_user):
    """Four anonymous answers show only their number; with five, SVG bars and the same numbers as a table."""
    found = make_round()
    learners = [make_user(Role.LEARNER) for _ in range(5)]
    for learner in learners[:4]:
        answer(learner, found)
    admin = as_user(world.admin)
    path = f"/staff/feedback/{found.id}/results"
    page = admin.get(path).get_data(as_text=True)
    assert "<svg class=\"bars\"" not in page and "five answers" in page
    answer(learners[4], found)
    page = admin.get(path).get_data(as_text=True)
    assert page.count('<svg class="bars"') == 3 and "<table class=\"table compact\">" in page
    assert "style=" not in page
    assert re.search(r"<th scope=\"row\">Good</th><td>5</td><td>100 %</td>", page)


def test_open_anonymous_counts_show_in_steps_of_five(world, as_user, make_round, make_user):
    """Seven answers to an open anonymous round show as five answered, said so on the round and results pages."""
    found = make_round()
    for learner in [make_user(Role.LEARNER) for _ in range(7)]:
        answer(learner, found)
    admin = as_user(world.admin)
    results = admin.get(f"/staff/feedback/{found.id}/results").get_data(as_text=True)
    assert '<span class="number">5</span> answered' in results and "steps of five" in results
    assert "<dd>5 <span class=\"hint\">(in steps of five while open)</span></dd>" in admin.get(
        f"/staff/feedback/{found.id}").get_data(as_text=True)
    rounds.close_round(world.admin, found.id)
    db.session.commit()
    closed = admin.get(f"/staff/feedback/{found.id}/results").get_data(as_text=True)
    assert '<span class="number">7</span> answered' in closed and "steps of five" not in closed


def test_csv_names_the_learner_in_a_named_round_and_defuses_formulas(world, as_user, make_round):
    """The CSV has a row per answer set, with names in a named round; a formula-like text stays text."""
    found = make_round(anonymous=False)
    answer(world.learner, found, {1: ["5"], 4: ["=HYPERLINK(\"x\")"]})
    response = as_user(world.admin).get(f"/staff/feedback/{found.id}/answers.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith('"Learner";"Groups";"1. How well did')
    assert lines[1].startswith('"Leena Oppija";"Ryhmä A";"5";') and "'=HYPERLINK" in lines[1]


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_csv_cells_stay_text_whatever_separator_opens_the_file(world, as_user, make_round, make_user, separator):
    """Every cell is quoted, and no cell starts like a formula even when read with another separator."""
    found = make_round(anonymous=False)
    texts = ["ok,=1+1", "+358 40", "@SUM(A1)", "\tx", "a; -2", "Hyvä, =HYPERLINK(\"x\")"]
    for text in texts:
        answer(make_user(Role.LEARNER), found, {1: ["5"], 4: [text]})
    data = as_user(world.admin).get(f"/staff/feedback/{found.id}/answers.csv").get_data(as_text=True)
    assert all(line.startswith('"') and line.endswith('"') for line in data.lstrip("\ufeff").splitlines())
    cells = [cell for row in csv.reader(io.StringIO(data.lstrip("\ufeff")), delimiter=separator) for cell in row]
    assert cells and not [cell for cell in cells if cell.lstrip(' "').startswith(("=", "+", "-", "@", "\t", "\r"))]
    if separator == ";":
        assert "ok,'=1+1" in cells and "'+358 40" in cells


def test_staff_tag_a_comment_with_a_theme(world, as_user, make_round):
    """A theme typed beside a comment is kept and listed with its count."""
    found = make_round(anonymous=False)
    answer(world.learner, found)
    admin = as_user(world.admin)
    path = f"/staff/feedback/{found.id}/results"
    answer_id = re.search(r'id="answer-([0-9a-f]{32})"', admin.get(path).get_data(as_text=True)).group(1)
    post_form(admin, f"/staff/feedback/{found.id}/answers/{answer_id}/themes", {"theme": "Ohjeet"}, token_from=path)
    assert "<strong>Ohjeet</strong>" in admin.get(path).get_data(as_text=True)


def test_compare_two_rounds_on_the_same_module(world, as_user, make_round):
    """The results page offers the other round on the same target, and the comparison shows both."""
    before = make_round(anonymous=False)
    answer(world.learner, before, {1: ["2"]})
    after = rounds.copy_round(world.admin, before.id)
    rounds.open_round(world.admin, after.id)
    db.session.commit()
    answer(world.learner, after, {1: ["5"]})
    admin = as_user(world.admin)
    assert f'value="{after.id}"' in admin.get(f"/staff/feedback/{before.id}/results").get_data(as_text=True)
    page = admin.get(f"/staff/feedback/{before.id}/compare?other={after.id}").get_data(as_text=True)
    assert "+100" in page and "2.0" in page and "5.0" in page


def test_publishing_an_action_tells_the_learners_once(world, as_user, make_round):
    """An action published on a round shows once as news on My path and stays on 'You said, we did'."""
    found = make_round(groups=[world.group])
    admin = as_user(world.admin)
    path = f"/staff/feedback/{found.id}/actions"
    step_choice = re.search(r'value="(s:\d+)"', admin.get(path).get_data(as_text=True)).group(1)
    published = post_form(admin, path, {"you_said": "Ohjeet olivat epäselviä", "we_did": "Kirjoitimme ne uudelleen",
                                        "target": step_choice})
    assert published.status_code == 302 and FeedbackAction.query.one().step is not None
    learner = as_user(world.learner)
    news = "We changed things because of your feedback."
    first, second = (learner.get("/learn/").get_data(as_text=True) for _ in range(2))
    assert news in first and news not in second
    page = learner.get("/learn/feedback/you-said-we-did").get_data(as_text=True)
    assert "Kirjoitimme ne uudelleen" in page and "/learn/steps/K-M1-" in page
    assert "Kirjoitimme" not in as_user(world.stranger).get("/learn/feedback/you-said-we-did").get_data(as_text=True)


def test_results_page_queries_do_not_grow_with_answers(world, as_user, make_round, make_user, make_group):
    """The results page costs the same number of queries with 5 answers or 25 in three groups."""
    found = make_round(anonymous=False)
    admin = as_user(world.admin)

    def count():
        statements = []
        listener = lambda *args: statements.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert admin.get(f"/staff/feedback/{found.id}/results").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    def add_learners(number):
        group = make_group(f"Ryhmä {number}")
        for _ in range(number):
            answer(make_user(Role.LEARNER, groups=[group]), found)

    add_learners(5)
    small = count()
    for number in (6, 7, 7):
        add_learners(number)
    assert count() == small
