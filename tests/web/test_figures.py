"""The figures page and its CSV, for each role, with the "< 5" rule."""

from datetime import date

import pytest

from app.core.accounts.models import Role
from app.core.db import db
from tests.attendance_factory import make_day, make_period


def _days(world, make_user, group=None, learners=6):
    """Learners of the coach's group at the workshop on 2 days of November 2026 and remote on 1; one absent day."""
    people = [make_user(Role.LEARNER, groups=[group or world.group]) for _ in range(learners)]
    for person in people:
        make_period(person, starts_on=date(2026, 10, 1))
        for day, mode in ((2, "on_site"), (3, "on_site"), (4, "remote")):
            make_day(person, date(2026, 11, day), mode=mode, by=world.coach)
    make_day(people[0], date(2026, 11, 5), mode="absent", reason="ill", by=world.coach)
    return people


@pytest.fixture(autouse=True)
def english(world):
    """The tests read the English texts: every user of the world has chosen English."""
    for user in (world.coach, world.other_coach, world.learner, world.learner2, world.admin):
        user.language = "en"
    db.session.commit()


PATH = "/staff/figures?from=2026-11&to=2026-11"
CSV = "/staff/figures.csv?from=2026-11&to=2026-11"


def test_the_page_shows_the_coachs_groups_with_a_chart_and_a_table(world, make_user, as_user):
    """A coach sees their group's row (not another coach's), exact, with an SVG chart that has a title."""
    _days(world, make_user)
    _days(world, make_user, group=world.other_group)
    response = as_user(world.coach).get(PATH)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ryhmä A" in page and "Ryhmä B" not in page
    assert '<svg class="chart" role="img"' in page and '<title id="days-title">' in page
    assert "<td>12</td>" in page and "<td>1</td>" in page  # exact: one absent day


def test_an_admin_sees_every_group_with_small_counts_hidden(world, make_user, as_user):
    """An admin sees every group; the one absent day shows as "< 5"."""
    _days(world, make_user)
    _days(world, make_user, group=world.other_group)
    page = as_user(world.admin).get(PATH).get_data(as_text=True)
    assert "Ryhmä A" in page and "Ryhmä B" in page
    assert "&lt; 5" in page and "<td>1</td>" not in page


def test_learners_and_visitors_cannot_open_figures(world, as_user, client):
    """A learner is forbidden; a visitor is sent to sign in."""
    for path in (PATH, CSV):
        assert as_user(world.learner).get(path).status_code == 403
        response = client.get(path)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_another_coachs_group_is_not_found(world, as_user):
    """Filtering by a group the coach does not coach is not found, on the page and in the CSV."""
    client = as_user(world.coach)
    assert client.get(f"{PATH}&group={world.other_group.id}").status_code == 404
    assert client.get(f"{CSV}&group={world.other_group.id}").status_code == 404
    assert client.get(f"{PATH}&group=abc").status_code == 404
    assert client.get(f"{PATH}&kind=courses").status_code == 404


def test_bad_months_get_a_clear_message(world, as_user):
    """A malformed month, a reversed or too long range is refused with a message; the CSV answers 400."""
    client = as_user(world.coach)
    assert "for example 2026-01" in client.get("/staff/figures?from=11/2026").get_data(as_text=True)
    reversed_range = client.get("/staff/figures?from=2026-12&to=2026-01")
    assert reversed_range.status_code == 400 and "must not be after" in reversed_range.get_data(as_text=True)
    assert client.get("/staff/figures?from=2020-01&to=2026-01").status_code == 400
    assert client.get("/staff/figures.csv?from=2026-12&to=2026-01").status_code == 400


def test_the_csv_is_a_finnish_spreadsheet_with_the_same_numbers(world, make_user, as_user):
    """UTF-8 with BOM, semicolons, the header, and the coach's exact numbers."""
    _days(world, make_user)
    response = as_user(world.coach).get(CSV)
    assert response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff\"") and len(text.splitlines()[0].split(";")) == 18
    row = text.splitlines()[1].split(";")
    assert row[:7] == ['"2026-11"', '"Ryhmä A"', '"6"', '"12"', '"6"', '"1"', '"33"']


def test_the_csv_hides_small_counts_from_an_admin(world, make_user, as_user):
    """For an admin a count from 1 to 4 is "< 5", and a group of fewer than five learners shows none of its numbers."""
    _days(world, make_user)
    _days(world, make_user, group=world.other_group, learners=3)
    lines = as_user(world.admin).get(CSV).get_data().decode("utf-8").splitlines()
    by_group = {line.split(";")[1]: line.split(";") for line in lines[1:]}
    assert by_group['"Ryhmä A"'][2:6] == ['"6"', '"12"', '"6"', '"< 5"']
    assert by_group['"Ryhmä B"'][2:7] == ['"< 5"', '"< 5"', '"< 5"', '"< 5"', '""']


def test_csv_cells_cannot_start_a_formula(world, make_user, make_group, as_user):
    """A group named like a formula is written with an apostrophe in front."""
    group = make_group("=HYPERLINK(\"x\")", coaches=[world.coach])
    _days(world, make_user, group=group, learners=1)
    text = as_user(world.coach).get(CSV).get_data().decode("utf-8")
    assert "\"'=HYPERLINK(\"\"x\"\")\"" in text
