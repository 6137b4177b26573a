"""Meetings: scheduled for a learner or a group of the coach's, marked held or not held, notes."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from app.core.db import db, utcnow
from app.core.errors import Forbidden, Invalid, NotFound
from service import meetings
from service.calendar import meeting_ics
from service.models import Meeting, MeetingState
from tests.service_factory import schedule


def test_a_coach_schedules_for_their_learner_or_group_only(world):
    """Another coach's learner or group is not found; a learner cannot schedule; exactly one target."""
    schedule(world.coach, learner=world.learner)
    schedule(world.coach, group=world.group)
    with pytest.raises(NotFound):
        schedule(world.coach, learner=world.stranger)
    with pytest.raises(NotFound):
        schedule(world.coach, group=world.other_group)
    with pytest.raises(Forbidden):
        schedule(world.learner, learner=world.learner)
    with pytest.raises(Invalid):
        schedule(world.coach, learner=world.learner, group=world.group)


@pytest.mark.parametrize("overrides", [
    {"days": -1}, {"minutes": 2}, {"mode": "letter"}, {"mode": "video"}, {"mode": "video", "video_link": "http://x"},
])
def test_bad_meetings_are_refused_and_nothing_is_written(world, overrides):
    """A time already passed, an odd length or mode, or a video meeting without an https link is refused."""
    with pytest.raises(Invalid):
        schedule(world.coach, learner=world.learner, **overrides)
    db.session.rollback()
    assert Meeting.query.count() == 0


def test_held_needs_a_begun_meeting_and_not_held_a_reason(world):
    """A future meeting cannot be marked held; not held needs a reason; a marked meeting stays marked."""
    upcoming = schedule(world.coach, learner=world.learner)
    with pytest.raises(Invalid):
        meetings.mark_held(world.coach, upcoming.id, "phone")
    with pytest.raises(Invalid):
        meetings.mark_not_held(world.coach, upcoming.id, " ")
    meetings.mark_not_held(world.coach, upcoming.id, "Sairastui")
    assert upcoming.state == MeetingState.NOT_HELD
    with pytest.raises(Invalid):
        meetings.mark_not_held(world.coach, upcoming.id, "Toinen")
    began = schedule(world.coach, learner=world.learner)
    began.starts_at = utcnow() - timedelta(hours=1)
    meetings.mark_held(world.coach, began.id, "phone")
    assert began.state == MeetingState.HELD and began.held_mode == "phone"
    with pytest.raises(NotFound):
        meetings.mark_held(world.other_coach, began.id, "phone")


def test_the_learner_sees_own_and_group_meetings_without_internal_notes(world):
    """The learner's upcoming list has their own and their group's meetings; internal notes stay hidden."""
    own = schedule(world.coach, learner=world.learner, days=1)
    group = schedule(world.coach, group=world.group, days=3)
    schedule(world.other_coach, learner=world.stranger)
    meetings.add_note(world.coach, own.id, "Tuo CV mukaan")
    meetings.add_note(world.coach, own.id, "Sisäinen huomio", internal=True)
    db.session.commit()
    assert [m.id for m in meetings.upcoming_for_learner(world.learner)] == [own.id, group.id]
    assert [n.text for n in meetings.shared_notes(meetings.learner_meeting(world.learner, own.id))] == ["Tuo CV mukaan"]
    with pytest.raises(NotFound):
        meetings.learner_meeting(world.stranger, own.id)


def test_the_calendar_file_has_the_helsinki_time_zone(world):
    """The .ics event starts at the meeting's time with TZID Europe/Helsinki and a VTIMEZONE."""
    meeting = schedule(world.coach, learner=world.learner, mode="video", video_link="https://meet.example/abc")
    data = meeting_ics(meeting, "Tapaaminen", "Kuvaus", "", "verstas.example")
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert event.decoded("dtstart") == meeting.starts_at
    assert b"TZID=Europe/Helsinki" in data and b"BEGIN:VTIMEZONE" in data
    assert str(event["url"]) == "https://meet.example/abc"
