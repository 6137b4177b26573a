"""Meetings on the web: scheduling for a learner or a group, marking held or not, notes, as each role."""

from datetime import timedelta

from app.core.db import db, utcnow
from service.access import HELSINKI
from service.models import Meeting, MeetingNote, MeetingState
from tests.conftest import post_form
from tests.service_factory import schedule


def _form(days=2, **overrides):
    at = (utcnow() + timedelta(days=days)).astimezone(HELSINKI)
    data = {"day": at.date().isoformat(), "start": "10:30", "minutes": "45", "mode": "on_site",
            "video_link": "", "planned_note": "Tavoitteiden katsaus"}
    return {**data, **overrides}


def test_a_coach_schedules_a_meeting_in_helsinki_time(world, as_user):
    """The day and time are Finnish time; the stored start is the same moment in UTC."""
    client = as_user(world.coach)
    path = f"/coach/learners/{world.learner.id}/meetings"
    assert post_form(client, path, _form()).status_code == 302
    meeting = db.session.query(Meeting).one()
    local = meeting.starts_at.astimezone(HELSINKI)
    assert (local.hour, local.minute) == (10, 30) and meeting.learner_id == world.learner.id
    assert f"/coach/meetings/{meeting.id}" in client.get(path).text


def test_a_meeting_in_the_past_or_a_video_without_link_is_refused(world, as_user):
    """An upcoming meeting in the past, or a video meeting without its https link: 400 and nothing written."""
    client = as_user(world.coach)
    path = f"/coach/groups/{world.group.id}/meetings"
    for data in (_form(days=-2), _form(mode="video"), _form(minutes="7")):
        response = post_form(client, path, data)
        assert response.status_code == 400 and 'class="error"' in response.text
    assert db.session.query(Meeting).count() == 0
    assert post_form(client, path, _form(mode="video", video_link="https://meet.example/x")).status_code == 302


def test_other_coaches_and_learners_do_not_reach_meetings(world, as_user):
    """Another coach's learner, group or meeting is 404; learners get 403 on the coach's meeting pages."""
    theirs = schedule(world.other_coach, learner=world.stranger)
    client = as_user(world.coach)
    assert client.get(f"/coach/learners/{world.stranger.id}/meetings").status_code == 404
    assert client.get(f"/coach/groups/{world.other_group.id}/meetings").status_code == 404
    assert client.get(f"/coach/meetings/{theirs.id}").status_code == 404
    token = f"/coach/learners/{world.learner.id}/meetings"
    for path, data in ((f"/coach/meetings/{theirs.id}/held", {"held_mode": "phone"}),
                       (f"/coach/meetings/{theirs.id}/not-held", {"reason": "x"}),
                       (f"/coach/meetings/{theirs.id}/notes", {"text": "x"})):
        assert post_form(client, path, data, token_from=token).status_code == 404
    assert as_user(world.learner).get(f"/coach/meetings/{theirs.id}").status_code == 403
    assert as_user(world.admin).get(f"/coach/meetings/{theirs.id}").status_code == 200
    assert theirs.state == MeetingState.PLANNED and db.session.query(MeetingNote).count() == 0


def test_held_in_the_future_is_refused_and_not_held_needs_a_reason(world, as_user):
    """Marking a future meeting held gets a message; not held with a reason is saved."""
    meeting = schedule(world.coach, learner=world.learner)
    client = as_user(world.coach)
    path = f"/coach/meetings/{meeting.id}"
    response = post_form(client, f"{path}/held", {"held_mode": "phone"}, token_from=path)
    assert response.status_code == 400 and 'class="error"' in response.text
    assert post_form(client, f"{path}/not-held", {"reason": ""}, token_from=path).status_code == 400
    assert post_form(client, f"{path}/not-held", {"reason": "Sairastui"}, token_from=path).status_code == 302
    db.session.expire_all()
    assert meeting.state == MeetingState.NOT_HELD and meeting.not_held_reason == "Sairastui"


def test_internal_notes_are_never_shown_to_the_learner(world, as_user):
    """A shared note shows on the learner's My path and My plan; an internal one shows only to the coach."""
    meeting = schedule(world.coach, learner=world.learner)
    coach = as_user(world.coach)
    path = f"/coach/meetings/{meeting.id}"
    post_form(coach, f"{path}/notes", {"text": "Tuo CV mukaan"}, token_from=path)
    post_form(coach, f"{path}/notes", {"text": "Salainen huomio", "internal": "y"}, token_from=path)
    assert "Salainen huomio" in coach.get(path).text
    learner = as_user(world.learner)
    for page in ("/learn/", "/learn/plan"):
        html = learner.get(page).text
        assert "Tuo CV mukaan" in html and "Salainen huomio" not in html, page
    assert "Salainen" not in learner.get(f"/learn/meetings/{meeting.id}.ics").text


def test_notes_of_a_held_meeting_stay_readable_for_the_learner(world, as_user):
    """After the meeting, My plan lists it with its shared notes, never the internal ones."""
    meeting = schedule(world.coach, learner=world.learner)
    meeting.starts_at = utcnow() - timedelta(hours=2)
    db.session.commit()
    coach = as_user(world.coach)
    path = f"/coach/meetings/{meeting.id}"
    assert post_form(coach, f"{path}/held", {"held_mode": "video"}, token_from=path).status_code == 302
    post_form(coach, f"{path}/notes", {"text": "Sovittiin CV:n päivitys"}, token_from=path)
    post_form(coach, f"{path}/notes", {"text": "Salainen huomio", "internal": "y"}, token_from=path)
    page = as_user(world.learner).get("/learn/plan").text
    assert 'id="earlier-meetings-heading"' in page and "Sovittiin CV:n päivitys" in page
    assert "Salainen huomio" not in page
