"""The coach's attendance week and the learner's remote check-in, through real forms."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core.db import db
from service import attendance
from service.attendance_models import ParticipationDay
from tests.attendance_factory import make_day, make_period
from tests.conftest import post_form


@pytest.fixture(autouse=True)
def english(world):
    """The tests read the English texts: every user of the world has chosen English."""
    for user in (world.coach, world.other_coach, world.learner, world.learner2, world.admin):
        user.language = "en"
    db.session.commit()


TODAY = attendance.today()
MONDAY = attendance.monday_of(TODAY) - timedelta(days=7)  # last week: every day has passed
WEEK = attendance.week_text(MONDAY)


@pytest.fixture
def periods(world):
    for learner in (world.learner, world.learner2, world.stranger):
        make_period(learner, starts_on=TODAY - timedelta(days=60), planned_end_on=TODAY + timedelta(days=60))
    return world


def _path(world, group=None):
    return f"/coach/groups/{(group or world.group).id}/attendance?week={WEEK}"


def _rows():
    db.session.expire_all()
    return {(e.learner_id, e.day): (e.mode, e.absence_reason) for e in db.session.scalars(select(ParticipationDay))}


def _week(world, value="on_site", **extra):
    data = {f"day-{learner.id}-{(MONDAY + timedelta(days=n)).isoformat()}": value
            for learner in (world.learner, world.learner2) for n in range(5)}
    data.update({f"version-{learner.id}-{(MONDAY + timedelta(days=n)).isoformat()}": "0"
                 for learner in (world.learner, world.learner2) for n in range(5)})
    data.update(extra)
    return data


def test_the_coach_fills_a_week_in_one_save(periods, as_user):
    """The grid has a labelled choice for every learner and weekday, and one save records them all."""
    world = periods
    client = as_user(world.coach)
    page = client.get(_path(world)).get_data(as_text=True)
    assert f'<label for="day-{world.learner.id}-{MONDAY.isoformat()}"' in page and "Mikko Oppija" in page
    assert "Sanna Vieras" not in page
    response = post_form(client, _path(world), _week(world))
    assert response.status_code == 302
    assert len(_rows()) == 10 and set(_rows().values()) == {("on_site", None)}


def test_the_group_page_links_to_the_attendance_week(periods, as_user):
    """The coach finds attendance from the group's page."""
    page = as_user(periods.coach).get(f"/coach/groups/{periods.group.id}").get_data(as_text=True)
    assert f"/coach/groups/{periods.group.id}/attendance" in page


def test_previous_and_next_week_links(periods, as_user):
    """The week's page links to the weeks before and after; a malformed week is not found."""
    client = as_user(periods.coach)
    page = client.get(_path(periods)).get_data(as_text=True)
    assert attendance.week_text(MONDAY - timedelta(days=7)) in page
    assert attendance.week_text(MONDAY + timedelta(days=7)) in page
    assert client.get(f"/coach/groups/{periods.group.id}/attendance?week=2026-W99").status_code == 404


@pytest.mark.parametrize(("change", "words"), [
    ("absent", "choose the reason for the absence"),
    ("future", "has not come yet"),
    ("outside", "outside the learner&#39;s service period"),
])
def test_bad_input_refuses_the_week_with_a_clear_message(periods, as_user, change, words):
    """An absence without a reason, a future day or a day outside the period is refused with its reason;
    nothing of the week is written."""
    world = periods
    data = _week(world)
    if change == "absent":
        data[f"day-{world.learner2.id}-{MONDAY.isoformat()}"] = "absent"
    elif change == "future":
        future = TODAY + timedelta(days=1)
        data[f"day-{world.learner.id}-{future.isoformat()}"] = "on_site"
        data[f"version-{world.learner.id}-{future.isoformat()}"] = "0"
    else:
        data[f"day-{world.learner.id}-{(MONDAY - timedelta(days=70)).isoformat()}"] = "on_site"
    response = post_form(as_user(world.coach), _path(world), data)
    if change == "absent" or response.status_code == 400:
        assert response.status_code == 400 and words in response.get_data(as_text=True)
    else:
        assert response.status_code == 404  # a day outside the shown week is not part of the grid
    assert _rows() == {}


def test_a_future_day_in_the_week_is_refused(periods, as_user):
    """In the current week, a day after today cannot be saved, and nothing else of the form is."""
    world = periods
    monday = attendance.monday_of(TODAY)
    friday = monday + timedelta(days=4)
    if friday <= TODAY:
        pytest.skip("today is the week's last weekday")
    path = f"/coach/groups/{world.group.id}/attendance?week={attendance.week_text(monday)}"
    response = post_form(as_user(world.coach), path, {f"day-{world.learner.id}-{monday.isoformat()}": "on_site",
                                                      f"day-{world.learner.id}-{friday.isoformat()}": "on_site"})
    assert response.status_code == 400 and "has not come yet" in response.get_data(as_text=True)
    assert _rows() == {}


def test_a_stale_form_shows_what_was_saved_meanwhile(periods, as_user):
    """Two coaches saving the same day: the later form is refused, shows the saved value, and keeps it."""
    world = periods
    make_day(world.learner, MONDAY, mode="remote", by=world.coach)
    response = post_form(as_user(world.coach), _path(world), _week(world))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Someone else saved this week" in page and "Saved meanwhile: Remote" in page
    assert _rows() == {(world.learner.id, MONDAY): ("remote", None)}


def test_a_correction_changes_the_day(periods, as_user):
    """Saving another choice for a recorded day corrects it."""
    world = periods
    entry = make_day(world.learner, MONDAY, by=world.coach)
    key = f"{world.learner.id}-{MONDAY.isoformat()}"
    response = post_form(as_user(world.coach), _path(world), {f"day-{key}": "absent:ill",
                                                              f"version-{key}": str(entry.version)})
    assert response.status_code == 302
    assert _rows() == {(world.learner.id, MONDAY): ("absent", "ill")}


def test_other_roles_and_other_groups(periods, as_user):
    """Another coach's group is not found; a learner is forbidden; an admin may record any group."""
    world = periods
    assert as_user(world.coach).get(_path(world, world.other_group)).status_code == 404
    assert post_form(as_user(world.coach), _path(world, world.other_group), {},
                     token_from=_path(world)).status_code == 404
    assert as_user(world.learner).get(_path(world)).status_code == 403
    assert as_user(world.admin).get(_path(world, world.other_group)).status_code == 200
    data = {f"day-{world.stranger.id}-{MONDAY.isoformat()}": "on_site"}
    assert post_form(as_user(world.coach), _path(world), data).status_code == 404
    assert _rows() == {}


def test_the_learner_checks_in_and_the_coach_confirms(periods, as_user):
    """On a weekday of a current period My path offers the check-in; the coach sees it and confirms it."""
    world = periods
    learner = as_user(world.learner)
    page = learner.get("/learn/").get_data(as_text=True)
    if TODAY.weekday() >= 5:
        assert "I am working remotely today" not in page
        return
    assert "I am working remotely today" in page
    assert post_form(learner, "/learn/check-in", token_from="/learn/").status_code == 302
    assert "has not confirmed it yet" in learner.get("/learn/").get_data(as_text=True)
    entry = db.session.scalar(select(ParticipationDay))
    assert (entry.mode, entry.confirmed) == ("remote", False)
    coach = as_user(world.coach)
    this_week = f"/coach/groups/{world.group.id}/attendance"
    assert "Remote check-ins to confirm" in coach.get(this_week).get_data(as_text=True)
    other = as_user(world.other_coach)
    other_path = f"/coach/groups/{world.other_group.id}/attendance/confirm"
    assert post_form(other, other_path, {"entry_id": entry.id}, token_from=f"/coach/groups/{world.other_group.id}"
                     ).status_code == 404
    db.session.expire_all()
    assert not db.session.get(ParticipationDay, entry.id).confirmed
    response = post_form(coach, f"{this_week}/confirm", {"entry_id": entry.id}, token_from=this_week)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(ParticipationDay, entry.id).confirmed


def test_no_check_in_without_a_period(world, as_user):
    """A learner without a current period sees no check-in, and a check-in is refused with a message."""
    learner = as_user(world.learner)
    assert "I am working remotely today" not in learner.get("/learn/").get_data(as_text=True)
    response = post_form(learner, "/learn/check-in", token_from="/learn/", follow_redirects=True)
    assert "weekdays of your service period" in response.get_data(as_text=True)
    assert _rows() == {}
