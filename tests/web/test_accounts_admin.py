"""The admin edits accounts and adds many learners at once."""

import io
import re

import pytest
from sqlalchemy import select

from app.core.accounts.models import User
from app.core.audit import AuditEvent
from app.core.db import db
from tests.conftest import post_form


def _user(user_id):
    db.session.expire_all()
    return db.session.get(User, user_id)


def _edit(client, user, **changes):
    data = {"display_name": user.display_name, "username": user.username, "role": str(user.role),
            "language": user.language or "", **changes}
    return post_form(client, f"/staff/users/{user.id}/edit", data)


def test_admin_edits_name_username_and_language_audited(world, as_user):
    """An admin changes a learner's name, username and language; the change is audited."""
    client = as_user(world.admin)
    response = _edit(client, world.learner, display_name="Leena Uusi", username="Leena.Uusi", language="sv")
    assert response.status_code == 302
    learner = _user(world.learner.id)
    assert (learner.display_name, learner.username, learner.language) == ("Leena Uusi", "leena.uusi", "sv")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.update"))
    assert event.actor_id == world.admin.id and event.subject_id == world.learner.id
    assert sorted(event.details["changed"]) == ["display_name", "language", "username"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"username": "learner2"}, "learner2"),
    ({"username": "Bad Name!"}, "a–z"),
    ({"display_name": "   "}, 'class="error"'),
    ({"role": "coach"}, "error-summary"),
    ({"language": "de"}, 'class="error"'),
])
def test_bad_edits_are_explained_and_nothing_is_written(world, as_user, changes, message):
    """A taken or malformed username, an empty name, a role change while in groups or an unknown
    language gets a message and changes nothing.
    """
    client = as_user(world.admin)
    response = _edit(client, world.learner, **{"display_name": "Muutettu", **changes})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    learner = _user(world.learner.id)
    assert (learner.display_name, learner.username, learner.role) == ("Leena Oppija", "learner", "learner")
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.update")) is None


def test_a_new_role_signs_the_person_out_and_an_admin_keeps_their_own(world, as_user, make_user):
    """A role change ends the person's sessions; an admin cannot change their own role."""
    loner = make_user(username="loner", name="Lauri Yksin")
    session = as_user(loner)
    client = as_user(world.admin)
    assert _edit(client, loner, role="coach").status_code == 302
    assert _user(loner.id).role == "coach"
    assert session.get("/learn/").status_code == 302
    assert _edit(client, world.admin, role="coach").status_code == 400
    assert _user(world.admin.id).role == "admin"


def test_account_page_lists_the_learners_groups(world, as_user):
    """The account page shows which groups a learner is in and links to editing."""
    page = as_user(world.admin).get(f"/staff/users/{world.learner.id}").get_data(as_text=True)
    assert "Ryhmä A" in page and f'href="/staff/users/{world.learner.id}/edit"' in page


def test_only_admins_edit_accounts(world, as_user):
    """Coaches and learners are refused the edit page (403); an unknown account is 404."""
    path = f"/staff/users/{world.learner.id}/edit"
    for user in (world.coach, world.learner):
        client = as_user(user)
        assert client.get(path).status_code == 403
        assert client.post(path, data={"display_name": "X"}).status_code in (400, 403)
    assert as_user(world.admin).get("/staff/users/99999/edit").status_code == 404
    assert _user(world.learner.id).display_name == "Leena Oppija"


IMPORT = "/staff/users/import"
THREE = "Aino Aalto\nBertta Berg; bertta.b\n\nCarl Ceder ; carl.c\n"


def _learner_count():
    db.session.expire_all()
    return db.session.query(User).filter_by(role="learner").count()


def _preview(client, text, **fields):
    return post_form(client, IMPORT, {"text": text, "action": "preview", "group_id": "", "language": "", **fields})


def _previewed(page):
    """The fingerprint of the previewed list that the page sends back with Create."""
    match = re.search(r'name="previewed"[^>]*value="([0-9a-f]+)"|value="([0-9a-f]+)"[^>]*name="previewed"', page)
    return match.group(1) or match.group(2)


def test_import_previews_then_creates_in_one_go_with_cards(world, as_user):
    """A pasted list is previewed with generated usernames and nothing is created; Create makes them
    all into the chosen group, in the chosen language, and shows their cards on one A4 sheet.
    """
    client = as_user(world.admin)
    before = _learner_count()
    response = _preview(client, THREE, group_id=world.group.id, language="sv")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "aino.aalto" in page and "bertta.b" in page and "carl.c" in page and 'id="create-button"' in page
    assert _learner_count() == before
    created = post_form(client, IMPORT, {"text": THREE, "action": "create", "previewed": _previewed(page),
                                         "group_id": world.group.id, "language": "sv"}, token_from=IMPORT)
    assert created.status_code == 302 and created.headers["Location"] == "/staff/cards"
    assert _learner_count() == before + 3
    carl = db.session.query(User).filter_by(username="carl.c").one()
    assert carl.display_name == "Carl Ceder" and carl.language == "sv" and carl.groups[0].id == world.group.id
    cards = client.get("/staff/cards").get_data(as_text=True)
    assert cards.count('class="signin-card"') == 3 and cards.count('class="card-sheet"') == 1
    assert cards.count('class="signin-card" lang="sv"') == 3
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.import")).actor_id == world.admin.id


def test_import_lists_problems_by_line_and_creates_no_one(world, as_user):
    """Every problem is named with its line number; with any problem there is no Create button and
    a forced create writes nothing.
    """
    client = as_user(world.admin)
    text = ("Nimi;Käyttäjätunnus\nHyvä Nimi\n;tyhja.nimi\nToinen;learner\nKolmas;x\n"
            "Neljäs;sama.nimi\nViides;sama.nimi\nA;b;c\n")
    response = _preview(client, text)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="create-button"' not in page
    for line in (3, 4, 5, 7, 8):
        assert f"{line}:" in page
    before = _learner_count()
    forced = post_form(client, IMPORT, {"text": text, "action": "create", "previewed": _previewed(page),
                                        "group_id": "", "language": ""}, token_from=IMPORT)
    assert forced.status_code == 400
    assert _learner_count() == before


def test_a_changed_list_is_previewed_again_before_creating(world, as_user):
    """Create with a list other than the previewed one shows the new preview and creates nothing."""
    client = as_user(world.admin)
    page = _preview(client, THREE).get_data(as_text=True)
    response = post_form(client, IMPORT, {"text": THREE + "Daniel Dahl\n", "action": "create",
                                          "previewed": _previewed(page), "group_id": "", "language": ""},
                         token_from=IMPORT)
    assert response.status_code == 200 and "daniel.dahl" in response.get_data(as_text=True)
    assert db.session.query(User).filter_by(username="daniel.dahl").count() == 0


@pytest.mark.parametrize(("encoding", "separator"), [("utf-8-sig", ";"), ("utf-8", ","), ("utf-8-sig", ",")])
def test_a_csv_file_with_or_without_bom_is_read(world, as_user, encoding, separator):
    """An uploaded UTF-8 CSV file, with or without BOM, with semicolons or commas, is previewed like pasted text."""
    client = as_user(world.admin)
    data = f"name{separator}username\r\nÄijälä Pekka{separator}pekka.a\r\n\"Öberg Åsa\"\r\n".encode(encoding)
    response = post_form(client, IMPORT, {"text": "", "action": "preview", "group_id": "", "language": "",
                                          "file": (io.BytesIO(data), "lista.csv")},
                         content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "pekka.a" in page and "oberg.asa" in page


def test_a_file_not_in_utf8_is_explained(world, as_user):
    """A Latin-1 file gets a message telling how to save it; nothing is created."""
    client = as_user(world.admin)
    response = post_form(client, IMPORT, {"text": "", "action": "preview", "group_id": "", "language": "",
                                          "file": (io.BytesIO("Äijälä".encode("latin-1")), "lista.csv")},
                         content_type="multipart/form-data")
    assert response.status_code == 400 and "UTF-8" in response.get_data(as_text=True)


def test_only_admins_import(world, as_user):
    """Coaches and learners get 403 from the import page and create nobody."""
    for user in (world.coach, world.learner):
        client = as_user(user)
        assert client.get(IMPORT).status_code == 403
        assert client.post(IMPORT, data={"text": THREE, "action": "create"}).status_code in (400, 403)
    assert db.session.query(User).filter_by(username="bertta.b").count() == 0
