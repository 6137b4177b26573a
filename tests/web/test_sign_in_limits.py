"""Limits on guessing passwords and codes: per address and account, per account, per address; only
wrong guesses count."""

import pytest

from tests.conftest import PASSWORD, post_form

WORKSHOP = {"REMOTE_ADDR": "10.0.0.1"}
ATTACKER = {"REMOTE_ADDR": "10.9.9.9"}


def _sign_in(client, username, password, address):
    return post_form(client, "/sign-in", {"username": username, "password": password}, environ_base=address)


def test_one_learners_typos_do_not_block_others_at_the_same_address(app, world):
    """A learner who mistypes until limited does not stop another learner behind the workshop's address."""
    client = app.test_client()
    statuses = [_sign_in(client, "learner", f"wrong-{n}", WORKSHOP).status_code for n in range(6)]
    assert statuses == [400] * 5 + [429]

    assert _sign_in(app.test_client(), "learner2", PASSWORD, WORKSHOP).status_code == 302


def test_an_attacker_elsewhere_does_not_lock_the_learner_out(app, world):
    """Wrong guesses from another address, until that address is limited, leave the learner's own
    sign-in open."""
    attacker = app.test_client()
    statuses = [_sign_in(attacker, "learner", f"guess-{n}", ATTACKER).status_code for n in range(6)]
    assert statuses[-1] == 429

    assert _sign_in(app.test_client(), "learner", PASSWORD, WORKSHOP).status_code == 302


@pytest.mark.parametrize("config_overrides", [{"SIGN_IN_LIMIT_PER_ACCOUNT": "8 per hour"}])
def test_guesses_from_many_addresses_meet_the_slower_account_limit(app, world):
    """Guesses for one account spread over many addresses still meet a limit for the account."""
    client = app.test_client()
    statuses = [_sign_in(client, "learner", "guess", {"REMOTE_ADDR": f"10.1.0.{n}"}).status_code
                for n in range(9)]

    assert statuses == [400] * 8 + [429]
    assert _sign_in(client, "learner2", "guess", {"REMOTE_ADDR": "10.1.0.99"}).status_code == 400


@pytest.mark.parametrize("config_overrides", [{"SIGN_IN_LIMIT_PER_ADDRESS": "4 per hour"}])
def test_one_address_guessing_many_accounts_meets_the_address_limit(app, world):
    """Wrong guesses for many accounts from one address meet the address's own, generous limit."""
    client = app.test_client()
    usernames = ["learner", "learner2", "coach", "admin", "stranger"]
    statuses = [_sign_in(client, name, "guess", ATTACKER).status_code for name in usernames]

    assert statuses == [400] * 4 + [429]


def test_successful_sign_ins_are_not_counted(app, world):
    """Signing in many times with the right password never meets a limit."""
    for _ in range(8):
        assert _sign_in(app.test_client(), "learner", PASSWORD, WORKSHOP).status_code == 302


def test_wrong_codes_count_like_wrong_passwords(app, world):
    """The code form shares the limits of the password form: guesses on both add up."""
    client = app.test_client()
    for n in range(3):
        assert _sign_in(client, "learner", f"wrong-{n}", WORKSHOP).status_code == 400
    statuses = [post_form(client, "/sign-in/code", {"username": "learner", "code": "AAAA-AAAA"},
                          environ_base=WORKSHOP).status_code for _ in range(3)]

    assert statuses == [400, 400, 429]


def _change_password(client, current):
    return post_form(client, "/set-password", {"current_password": current, "new_password": "uusi-pitkä-salasana",
                                               "confirm": "uusi-pitkä-salasana"})


def test_guessing_the_current_password_is_limited(world, as_user):
    """On the password page the sixth wrong current password is refused with the too-many-tries page."""
    client = as_user(world.learner)
    statuses = [_change_password(client, f"wrong-{n}").status_code for n in range(6)]

    assert statuses == [400] * 5 + [429]
    response = _change_password(client, PASSWORD)
    assert response.status_code == 429 and response.headers.get("Retry-After")
    assert client.get("/learn/").status_code == 200, "the session itself goes on"


def test_the_password_limit_is_per_account(world, as_user):
    """One person's wrong current passwords do not limit another's password change."""
    client = as_user(world.learner)
    for n in range(6):
        _change_password(client, f"wrong-{n}")

    assert _change_password(as_user(world.learner2), PASSWORD).status_code == 302


def test_a_weak_new_password_is_not_counted_as_a_guess(world, as_user):
    """Only a wrong current password counts: refused new passwords may be tried again and again."""
    client = as_user(world.learner)
    for _ in range(7):
        weak = post_form(client, "/set-password", {"current_password": PASSWORD, "new_password": "salasana",
                                                   "confirm": "salasana"})
        assert weak.status_code == 400

    assert _change_password(client, PASSWORD).status_code == 302
