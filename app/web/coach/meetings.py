"""The coach's meetings: with one learner or with one of their groups; schedule, mark held or not
held, and notes, internal or shared with the learner.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.accounts.policy import require_learner
from app.web.coach import bp
from app.web.coach.plan_forms import HeldForm, MeetingForm, MeetingNoteForm, NotHeldForm
from app.web.common.edge import refused_into
from service import meetings


def _schedule(form: MeetingForm, **target):
    """Schedule from a validated form; None when refused (the reason is then on the form)."""
    with refused_into(form.day.errors):
        meeting = meetings.schedule_meeting(current_user, starts_at=form.starts_at(), minutes=form.minutes.data,
                                            mode=form.mode.data, video_link=form.video_link.data,
                                            planned_note=form.planned_note.data, **target)
        flash(_("The meeting was scheduled."), "success")
        return meeting
    return None


@bp.route("/learners/<int:learner_id>/meetings", methods=["GET", "POST"])
def learner_meetings(learner_id):
    learner = require_learner(current_user, learner_id)
    form = MeetingForm()
    if form.validate_on_submit() and _schedule(form, learner_id=learner.id):
        return redirect(url_for("coach.learner_meetings", learner_id=learner.id))
    listed = meetings.meetings_of_learner(current_user, learner.id)
    return render_template("coach/meetings.html", learner=learner, group=None, meetings=listed, form=form), \
        400 if form.errors else 200


@bp.route("/groups/<int:group_id>/meetings", methods=["GET", "POST"])
def group_meetings(group_id):
    group, listed = meetings.meetings_of_group(current_user, group_id)
    form = MeetingForm()
    if form.validate_on_submit() and _schedule(form, group_id=group.id):
        return redirect(url_for("coach.group_meetings", group_id=group.id))
    if form.errors:
        group, listed = meetings.meetings_of_group(current_user, group_id)
    return render_template("coach/meetings.html", learner=None, group=group, meetings=listed, form=form), \
        400 if form.errors else 200


def _meeting_page(meeting_id, status=200, **forms):
    meeting = meetings.get_meeting(current_user, meeting_id)
    return render_template("coach/meeting.html", meeting=meeting,
                           held_form=forms.get("held_form") or HeldForm(formdata=None, held_mode=meeting.mode),
                           not_held_form=forms.get("not_held_form") or NotHeldForm(formdata=None),
                           note_form=forms.get("note_form") or MeetingNoteForm(formdata=None)), status


@bp.get("/meetings/<int:meeting_id>")
def meeting(meeting_id):
    return _meeting_page(meeting_id)


@bp.post("/meetings/<int:meeting_id>/held")
def mark_held(meeting_id):
    form = HeldForm()
    if form.validate_on_submit():
        with refused_into(form.held_mode.errors):
            meetings.mark_held(current_user, meeting_id, form.held_mode.data)
            flash(_("The meeting was marked held."), "success")
            return redirect(url_for("coach.meeting", meeting_id=meeting_id))
    return _meeting_page(meeting_id, 400, held_form=form)


@bp.post("/meetings/<int:meeting_id>/not-held")
def mark_not_held(meeting_id):
    form = NotHeldForm()
    if form.validate_on_submit():
        with refused_into(form.reason.errors):
            meetings.mark_not_held(current_user, meeting_id, form.reason.data)
            flash(_("The meeting was marked not held."), "success")
            return redirect(url_for("coach.meeting", meeting_id=meeting_id))
    return _meeting_page(meeting_id, 400, not_held_form=form)


@bp.post("/meetings/<int:meeting_id>/notes")
def add_meeting_note(meeting_id):
    form = MeetingNoteForm()
    if form.validate_on_submit():
        with refused_into(form.text.errors):
            meetings.add_note(current_user, meeting_id, form.text.data, internal=form.internal.data)
            flash(_("The note was saved."), "success")
            return redirect(url_for("coach.meeting", meeting_id=meeting_id, _anchor="notes"))
    return _meeting_page(meeting_id, 400, note_form=form)
