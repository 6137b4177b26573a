"""The figure cells always equal what the live aggregate queries count, whatever wrote the rows."""

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, select

from app.core.accounts.models import Role
from app.core.db import db
from competence.certificate_models import Certificate
from courses.models import ProgressEvent
from service import figure_cells, figures_queries
from service.attendance_models import ParticipationDay
from service.figure_cells import COUNTS, KINDS, FigureCell
from service.models import Meeting, MeetingState
from tests.attendance_factory import make_day, make_period
from tests.certificate_factory import accept
from tests.competence_factory import make_framework
from tests.course_factory import make_course
from tests.feedback_factory import answer, make_round

FAR = date(2100, 1, 1)


def live() -> dict:
    """Every non-empty cell as the aggregate queries count it from the rows, for every kind."""
    cells = {}
    for kind in KINDS:
        counts = {}
        for query in figures_queries.ALL:
            query(counts, None, figure_cells.learners_of_kind(kind), figure_cells.EARLIEST, FAR)
        cells.update({(kind, month, gid): {n: values.get(n, 0) for n in COUNTS}
                      for (month, gid), values in counts.items() if any(values.values())})
    return cells


def kept() -> dict:
    rows = db.session.execute(select(FigureCell.kind, FigureCell.month, FigureCell.group_id,
                                     *(getattr(FigureCell, n) for n in COUNTS)))
    return {(r[0], r[1], r[2]): dict(zip(COUNTS, r[3:], strict=True)) for r in rows if any(r[3:])}


def _everything(world, make_user):
    """Days, a group meeting and a learner's meeting held, a module done, objectives accepted, a
    certificate, and a feedback answer: each written the way the platform writes it."""
    learner = make_user(Role.LEARNER, groups=[world.group])
    make_period(learner, starts_on=date(2026, 10, 1))
    make_period(world.learner, starts_on=date(2026, 10, 1), kind="kuntouttava_tyotoiminta")
    make_day(learner, date(2026, 11, 2), by=world.coach)
    make_day(learner, date(2026, 11, 3), mode="remote", by=world.coach)
    make_day(world.learner, date(2026, 11, 3), mode="absent", reason="ill", by=world.coach)
    at = datetime(2026, 11, 10, 8, tzinfo=UTC)
    db.session.add_all([
        Meeting(coach_id=world.coach.id, group_id=world.group.id, starts_at=at, minutes=60, mode="on_site",
                state=MeetingState.HELD, held_mode="on_site"),
        Meeting(coach_id=world.coach.id, learner_id=learner.id, starts_at=at, minutes=30, mode="phone",
                state=MeetingState.HELD, held_mode="video"),
    ])
    course = make_course()
    for step in course.modules[0].steps:
        db.session.add(ProgressEvent(learner_id=learner.id, step_id=step.id, kind="read",
                                     at=datetime(2026, 11, 12, tzinfo=UTC)))
    db.session.commit()
    make_framework()
    accept(world.coach, world.learner)
    db.session.add(Certificate(learner_id=learner.id, code="Y" * 20, language="fi", content={}, pdf=b"%PDF",
                               sha256="1" * 64, status_index=3, subject_id="urn:uuid:y", issued_by_id=world.coach.id,
                               issued_at=datetime(2026, 11, 20, tzinfo=UTC)))
    db.session.commit()
    answer(learner, make_round(world.admin, course))
    return learner


def test_every_kind_of_write_keeps_the_cells_equal_to_the_live_counts(world, make_user):
    """After days, meetings, a module, decisions, a certificate and a feedback answer, each cell of each
    service kind holds what the live queries count, and every count is in some cell."""
    _everything(world, make_user)
    cells = kept()
    assert cells == live()
    counted = {name for values in cells.values() for name, value in values.items() if value}
    assert counted == set(COUNTS) - {"meetings_phone", "meetings_chat"}


def test_a_correction_and_a_move_to_another_group_recompute_the_past_months(world, make_user):
    """A corrected day changes its month's cell; a learner moved to another group takes their history
    along, as the live counts do."""
    learner = _everything(world, make_user)
    day = db.session.scalar(select(ParticipationDay).where(ParticipationDay.learner_id == learner.id,
                                                          ParticipationDay.mode == "remote"))
    day.mode = "on_site"
    db.session.commit()
    world.group.learners.remove(learner)
    world.other_group.learners.append(learner)
    db.session.commit()
    cells = kept()
    assert cells == live()
    assert cells[("", "2026-11", world.other_group.id)]["on_site"] == 2


def test_a_rolled_back_write_leaves_the_cells_as_they_were(world, make_user):
    """Nothing of a transaction that did not commit is in the cells."""
    learner = make_user(Role.LEARNER, groups=[world.group])
    make_day(learner, date(2026, 11, 2), by=world.coach)
    before = kept()
    db.session.add(ParticipationDay(learner_id=learner.id, day=date(2026, 11, 4), mode="remote",
                                    recorded_by_id=world.coach.id))
    db.session.flush()
    db.session.rollback()
    make_day(world.learner, date(2026, 12, 1), by=world.coach)
    assert kept()[("", "2026-11", world.group.id)] == before[("", "2026-11", world.group.id)]
    assert kept() == live()


def test_rebuild_counts_rows_that_bulk_statements_wrote(world, make_user):
    """Rows inserted with a Core statement (as the benchmark's builder does) are counted after a rebuild."""
    _everything(world, make_user)
    db.session.execute(insert(ParticipationDay), [
        {"learner_id": world.learner2.id, "day": date(2026, 9, n), "mode": "on_site", "recorded_by_id": world.coach.id,
         "recorded_at": datetime(2026, 9, n, tzinfo=UTC), "confirmed": True, "version": 1} for n in range(1, 4)])
    db.session.commit()
    assert kept() != live()
    figure_cells.rebuild()
    db.session.commit()
    assert kept() == live()
    assert kept()[("", "2026-09", world.group.id)]["on_site"] == 3


def test_two_writers_in_one_group_at_once_are_both_counted(app, world, make_user):
    """Two transactions record a day for two learners of a group at the same moment: the cell counts both
    (each recomputation waits for the other's commit and reads it)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite lets only one writer in at a time, so no race can happen")
    learner = make_user(Role.LEARNER, groups=[world.group])
    make_day(world.learner, date(2026, 11, 2), by=world.coach)
    barrier, errors = threading.Barrier(2), []
    ids, coach_id = [world.learner.id, learner.id], world.coach.id

    def record(learner_id):
        with app.app_context():
            try:
                db.session.add(ParticipationDay(learner_id=learner_id, day=date(2026, 11, 3), mode="remote",
                                                recorded_by_id=coach_id))
                db.session.flush()
                barrier.wait(timeout=10)
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
                db.session.rollback()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=record, args=(learner_id,)) for learner_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    db.session.expire_all()
    assert kept() == live()
    assert kept()[("", "2026-11", world.group.id)]["remote"] == 2
