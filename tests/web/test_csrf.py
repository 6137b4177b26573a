"""Every state change needs the form's CSRF token, and every form carries it."""

import re

import pytest

from tests.conftest import CSRF_PATTERN, csrf_token, sign_in


def post_routes(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            args = dict.fromkeys(rule.arguments, 1)
            yield rule.build(args, append_unknown=False)[1]


@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_post_without_token_is_refused_with_a_friendly_page(app, world, who):
    """A POST without a token gets 400 and a page that says what to do."""
    client = app.test_client()
    if who == "admin":
        assert sign_in(client, "admin").status_code == 302
    for path in post_routes(app):
        response = client.post(path, data={"username": "admin", "password": "x"})
        assert response.status_code == 400, path
        text = response.get_data(as_text=True)
        assert "vanhentunut" in text or "expired" in text


def test_each_page_carries_a_token_of_its_session(app, world):
    """A form posted with its page's token is accepted; another session's token is refused."""
    first, second = app.test_client(), app.test_client()
    assert sign_in(first, "learner").status_code == 302
    assert sign_in(second, "learner2").status_code == 302
    response = first.post("/language", data={"csrf_token": csrf_token(first, "/learn/"), "lang": "en",
                                              "next": "/learn/"})
    assert response.status_code == 302
    response = first.post("/language", data={"csrf_token": csrf_token(second, "/learn/"), "lang": "fi"})
    assert response.status_code == 400


def test_every_signed_in_page_carries_a_token(app, world, as_user):
    """A signed-in page's language and sign-out forms each carry the CSRF token."""
    html = as_user(world.learner).get("/learn/").get_data(as_text=True)
    assert len(CSRF_PATTERN.findall(html)) >= 2  # the language form and signing out


def test_every_form_of_a_lesson_carries_the_token_without_repeating_an_id(world, as_user):
    """Every form of a lesson page has exactly one CSRF field, and no id repeats on the page."""
    from tests.course_factory import make_course

    make_course()
    html = as_user(world.learner).get("/learn/steps/K-M1-L1").get_data(as_text=True)
    forms = re.findall(r"<form\b.*?</form>", html, re.S)
    # language and signing out (in the wide header and in the phone menu), the plain-language switch
    # and "I have read this"
    assert len(forms) == 6
    assert all(len(CSRF_PATTERN.findall(form)) == 1 for form in forms)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(ids)
