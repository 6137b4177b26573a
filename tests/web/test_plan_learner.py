"""The learner's My plan page, own notes and goals, and the meeting's calendar file."""

from datetime import timedelta

from icalendar import Calendar

from app.core.db import db
from service.access import today
from service.models import Goal, ServicePeriod
from tests.conftest import post_form
from tests.service_factory import schedule, start_period


def test_my_plan_is_in_the_menu_and_says_the_plan_in_plain_words(world, as_user):
    """The learner's menu links My plan; the page says the days a week, the next review and the goals."""
    period = start_period(world.coach, world.learner, planned_end_on=today() + timedelta(days=150))
    db.session.add(Goal(period=period, text="Opin käyttämään sähköpostia", written_by_id=world.coach.id))
    db.session.commit()
    client = as_user(world.learner)
    assert 'href="/learn/plan"' in client.get("/learn/").text
    page = client.get("/learn/plan").text
    assert "Opin käyttämään sähköpostia" in page and ("3 days a week" in page or "3 päivänä viikossa" in page)
    assert "Next time" in page or "Seuraavan kerran" in page


def test_the_learner_writes_own_notes_and_goals_only(world, as_user):
    """Notes and a goal are saved on the learner's own current plan; an empty goal gets a message."""
    period = start_period(world.coach, world.learner)
    client = as_user(world.learner)
    assert post_form(client, "/learn/plan/notes", {"notes": "Aamut ovat vaikeita"}, token_from="/learn/plan") \
        .status_code == 302
    assert post_form(client, "/learn/plan/goals", {"text": "Opin Excelin"}, token_from="/learn/plan") \
        .status_code == 302
    response = post_form(client, "/learn/plan/goals", {"text": " "}, token_from="/learn/plan")
    assert response.status_code == 400 and 'class="error"' in response.text
    db.session.expire_all()
    assert period.learner_notes == "Aamut ovat vaikeita" and [g.text for g in period.goals] == ["Opin Excelin"]


def test_without_a_plan_the_learner_is_told_to_ask_the_coach(world, as_user):
    """No period: the page says so, and notes or goals are refused with a message, nothing written."""
    client = as_user(world.learner)
    assert client.get("/learn/plan").status_code == 200
    response = post_form(client, "/learn/plan/goals", {"text": "Opin Excelin"}, token_from="/learn/plan")
    assert response.status_code == 400 and db.session.query(Goal).count() == 0
    assert db.session.query(ServicePeriod).count() == 0


def test_the_next_meeting_is_on_my_path_with_a_calendar_file(world, as_user):
    """My path lists the next meeting; its .ics has the Helsinki time zone; another's meeting is 404."""
    meeting = schedule(world.coach, learner=world.learner, mode="video", video_link="https://meet.example/a")
    group_meeting = schedule(world.coach, group=world.group, days=5)
    other = schedule(world.other_coach, learner=world.stranger)
    client = as_user(world.learner)
    page = client.get("/learn/").text
    assert f"/learn/meetings/{meeting.id}.ics" in page and f"/learn/meetings/{group_meeting.id}.ics" in page
    response = client.get(f"/learn/meetings/{meeting.id}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    event = Calendar.from_ical(response.data).walk("VEVENT")[0]
    assert event.decoded("dtstart") == meeting.starts_at and b"TZID=Europe/Helsinki" in response.data
    assert client.get(f"/learn/meetings/{other.id}.ics").status_code == 404
    assert as_user(world.coach).get(f"/learn/meetings/{meeting.id}.ics").status_code == 403
