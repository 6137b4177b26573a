"""The coach's groups, learners and sign-in cards."""

import re

from app.core.accounts.models import Group, User
from app.core.db import db
from tests.conftest import post_form


def test_coach_sees_only_own_groups(world, as_user):
    """The groups page lists this coach's groups only."""
    page = as_user(world.coach).get("/coach/").get_data(as_text=True)
    assert "Ryhmä A" in page and "Ryhmä B" not in page


def test_coach_creates_group(world, as_user):
    """A new group belongs to the coach who made it."""
    client = as_user(world.coach)
    response = post_form(client, "/coach/groups/new", {"name": "Tiistairyhmä"})
    assert response.status_code == 302
    group = db.session.query(Group).filter_by(name="Tiistairyhmä").one()
    assert [c.username for c in group.coaches] == ["coach"]
    empty = post_form(client, "/coach/groups/new", {"name": "  "})
    assert empty.status_code == 400


def test_coach_creates_learner_and_gets_a_printable_card(world, as_user):
    """Creating a learner shows a card with the address, username, code and QR code."""
    client = as_user(world.coach)
    path = f"/coach/groups/{world.group.id}/learners/new"
    response = post_form(client, path, {"display_name": "Pekka Äijälä", "username": "",
                                        "group_id": world.group.id})
    assert response.status_code == 302 and response.headers["Location"] == "/coach/cards"
    response = client.get("/coach/cards")
    page = response.get_data(as_text=True)
    assert "pekka.aijala" in page
    assert re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", page)
    assert 'src="data:image/svg+xml' in page
    assert response.headers["Cache-Control"] == "no-store"
    learner = db.session.query(User).filter_by(username="pekka.aijala").one()
    assert learner.groups[0].id == world.group.id


def test_reloading_the_card_page_creates_no_one_and_shows_the_code_once(world, as_user):
    """The card page is a GET after a redirect: a reload creates nobody and no longer shows the code."""
    client = as_user(world.coach)
    path = f"/coach/groups/{world.group.id}/learners/new"
    response = post_form(client, path, {"display_name": "Pekka Äijälä", "username": "",
                                        "group_id": world.group.id})
    assert response.headers["Location"] == "/coach/cards"
    first = client.get("/coach/cards").get_data(as_text=True)
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", first).group(0)
    again = client.get("/coach/cards")
    page = again.get_data(as_text=True)
    assert again.status_code == 200 and code not in page and 'class="signin-card"' not in page
    assert "Tee uusi kortti: Pekka Äijälä" in page
    assert db.session.query(User).filter_by(display_name="Pekka Äijälä").count() == 1


def test_a_card_page_shows_no_one_elses_codes(world, as_user):
    """Codes kept for one coach's card page are not shown to another session."""
    post_form(as_user(world.coach), f"/coach/learners/{world.learner.id}/code", token_from="/coach/")
    page = as_user(world.coach).get("/coach/cards").get_data(as_text=True)
    assert 'class="signin-card"' not in page


def test_a_card_is_printed_in_its_owners_language(world, as_user):
    """Each card is in its learner's chosen language, whatever the coach's page language."""
    world.learner.language = "sv"
    db.session.commit()
    client = as_user(world.coach)
    post_form(client, f"/coach/groups/{world.group.id}/cards", {"learner_ids": [world.learner.id, world.learner2.id]},
              token_from=f"/coach/groups/{world.group.id}")
    page = client.get("/coach/cards").get_data(as_text=True)
    assert page.count('class="signin-card" lang="sv"') == 1 and page.count('class="signin-card" lang="fi"') == 1
    assert page.count('class="card-sheet"') == 1


def test_duplicate_username_is_explained(world, as_user):
    """A taken username is shown next to the field; nothing is created."""
    client = as_user(world.coach)
    path = f"/coach/groups/{world.group.id}/learners/new"
    response = post_form(client, path, {"display_name": "Toinen Leena", "username": "learner",
                                        "group_id": world.group.id})
    assert response.status_code == 400
    assert "learner" in response.get_data(as_text=True)
    assert db.session.query(User).filter_by(display_name="Toinen Leena").count() == 0


def test_group_cards_for_chosen_learners(world, as_user):
    """A coach prints new cards for several learners at once."""
    client = as_user(world.coach)
    path = f"/coach/groups/{world.group.id}/cards"
    response = post_form(client, path, {"learner_ids": [world.learner.id, world.learner2.id]},
                         token_from=f"/coach/groups/{world.group.id}")
    assert response.status_code == 302
    response = client.get("/coach/cards")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count('class="signin-card"') == 2


def test_other_coach_gets_404_for_everything_of_this_group(world, as_user):
    """A coach of another group cannot see or change this group or its learners."""
    client = as_user(world.other_coach)
    assert client.get(f"/coach/groups/{world.group.id}").status_code == 404
    assert client.get(f"/coach/learners/{world.learner.id}").status_code == 404
    assert client.get(f"/coach/groups/{world.group.id}/learners/new").status_code == 404
    response = post_form(client, f"/coach/learners/{world.learner.id}/code", token_from="/coach/")
    assert response.status_code == 404


def test_coach_removes_learner_from_group_but_keeps_account(world, as_user):
    """Removing from a group keeps the learner's account."""
    client = as_user(world.coach)
    path = f"/coach/groups/{world.group.id}/learners/{world.learner2.id}/remove"
    response = post_form(client, path, {"confirmed": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert world.learner2 not in db.session.get(Group, world.group.id).learners
    assert db.session.get(User, world.learner2.id) is not None


def test_admin_sees_all_groups(world, as_user):
    """An admin can work with every group through the coach pages."""
    client = as_user(world.admin)
    assert client.get(f"/coach/groups/{world.other_group.id}").status_code == 200


def test_fifty_kept_codes_fit_in_the_session_cookie(app, world):
    """The codes of the largest import wait in one encrypted token that keeps the cookie under 4 kB."""
    from types import SimpleNamespace

    from flask import session
    from flask_login import login_user

    from app.web.common.cards import keep_cards

    issued = [(SimpleNamespace(id=100000 + i), "ACDEFHJK", SimpleNamespace(id=200000 + i)) for i in range(50)]
    with app.test_request_context("/coach/"):
        login_user(world.coach)
        keep_cards(issued, "coach.cards")
        cookie = app.session_interface.get_signing_serializer(app).dumps(dict(session))
    assert len(cookie) < 3500, len(cookie)
