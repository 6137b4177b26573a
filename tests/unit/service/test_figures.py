from datetime import UTC, date, datetime, timedelta

from sqlalchemy import literal, select

from app.core.accounts.models import Role
from app.core.db import db
from competence.certificate_models import Certificate
from service import figures as figs
from service.models import Meeting
from service.months import month_of, months_between, parse_month
from tests.attendance_factory import make_day, make_period

NOVEMBER = date(2026, 11, 1)


def _fill(world, make_user, learners=6):
    """Six learners in the coach's group, each at the workshop on 2 days and remote on 1 in November."""
    people = [make_user(Role.LEARNER, groups=[world.group]) for _ in range(learners - 2)]
    people += [world.learner, world.learner2]
    for person in people:
        make_period(person, starts_on=date(2026, 10, 1))
        make_day(person, date(2026, 11, 2), by=world.coach)
        make_day(person, date(2026, 11, 3), by=world.coach)
        make_day(person, date(2026, 11, 4), mode="remote", by=world.coach)
    make_day(world.learner, date(2026, 11, 5), mode="absent", reason="ill", by=world.coach)
    make_day(world.learner, date(2026, 11, 6), mode="remote", confirmed=False)  # waiting: not counted
    return people


def test_month_of_reads_dates_and_utc_timestamps_alike(app):
    """The month helper gives YYYY-MM for a date and for a timestamp late on a month's last day (UTC)."""
    day = db.session.scalar(select(month_of(literal(date(2026, 12, 31)))))
    assert day == "2026-12"
    at = db.session.scalar(select(month_of(Meeting.starts_at)).select_from(Meeting).limit(1))
    assert at is None
    assert months_between(date(2026, 11, 1), date(2027, 1, 1))[-1] == date(2027, 1, 1)
    assert parse_month("2026-13") is None and parse_month("2026-1") is None


def test_the_coach_sees_exact_counts_of_their_group(world, make_user):
    """Days are counted by mode (only confirmed ones), with active learners and the remote share."""
    _fill(world, make_user)
    result = figs.figures(world.coach, NOVEMBER, NOVEMBER)
    (row,) = result.rows
    assert (row.month, row.group_id) == ("2026-11", world.group.id)
    assert {k: row.values[k] for k in ("active", "on_site", "remote", "absent")} == {
        "active": 6, "on_site": 12, "remote": 6, "absent": 1}
    assert row.remote_share == figs.Fraction(1, 3)
    assert result.exact


def test_an_admin_sees_small_counts_as_under_five(world, make_user):
    """Counts from 1 to 4 are hidden from an admin; shares made of hidden counts are not shown."""
    people = _fill(world, make_user)
    db.session.add(Certificate(learner_id=people[0].id, code="X" * 20, language="fi", content={}, pdf=b"%PDF",
                               sha256="0" * 64, status_index=7, subject_id="urn:uuid:x", issued_by_id=world.coach.id,
                               issued_at=datetime(2026, 11, 20, tzinfo=UTC)))
    db.session.commit()
    (row,) = figs.figures(world.admin, NOVEMBER, NOVEMBER).rows
    assert row.values["active"] == 6 and row.values["on_site"] == 12
    assert row.values["absent"] is figs.HIDDEN and row.values["certificates"] is figs.HIDDEN
    assert row.remote_share == figs.Fraction(1, 3)
    (coach_row,) = figs.figures(world.coach, NOVEMBER, NOVEMBER).rows
    assert coach_row.values["certificates"] == 1


def test_a_group_of_fewer_than_five_hides_every_number_from_an_admin(world, make_user):
    """With 1 to 4 active learners in the month every non-zero number of the row is hidden, and the month's
    total leaves the row out and says so."""
    _fill(world, make_user, learners=3)
    result = figs.figures(world.admin, NOVEMBER, NOVEMBER)
    (row,) = result.rows
    assert row.values["on_site"] is figs.HIDDEN and row.values["active"] is figs.HIDDEN
    assert row.values["meetings_chat"] == 0 and row.remote_share is None
    (total,) = result.totals
    assert total.values["on_site"] == 0 and total.partial


def test_a_coach_sees_only_their_groups(world, make_user):
    """Another coach's group is not in the figures, and asking for it by id is not found."""
    _fill(world, make_user)
    assert figs.figures(world.other_coach, NOVEMBER, NOVEMBER).rows == ()
    try:
        figs.figures(world.other_coach, NOVEMBER, NOVEMBER, group_id=world.group.id)
    except figs.NotFound:
        pass
    else:
        raise AssertionError("another coach's group was found")


def test_the_service_kind_filter_counts_learners_with_a_period_of_that_kind(world, make_user):
    """Only learners who have a period of the chosen kind are counted."""
    _fill(world, make_user)
    result = figs.figures(world.coach, NOVEMBER, NOVEMBER, kind="kuntouttava_tyotoiminta")
    assert result.rows == ()
    assert figs.figures(world.coach, NOVEMBER, NOVEMBER + timedelta(days=40),
                        kind="sosiaalinen_kuntoutus").rows[0].values["active"] == 6
