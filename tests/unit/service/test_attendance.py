from datetime import date

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.db import db
from app.core.errors import Invalid, NotFound
from service import attendance, check_in
from service.attendance_models import ParticipationDay
from tests.attendance_factory import make_day, make_period

MONDAY = date(2026, 11, 30)
TODAY = date(2026, 12, 3)  # a Thursday


def _rows():
    return {(e.learner_id, e.day): (e.mode, e.absence_reason, e.confirmed)
            for e in db.session.scalars(select(ParticipationDay))}


def _save(world, choices, versions=None, actor=None):
    return attendance.record_week(actor or world.coach, world.group.id, MONDAY, choices, versions or {}, on=TODAY)


def test_a_week_is_saved_for_the_learners_with_a_period(world):
    """Each chosen day becomes one confirmed row, recorded by the coach, and is written to the audit log."""
    make_period(world.learner)
    saved = _save(world, {(world.learner.id, MONDAY): "on_site",
                          (world.learner.id, date(2026, 12, 1)): "absent:ill",
                          (world.learner.id, date(2026, 12, 2)): "remote",
                          (world.learner2.id, MONDAY): ""})
    assert saved == 3
    assert _rows()[(world.learner.id, date(2026, 12, 1))] == ("absent", "ill", True)
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "participation.record").limit(1))


@pytest.mark.parametrize(("day", "value", "words"), [
    (date(2026, 12, 4), "on_site", "has not come yet"),
    (MONDAY, "absent", "reason for the absence"),
    (MONDAY, "absent:holiday", "reason for the absence"),
    (MONDAY, "sleeping", "workshop, remote or absent"),
])
def test_bad_days_refuse_the_whole_week(world, day, value, words):
    """A future day, an absence without a known reason or an unknown mode refuses the week: nothing is written."""
    make_period(world.learner)
    with pytest.raises(Invalid) as refused:
        _save(world, {(world.learner.id, date(2026, 12, 1)): "on_site", (world.learner.id, day): value})
    assert words in refused.value.message
    db.session.rollback()
    assert _rows() == {}


def test_a_day_outside_the_period_is_refused(world):
    """A day before the period starts, or for a learner without a period, cannot be recorded."""
    make_period(world.learner, starts_on=date(2026, 12, 2))
    with pytest.raises(Invalid) as refused:
        _save(world, {(world.learner.id, MONDAY): "on_site"})
    assert "outside" in refused.value.message
    with pytest.raises(Invalid):
        _save(world, {(world.learner2.id, date(2026, 12, 2)): "on_site"})


def test_a_correction_updates_the_row_and_audits_old_and_new(world):
    """A second entry for a day changes the one row and logs what it was and what it became."""
    make_period(world.learner)
    entry = make_day(world.learner, MONDAY, by=world.coach)
    _save(world, {(world.learner.id, MONDAY): "absent:appointment"}, {(world.learner.id, MONDAY): entry.version})
    assert _rows() == {(world.learner.id, MONDAY): ("absent", "appointment", True)}
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "participation.correct"))
    assert event.details["old"]["mode"] == "on_site" and event.details["new"]["absence_reason"] == "appointment"


def test_a_stale_form_is_refused_and_nothing_is_lost(world):
    """A form opened before another coach saved the day is refused; the other coach's entry stays."""
    make_period(world.learner)
    make_day(world.learner, MONDAY, mode="remote", by=world.coach)  # saved after the form showed no entry
    with pytest.raises(Invalid) as refused:
        _save(world, {(world.learner.id, MONDAY): "on_site"}, {(world.learner.id, MONDAY): 0})
    assert refused.value.message == attendance.STALE
    db.session.rollback()
    assert _rows() == {(world.learner.id, MONDAY): ("remote", None, True)}


def test_a_coach_cannot_record_another_coachs_group_or_learner(world):
    """Another coach's group is not found, and a learner outside the group cannot be slipped into the form."""
    make_period(world.stranger)
    with pytest.raises(NotFound):
        attendance.record_week(world.coach, world.other_group.id, MONDAY, {}, {}, on=TODAY)
    with pytest.raises(NotFound):
        _save(world, {(world.stranger.id, MONDAY): "on_site"})
    with pytest.raises(NotFound):
        attendance.week_grid(world.learner, world.group.id, MONDAY, on=TODAY)


def test_the_learner_checks_in_remote_and_the_coach_confirms(world):
    """A check-in waits unconfirmed until the group's coach confirms it; another coach cannot."""
    make_period(world.learner)
    assert check_in.today_state(world.learner, TODAY).state == check_in.CheckIn.OPEN
    entry = check_in.check_in_remote(world.learner, TODAY)
    assert check_in.today_state(world.learner, TODAY).state == check_in.CheckIn.WAITING
    assert check_in.check_in_remote(world.learner, TODAY) is entry  # a second tap changes nothing
    with pytest.raises(NotFound):
        check_in.confirm(world.other_coach, entry.id)
    check_in.confirm(world.coach, entry.id)
    assert check_in.today_state(world.learner, TODAY).state == check_in.CheckIn.CONFIRMED


def test_no_check_in_without_a_current_period_or_on_a_weekend(world):
    """Outside a current period, or on a Saturday, there is nothing to check in to."""
    assert check_in.today_state(world.learner, TODAY) is None
    with pytest.raises(Invalid):
        check_in.check_in_remote(world.learner, TODAY)
    make_period(world.learner)
    assert check_in.today_state(world.learner, date(2026, 12, 5)) is None
    with pytest.raises(Invalid):
        check_in.check_in_remote(world.learner, date(2026, 12, 5))


def test_a_check_in_after_the_coach_recorded_the_day_is_refused(world):
    """The coach's entry for today is not overwritten by the learner's check-in."""
    make_period(world.learner)
    make_day(world.learner, TODAY, mode="on_site", by=world.coach)
    assert check_in.today_state(world.learner, TODAY).state == check_in.CheckIn.RECORDED
    with pytest.raises(Invalid):
        check_in.check_in_remote(world.learner, TODAY)


def test_weeks_are_written_as_iso_weeks():
    """2026-W49 is the week of Monday 30 November 2026; odd text is no week."""
    assert attendance.parse_week("2026-W49") == MONDAY
    assert attendance.week_text(MONDAY) == "2026-W49"
    assert attendance.parse_week("2026-W60") is None and attendance.parse_week("x") is None
