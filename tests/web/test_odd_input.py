"""Odd input answers 4xx, never 5xx: huge ids, non-ASCII digits, NUL bytes, a round sent twice."""

import pytest

from app.core.db import db
from courses.feedback.models import FeedbackParticipation
from tests.conftest import post_form, sign_in
from tests.course_factory import make_course
from tests.feedback_factory import make_round

HUGE = [str(2**31), str(2**63), "9" * 40]


@pytest.fixture
def course(app):
    return make_course()


@pytest.mark.parametrize("number", HUGE)
def test_ids_beyond_the_database_range_in_a_url_are_not_found(world, as_user, number):
    """An id beyond the database's integer range in a URL is a 404 for every role."""
    admin, coach, learner = as_user(world.admin), as_user(world.coach), as_user(world.learner)
    assert admin.get(f"/staff/users/{number}").status_code == 404
    assert admin.get(f"/staff/feedback/{number}/results").status_code == 404
    assert coach.get(f"/coach/learners/{number}/certificates").status_code == 404
    assert learner.get(f"/learn/feedback/{number}").status_code == 404


def test_the_largest_id_still_reaches_the_view(world, as_user):
    """The largest id the database can hold is looked up like any other (and not found)."""
    assert as_user(world.admin).get(f"/staff/users/{2**31 - 1}").status_code == 404


@pytest.mark.parametrize("digits", ["²", "١٢", "１"])
def test_non_ascii_digits_in_a_url_are_not_found(world, as_user, digits):
    """Superscript, Arabic-Indic and full-width digits are no id: 404."""
    assert as_user(world.admin).get(f"/staff/users/{digits}").status_code == 404


@pytest.mark.parametrize("value", [*HUGE, "²", "-1", "x"])
def test_odd_numbers_in_query_values_are_ignored(world, as_user, make_round_for, value):
    """`page`, `group` and `other` with huge or odd values show the page, or a 404; never an error."""
    admin, coach = as_user(world.admin), as_user(world.coach)
    assert admin.get(f"/staff/users?page={value}").status_code == 200
    assert coach.get(f"/coach/reviews?group={value}").status_code == 200
    found = make_round_for()
    assert admin.get(f"/staff/feedback/{found.id}/compare?other={value}").status_code in (302, 404)


@pytest.fixture
def make_round_for(world, course):
    return lambda **options: make_round(world.admin, course, **options)


@pytest.mark.parametrize("value", [*HUGE, "²"])
def test_odd_ids_in_form_choices_are_refused_beside_the_field(world, as_user, course, make_round_for, value):
    """`module_ids`, `group_ids` and `target` with a huge or odd id are refused as a choice: 400 or ignored."""
    admin = as_user(world.admin)
    created = post_form(admin, "/staff/feedback/new", {
        "title": "Kevät", "purpose": "Miksi", "course_id": course.id, "audience": "groups",
        "opens_on": "2026-01-01", "closes_on": "2026-01-31", "anonymous": "anonymous",
        "module_ids": [value], "group_ids": [value]})
    assert created.status_code == 400
    user = post_form(admin, "/staff/users/new", {"display_name": "Tiina", "username": "tiina", "role": "coach",
                                                 "title": "", "email": "", "group_ids": [value]})
    assert user.status_code == 400
    found = make_round_for()
    path = f"/staff/feedback/{found.id}/actions"
    action = post_form(admin, path, {"you_said": "Lisää kuvia", "we_did": "Lisäsimme", "target": f"m:{value}"})
    assert action.status_code < 500


def test_nul_bytes_are_refused_with_a_translated_page(world, as_user, client):
    """A NUL byte in the path, a query value or a form value gets a 400 page in the user's language."""
    admin = as_user(world.admin)
    for response in (client.get("/verify/AB%00CD"), admin.get("/staff/users?q=a%00b"),
                     post_form(admin, "/staff/users/new", {"display_name": "Ti\x00na", "username": "tiina",
                                                           "role": "coach", "title": "", "email": ""})):
        assert response.status_code == 400
        assert "Osoitteessa tai lomakkeessa oli merkki" in response.get_data(as_text=True)


def test_a_round_sent_from_a_second_browser_says_already_answered(world, app, course, make_round_for):
    """The same anonymous round sent from two browsers: the second is told it is already answered."""
    found = make_round_for()
    question = found.questions[0].id
    path = f"/learn/feedback/{found.id}/all"
    browsers = []
    for _ in range(2):
        browser = app.test_client()
        assert sign_in(browser, "learner").status_code == 302
        browsers.append(browser)
    first, second = browsers
    assert post_form(first, path, {f"q-{question}": "3", "action": "save"}).status_code == 302
    assert post_form(second, path, {f"q-{question}": "4", "action": "save"}).status_code == 302
    assert post_form(first, path, {f"q-{question}": "3", "action": "send"}).status_code == 302
    refused = post_form(second, path, {f"q-{question}": "4", "action": "send"})
    assert refused.status_code == 400
    assert "olet jo lähettänyt" in refused.get_data(as_text=True).lower()
    db.session.expire_all()
    assert FeedbackParticipation.query.count() == 1
