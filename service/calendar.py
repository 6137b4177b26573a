"""A meeting as a calendar file (.ics, RFC 5545) that a phone adds with one tap; times in Helsinki."""

from icalendar import Calendar, Event

from app.core.db import utcnow
from service.access import HELSINKI
from service.models import Meeting


def meeting_ics(meeting: Meeting, summary: str, description: str, location: str, host: str) -> bytes:
    """The meeting as one VEVENT; texts come translated from the caller, `host` makes the UID unique."""
    calendar = Calendar()
    calendar.add("prodid", "-//Verstas//meetings//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{host}")
    event.add("dtstamp", utcnow())
    event.add("dtstart", meeting.starts_at.astimezone(HELSINKI))
    event.add("dtend", meeting.ends_at.astimezone(HELSINKI))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if meeting.video_link:
        event.add("url", meeting.video_link)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
