"""A session ends on the server: a copy of the session cookie stops working when the session ends."""

from tests.conftest import PASSWORD, post_form


def _copy(app, client):
    """Another browser holding a copy of the client's session cookie."""
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    return copy


def _signed_out(client) -> bool:
    response = client.get("/learn/")
    return response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_a_copied_cookie_stops_working_after_sign_out(app, world, as_user):
    """After signing out, a copy of the session cookie is sent to sign in, like the browser itself."""
    client = as_user(world.learner)
    copy = _copy(app, client)
    assert copy.get("/learn/").status_code == 200

    assert post_form(client, "/sign-out", token_from="/learn/").status_code == 302

    assert _signed_out(client) and _signed_out(copy)


def test_signing_out_ends_the_other_devices_too(app, world, as_user):
    """Signing out on one computer ends the user's sessions on every device, as on shared computers."""
    workshop, phone = as_user(world.learner), as_user(world.learner)

    post_form(workshop, "/sign-out", token_from="/learn/")

    assert _signed_out(phone)
    assert as_user(world.learner).get("/learn/").status_code == 200, "signing in again works"


def test_a_copied_cookie_stops_working_after_a_password_change(app, world, as_user):
    """A password change keeps the changing browser signed in and ends a copy of its old cookie."""
    client = as_user(world.learner)
    copy = _copy(app, client)

    response = post_form(client, "/set-password", {"current_password": PASSWORD,
                                                   "new_password": "uusi-pitkä-salasana",
                                                   "confirm": "uusi-pitkä-salasana"})

    assert response.status_code == 302
    assert client.get("/learn/").status_code == 200
    assert _signed_out(copy)


def test_closing_an_account_ends_its_sessions(app, world, as_user):
    """When an admin closes an account, the person's open sessions end."""
    learner = as_user(world.learner)
    admin = as_user(world.admin)

    response = post_form(admin, f"/staff/users/{world.learner.id}/active", {"active": "0", "confirmed": "1"},
                         token_from=f"/staff/users/{world.learner.id}/close")

    assert response.status_code == 302
    assert _signed_out(learner)


def test_a_coachs_new_sign_in_card_ends_the_learners_sessions(app, world, as_user):
    """A new sign-in card from the coach ends the learner's current sessions (a lost or shared one)."""
    learner, other = as_user(world.learner), as_user(world.learner2)
    coach = as_user(world.coach)

    response = post_form(coach, f"/coach/learners/{world.learner.id}/code", token_from="/coach/")

    assert response.status_code == 302
    assert _signed_out(learner)
    assert other.get("/learn/").status_code == 200, "other learners stay signed in"
    assert coach.get("/coach/").status_code == 200, "the coach stays signed in"


def test_an_admins_own_new_card_keeps_the_session_that_printed_it(app, world, as_user):
    """An admin printing a card for themselves is not signed out by it."""
    admin = as_user(world.admin)

    response = post_form(admin, f"/staff/users/{world.admin.id}/code", token_from=f"/staff/users/{world.admin.id}")

    assert response.status_code == 302
    assert admin.get("/staff/").status_code == 200
