"""Meetings a coach holds with one learner or with a group: schedule, mark held or not held, notes.

A learner reads the meetings with them and with their groups, and the notes that are not internal.
"""

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.core import audit
from app.core.accounts.models import Group, User, group_members
from app.core.accounts.policy import require_learner, sees_learner, visible_groups
from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from service.access import require_writer
from service.models import Meeting, MeetingMode, MeetingNote, MeetingState

MAX_NOTE = 4000
MAX_REASON = 300


def _checked_link(mode: MeetingMode, video_link: str | None) -> str | None:
    link = (video_link or "").strip()
    if mode != MeetingMode.VIDEO:
        return None
    if not link.startswith("https://") or len(link) > 500 or any(c.isspace() for c in link):
        raise Invalid(N_("A video meeting needs its link, starting with https://."))
    return link


def schedule_meeting(actor: User, *, starts_at: datetime, minutes: int, mode: str, learner_id: int | None = None,
                     group_id: int | None = None, video_link: str | None = None, planned_note: str = "") -> Meeting:
    """An upcoming meeting with one learner or one of the actor's groups."""
    require_writer(actor)
    if (learner_id is None) == (group_id is None):
        raise Invalid(N_("Choose either one learner or one group for the meeting."))
    if learner_id is not None:
        require_learner(actor, learner_id)
    elif db.session.scalar(select(Group.id).where(Group.id == group_id, Group.id.in_(visible_groups(actor)))) is None:
        raise NotFound()
    if not isinstance(starts_at, datetime) or starts_at.tzinfo is None:
        raise Invalid(N_("Give the date and time of the meeting."))
    starts_at = starts_at.replace(second=0, microsecond=0)
    if starts_at <= utcnow():
        raise Invalid(N_("That time has already passed; an upcoming meeting needs a time in the future."))
    if not isinstance(minutes, int) or not 5 <= minutes <= 480:
        raise Invalid(N_("A meeting lasts from 5 minutes to 8 hours."))
    if mode not in set(MeetingMode):
        raise Invalid(N_("Choose how the meeting is held."))
    mode = MeetingMode(mode)
    note = (planned_note or "").strip()
    if len(note) > MAX_NOTE:
        raise Invalid(N_("Write at most %(count)s characters."), count=MAX_NOTE)
    meeting = Meeting(coach_id=actor.id, learner_id=learner_id, group_id=group_id, starts_at=starts_at,
                      minutes=minutes, mode=mode, video_link=_checked_link(mode, video_link), planned_note=note,
                      state=MeetingState.PLANNED)
    db.session.add(meeting)
    db.session.flush()
    audit.record(actor, "service.meeting.schedule", meeting, {"learner_id": learner_id, "group_id": group_id})
    return meeting


def _seen(actor: User):
    """A condition: the meeting is with a learner or a group the actor works with."""
    return or_(and_(Meeting.learner_id.is_not(None), sees_learner(actor, Meeting.learner_id)),
               Meeting.group_id.in_(visible_groups(actor)))


def get_meeting(actor: User, meeting_id: int) -> Meeting:
    """A meeting the coach or admin works with, else NotFound."""
    require_writer(actor)
    meeting = db.session.scalar(select(Meeting).where(Meeting.id == meeting_id, _seen(actor)))
    if meeting is None:
        raise NotFound()
    return meeting


def _planned(actor: User, meeting_id: int) -> Meeting:
    meeting = get_meeting(actor, meeting_id)
    if meeting.state != MeetingState.PLANNED:
        raise Invalid(N_("This meeting is already marked held or not held."))
    return meeting


def mark_held(actor: User, meeting_id: int, held_mode: str) -> Meeting:
    """The meeting took place, in the mode it really had."""
    meeting = _planned(actor, meeting_id)
    if meeting.starts_at > utcnow():
        raise Invalid(N_("A meeting that has not begun yet cannot be marked held."))
    if held_mode not in set(MeetingMode):
        raise Invalid(N_("Choose how the meeting was really held."))
    meeting.state, meeting.held_mode, meeting.marked_at = MeetingState.HELD, MeetingMode(held_mode), utcnow()
    db.session.flush()
    audit.record(actor, "service.meeting.held", meeting, {"mode": meeting.held_mode.value})
    return meeting


def mark_not_held(actor: User, meeting_id: int, reason: str) -> Meeting:
    """The meeting did not take place (or is called off), with the reason."""
    meeting = _planned(actor, meeting_id)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(N_("Say briefly why the meeting was not held."))
    if len(reason) > MAX_REASON:
        raise Invalid(N_("Write at most %(count)s characters."), count=MAX_REASON)
    meeting.state, meeting.not_held_reason, meeting.marked_at = MeetingState.NOT_HELD, reason, utcnow()
    db.session.flush()
    audit.record(actor, "service.meeting.not_held", meeting)
    return meeting


def add_note(actor: User, meeting_id: int, text: str, internal: bool = False) -> MeetingNote:
    """A note on a meeting; an internal one is never shown to the learner."""
    meeting = get_meeting(actor, meeting_id)
    text = (text or "").strip()
    if not text:
        raise Invalid(N_("Write the note."))
    if len(text) > MAX_NOTE:
        raise Invalid(N_("Write at most %(count)s characters."), count=MAX_NOTE)
    note = MeetingNote(meeting_id=meeting.id, text=text, internal=bool(internal), by_id=actor.id)
    db.session.add(note)
    db.session.flush()
    audit.record(actor, "service.meeting.note", note, {"meeting_id": meeting.id, "internal": note.internal})
    return note


# --- reading ---------------------------------------------------------------------------------------


def _loaded(query):
    return query.options(selectinload(Meeting.notes), joinedload(Meeting.group), joinedload(Meeting.coach))


def _with_learner(learner_id: int):
    """A condition: the meeting is with the learner, or with a group the learner belongs to."""
    groups = select(group_members.c.group_id).where(group_members.c.user_id == learner_id)
    return or_(Meeting.learner_id == learner_id, Meeting.group_id.in_(groups))


def meetings_of_learner(actor: User, learner_id: int, *, checked: bool = False) -> list[Meeting]:
    """Every meeting with a learner the actor sees (and their groups), newest first; `checked` when
    the caller has just required the learner itself.
    """
    if not checked:
        require_learner(actor, learner_id)
    query = select(Meeting).where(_with_learner(learner_id)).order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    return list(db.session.scalars(_loaded(query)))


def meetings_of_group(actor: User, group_id: int) -> tuple[Group, list[Meeting]]:
    """A group the actor works with and its group meetings, newest first."""
    require_writer(actor)
    group = db.session.scalar(select(Group).where(Group.id == group_id, Group.id.in_(visible_groups(actor))))
    if group is None:
        raise NotFound()
    query = select(Meeting).where(Meeting.group_id == group.id).order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    return group, list(db.session.scalars(_loaded(query)))


def upcoming_for_learner(actor: User, limit: int = 5) -> list[Meeting]:
    """The signed-in learner's next planned meetings, soonest first (one still going counts)."""
    learner = require_learner(actor, actor.id)
    since = utcnow() - timedelta(hours=8)
    query = (select(Meeting).where(_with_learner(learner.id), Meeting.state == MeetingState.PLANNED,
                                   Meeting.starts_at >= since)
             .order_by(Meeting.starts_at, Meeting.id).limit(limit))
    return [m for m in db.session.scalars(_loaded(query)) if m.ends_at > utcnow()]


def earlier_for_learner(actor: User, limit: int = 10) -> list[Meeting]:
    """The signed-in learner's latest meetings that have begun or are marked, newest first, for their notes."""
    learner = require_learner(actor, actor.id)
    query = (select(Meeting).where(_with_learner(learner.id),
                                   or_(Meeting.starts_at < utcnow(), Meeting.state != MeetingState.PLANNED))
             .order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(limit))
    return list(db.session.scalars(_loaded(query)))


def learner_meeting(actor: User, meeting_id: int) -> Meeting:
    """One meeting with the signed-in learner or their group, else NotFound."""
    learner = require_learner(actor, actor.id)
    meeting = db.session.scalar(_loaded(select(Meeting).where(Meeting.id == meeting_id, _with_learner(learner.id))))
    if meeting is None:
        raise NotFound()
    return meeting


def shared_notes(meeting: Meeting) -> list[MeetingNote]:
    """The notes a learner may read: never the internal ones."""
    return [note for note in meeting.notes if not note.internal]
