"""The admin's account pages."""

from app.core.accounts.models import User
from app.core.db import db
from tests.conftest import post_form, sign_in


def test_admin_lists_and_searches_accounts(world, as_user):
    """The accounts page finds people by name or username and role."""
    client = as_user(world.admin)
    page = client.get("/staff/users?q=leena").get_data(as_text=True)
    assert "Leena Oppija" in page and "Mikko Oppija" not in page
    page = client.get("/staff/users?role=coach").get_data(as_text=True)
    assert "Kari Valmentaja" in page and "Leena Oppija" not in page


def test_admin_creates_a_coach_without_email(world, as_user):
    """An admin creates a coach with a title and groups; no e-mail is needed."""
    client = as_user(world.admin)
    response = post_form(client, "/staff/users/new", {
        "display_name": "Tiina Työvalmentaja", "username": "tiina", "role": "coach",
        "title": "työvalmentaja", "email": "", "group_ids": [world.group.id]})
    assert response.status_code == 302
    assert "tiina" in client.get("/staff/cards").get_data(as_text=True)
    coach = db.session.query(User).filter_by(username="tiina").one()
    assert coach.coached_groups[0].id == world.group.id


def test_admin_closes_an_account(world, as_user):
    """A closed account can no longer sign in."""
    client = as_user(world.admin)
    response = post_form(client, f"/staff/users/{world.learner.id}/active", {"active": "0", "confirmed": "1"},
                         token_from=f"/staff/users/{world.learner.id}/close")
    assert response.status_code == 302
    assert sign_in(client.application.test_client(), "learner").status_code == 400


def test_closing_an_account_asks_for_confirmation_on_a_page_of_its_own(world, as_user):
    """The account page links to a confirmation page that says what follows; a close without it is refused."""
    client = as_user(world.admin)
    account = f"/staff/users/{world.learner.id}"
    assert f'href="{account}/close"' in client.get(account).get_data(as_text=True)
    confirm = client.get(f"{account}/close")
    page = confirm.get_data(as_text=True)
    assert confirm.status_code == 200
    assert 'name="confirmed" value="1"' in page and 'id="close-button"' in page and f'href="{account}"' in page
    response = post_form(client, f"{account}/active", {"active": "0"}, token_from=f"{account}/close")
    assert response.status_code == 400 and 'id="close-button"' in response.get_data(as_text=True)
    db.session.refresh(world.learner)
    assert world.learner.active
    assert client.get(f"/staff/users/{world.admin.id}/close").status_code == 302


def test_admin_cannot_close_own_account(world, as_user):
    """Admins do not lock themselves out."""
    client = as_user(world.admin)
    response = post_form(client, f"/staff/users/{world.admin.id}/active", {"active": "0", "confirmed": "1"},
                         token_from=f"/staff/users/{world.admin.id}")
    assert response.status_code == 400


def test_unknown_user_is_404(world, as_user):
    """A missing account id gives a 404 page."""
    assert as_user(world.admin).get("/staff/users/999999").status_code == 404
