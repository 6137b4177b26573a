"""Signing in with a password or a one-time code, choosing a password, signing out, rate limits."""

import re
import time

from app.core.accounts import service as accounts
from app.core.db import db
from tests.conftest import PASSWORD, post_form, sign_in


def test_sign_in_leads_each_role_to_its_start_page(client, world):
    """After signing in, a learner lands on My path, a coach on groups, an admin on administration."""
    for user, start in [(world.learner, "/learn/"), (world.coach, "/coach/"), (world.admin, "/staff/")]:
        c = client.application.test_client()
        response = sign_in(c, user.username)
        assert response.status_code == 302 and response.headers["Location"] == start


def test_wrong_password_gets_a_clear_message_and_no_session(client, world):
    """A wrong password says what to check, and nothing opens."""
    response = sign_in(client, "learner", "wrong-password")
    assert response.status_code == 400
    assert "username or password is not right" in response.get_data(as_text=True) or \
        "Käyttäjätunnus tai salasana" in response.get_data(as_text=True)
    assert client.get("/learn/").status_code == 302


def test_usernames_are_case_insensitive(client, world):
    """'Learner' and 'learner ' are the same account."""
    assert sign_in(client, " Learner ").status_code == 302


def test_next_parameter_only_redirects_within_the_site(client, world):
    """A sign-in link cannot send the user to another site."""
    token_page = "/sign-in?next=https://evil.example/"
    response = post_form(client, token_page, {"username": "learner", "password": PASSWORD})
    assert response.headers["Location"] == "/learn/"
    client2 = client.application.test_client()
    response = post_form(client2, "/sign-in?next=/learn/", {"username": "learner", "password": PASSWORD})
    assert response.headers["Location"] == "/learn/"


def test_one_time_code_then_choose_password(client, world):
    """A learner signs in once with the code, must choose a password, then uses it."""
    _, code, _ = accounts.issue_sign_in_code(world.coach, world.learner.id)
    db.session.commit()
    page = client.get("/sign-in/code?username=learner").get_data(as_text=True)
    assert 'value="learner"' in page
    response = post_form(client, "/sign-in/code", {"username": "learner", "code": code.lower()})
    assert response.headers["Location"] == "/set-password"
    assert client.get("/learn/").headers["Location"] == "/set-password"
    weak = post_form(client, "/set-password", {"new_password": "salasana", "confirm": "salasana"})
    assert weak.status_code == 400
    response = post_form(client, "/set-password",
                         {"new_password": "sininen-kahvi-pyörä", "confirm": "sininen-kahvi-pyörä"})
    assert response.headers["Location"] == "/learn/"
    assert client.get("/learn/").status_code == 200
    fresh = client.application.test_client()
    assert sign_in(fresh, "learner", "sininen-kahvi-pyörä").status_code == 302
    used_again = post_form(fresh, "/sign-in/code", {"username": "learner", "code": code})
    assert used_again.status_code == 400


def test_wrong_code_says_what_to_do(client, world):
    """A wrong code tells the learner to ask the coach for a new one."""
    response = post_form(client, "/sign-in/code", {"username": "learner", "code": "AAAA-AAAA"})
    assert response.status_code == 400
    assert "coach" in response.get_data(as_text=True) or "valmentaja" in response.get_data(as_text=True)


def test_password_change_ends_other_sessions(app, world, as_user):
    """When the password changes, sessions elsewhere end."""
    phone, workshop = as_user(world.learner), as_user(world.learner)
    response = post_form(phone, "/set-password", {"current_password": PASSWORD,
                                                  "new_password": "uusi-pitkä-salasana",
                                                  "confirm": "uusi-pitkä-salasana"})
    assert response.status_code == 302
    assert phone.get("/learn/").status_code == 200
    assert workshop.get("/learn/").status_code == 302


def test_sign_out_ends_the_session(world, as_user):
    """After signing out, the pages ask to sign in again."""
    client = as_user(world.learner)
    response = post_form(client, "/sign-out", token_from="/learn/")
    assert response.status_code == 302
    assert client.get("/learn/").status_code == 302


def test_repeated_wrong_passwords_are_slowed_down(client, world):
    """After a few wrong tries the account is limited, with a message that says when to try again."""
    statuses = [sign_in(client, "learner", f"wrong-{n}").status_code for n in range(6)]
    assert statuses[:5] == [400] * 5
    assert statuses[5] == 429
    response = sign_in(client, "learner", PASSWORD)
    assert response.status_code == 429
    text = response.get_data(as_text=True)
    assert re.search(r"\d{1,2}[.:]\d{2}", text), "the page says when to try again"
    assert response.headers.get("Retry-After")


def test_session_cookie_is_httponly_and_samesite(client, world):
    """The session cookie cannot be read by scripts or sent by other sites."""
    response = sign_in(client, "learner")
    cookie = response.headers.get("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_session_slides_with_use_and_ends_after_eight_idle_hours(app, client, world, monkeypatch):
    """A signed-in session lasts eight hours from the last visit: each page sends the cookie again."""
    assert "Expires=" in sign_in(client, "learner").headers["Set-Cookie"]
    started, hours = time.time(), 3600
    for visit in (1, 2):  # seven hours after the last visit, twice: fourteen hours signed in
        monkeypatch.setattr(time, "time", lambda visit=visit: started + visit * 7 * hours)
        response = client.get("/learn/")
        assert response.status_code == 200 and "Expires=" in response.headers["Set-Cookie"]
    idle = app.permanent_session_lifetime.total_seconds() + 10
    monkeypatch.setattr(time, "time", lambda: started + 14 * hours + idle)
    response = client.get("/learn/")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_an_altered_session_cookie_signs_nobody_in(client, world):
    """A session cookie changed by anyone but the server is refused."""
    sign_in(client, "learner")
    cookie = client.get_cookie("session").value
    client.set_cookie("session", cookie[:-2] + ("AA" if cookie[-2:] != "AA" else "BB"))
    assert client.get("/learn/").status_code == 302
    client.set_cookie("session", cookie)
    assert client.get("/learn/").status_code == 200


def test_signing_out_asks_the_browser_to_forget_its_storage_and_cache(world, as_user):
    """A shared computer's browser drops kept drafts and cached pages when the learner signs out."""
    client = as_user(world.learner)
    response = post_form(client, "/sign-out", token_from="/learn/")
    assert '"storage"' in response.headers["Clear-Site-Data"]
    assert '"cache"' in response.headers["Clear-Site-Data"]


def test_a_closed_account_is_told_to_ask_the_coach_only_after_the_right_password(client, world):
    """A closed account with the right password hears it is closed; a wrong password hears nothing new."""
    accounts.set_active(world.admin, world.learner.id, False)
    db.session.commit()
    wrong = sign_in(client, "learner", "wrong-password").get_data(as_text=True)
    assert "closed" not in wrong and "suljettu" not in wrong
    response = sign_in(client, "learner")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Your account is closed" in page or "Tilisi on suljettu" in page
    assert client.get("/learn/").status_code == 302


def test_a_closed_account_is_told_to_ask_the_coach_after_a_valid_code(client, world):
    """A right code for a closed account says the account is closed, signs nobody in and stays unused."""
    _, code, stored = accounts.issue_sign_in_code(world.coach, world.learner.id)
    accounts.set_active(world.admin, world.learner.id, False)
    db.session.commit()
    wrong = post_form(client, "/sign-in/code", {"username": "learner", "code": "AAAA-AAAA"})
    assert "closed" not in wrong.get_data(as_text=True) and "suljettu" not in wrong.get_data(as_text=True)
    response = post_form(client, "/sign-in/code", {"username": "learner", "code": code})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Your account is closed" in page or "Tilisi on suljettu" in page
    assert db.session.get(type(stored), stored.id).used_at is None
    assert client.get("/learn/").status_code == 302
