"""A learner's first sign-in asks their language once, by the languages' own names, without JavaScript."""

import pytest

from app.core.accounts import service as accounts
from app.core.accounts.models import Role
from app.core.db import db
from tests.conftest import PASSWORD, post_form, sign_in


@pytest.fixture
def newcomer(make_user):
    return make_user(Role.LEARNER, username="uusi", language_chosen_at=None)


def test_first_sign_in_asks_the_language_before_anything_else(app, newcomer):
    """Signing in for the first time leads to the language page, offered as Suomi, Svenska, English."""
    client = app.test_client()
    response = sign_in(client, "uusi")
    assert response.status_code == 302 and "/learn/language" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    for code, name in (("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")):
        assert f'value="{code}" lang="{code}" class="button big">{name}</button>' in page
    assert "flag" not in page.lower()


def test_the_choice_is_saved_and_never_asked_again(app, newcomer):
    """Choosing English saves it on the user, goes on to My path in English, and the next sign-in skips it."""
    client = app.test_client()
    sign_in(client, "uusi")
    chosen = post_form(client, "/learn/language", {"lang": "en"})
    assert chosen.status_code == 302 and chosen.headers["Location"].endswith("/learn/")
    db.session.refresh(newcomer)
    assert newcomer.language == "en" and newcomer.language_chosen_at is not None
    assert "My path" in client.get("/learn/").get_data(as_text=True)
    again = app.test_client()
    response = sign_in(again, "uusi")
    assert "/learn/language" not in response.headers["Location"]
    assert again.get("/learn/language").status_code == 302


def test_the_page_asked_for_comes_after_the_language(app, newcomer):
    """A sign-in that was on its way to a page continues there once the language is chosen."""
    client = app.test_client()
    response = post_form(client, "/sign-in?next=/learn/skills", {"username": "uusi", "password": PASSWORD},
                         token_from="/sign-in")
    assert "/learn/language?next=/learn/skills" in response.headers["Location"].replace("%2F", "/")
    chosen = post_form(client, "/learn/language?next=/learn/skills", {"lang": "sv", "next": "/learn/skills"})
    assert chosen.headers["Location"].endswith("/learn/skills")


def test_an_unknown_language_is_refused_plainly(app, newcomer):
    """A made-up language code gets a clear message and nothing is saved."""
    client = app.test_client()
    sign_in(client, "uusi")
    response = post_form(client, "/learn/language", {"lang": "xx"})
    assert response.status_code == 400 and 'role="alert"' in response.get_data(as_text=True)
    db.session.refresh(newcomer)
    assert newcomer.language_chosen_at is None


def test_coaches_are_not_asked_and_cannot_open_the_page(app, make_user):
    """Only learners are asked; a coach goes home and gets 403 on the learner's page."""
    make_user(Role.COACH, username="uusicoach", language_chosen_at=None)
    client = app.test_client()
    response = sign_in(client, "uusicoach")
    assert "/learn/language" not in response.headers["Location"]
    assert client.get("/learn/language").status_code == 403


def test_a_sign_in_card_asks_the_language_after_the_new_password(app, make_user, world):
    """With a one-time code the learner first chooses a password, then the language, then goes on."""
    learner = make_user(Role.LEARNER, username="kortti", language_chosen_at=None, groups=[world.group])
    _, code, _ = accounts.issue_sign_in_code(world.coach, learner.id)
    db.session.commit()
    client = app.test_client()
    started = post_form(client, "/sign-in/code", {"username": "kortti", "code": code})
    assert started.headers["Location"].endswith("/set-password")
    saved = post_form(client, "/set-password",
                      {"new_password": "sininen-kahvi-pyörä", "confirm": "sininen-kahvi-pyörä"})
    assert saved.status_code == 302 and "/learn/language" in saved.headers["Location"]
