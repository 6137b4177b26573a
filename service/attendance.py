"""Recording participation days: a group's week by the coach, a learner's own remote check-in, and the
coach's confirmation of it. Services flush; the web layer commits once per request.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.core import audit
from app.core.accounts.models import Role, User
from app.core.accounts.policy import sees_learner
from app.core.accounts.service import group_learner_ids, group_name
from app.core.db import db, utcnow
from app.core.errors import Invalid, NotFound
from app.core.i18n import N_
from service.access import HELSINKI, today
from service.attendance_models import AbsenceReason, Mode, ParticipationDay
from service.models import ServicePeriod

WEEKDAYS = 5
STALE = N_("Someone else saved this week after you opened it, so nothing was saved. The days marked "
           "below show what is saved now: check them and save again.")


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_week(text: str | None) -> date | None:
    """The Monday of an ISO week written as 2026-W49, or None for anything else."""
    try:
        year, week = (text or "").split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return None


def week_text(monday: date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def day_text(day: date) -> str:
    """A day as people write it in Finland (7.12.2026), for messages."""
    return f"{day.day}.{day.month}.{day.year}"


@dataclass(frozen=True)
class Cell:
    """One learner's day in the grid: what is saved (if anything) and whether it may be recorded."""

    learner_id: int
    day: date
    open: bool  # inside a service period and not in the future
    entry: ParticipationDay | None

    @property
    def version(self) -> int:
        return self.entry.version if self.entry else 0

    @property
    def value(self) -> str:
        """The entry as the grid's one choice: on_site, remote or absent:<reason>; empty when none."""
        if self.entry is None:
            return ""
        if self.entry.mode == Mode.ABSENT:
            return f"absent:{self.entry.absence_reason}"
        return str(self.entry.mode)

    @property
    def waiting(self) -> bool:
        """The learner's own check-in that the coach has not confirmed yet."""
        return self.entry is not None and not self.entry.confirmed


@dataclass(frozen=True)
class LearnerWeek:
    learner_id: int
    name: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class WeekGrid:
    group_id: int
    group_name: str
    monday: date
    today: date
    learners: tuple[LearnerWeek, ...]

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.monday + timedelta(days=n) for n in range(WEEKDAYS))

    def cell(self, learner_id: int, day: date) -> Cell | None:
        for learner in self.learners:
            if learner.learner_id == learner_id:
                return next((c for c in learner.cells if c.day == day), None)
        return None

    @property
    def waiting(self) -> list[tuple[str, Cell]]:
        return [(learner.name, cell) for learner in self.learners for cell in learner.cells if cell.waiting]


def _period_end(period) -> date:
    if period.ended_at is None:
        return period.planned_end_on
    return min(period.planned_end_on, period.ended_at.astimezone(HELSINKI).date())


def _in_a_period(periods, day: date) -> bool:
    return any(p.starts_on <= day <= _period_end(p) for p in periods)


def week_grid(actor: User, group_id: int, monday: date, on: date | None = None) -> WeekGrid:
    """The group's learners and their Monday-to-Friday, in four queries."""
    on = on or today()
    group = group_name(actor, group_id)
    friday = monday + timedelta(days=WEEKDAYS - 1)
    learners = db.session.execute(
        select(User.id, User.display_name)
        .where(User.id.in_(group_learner_ids(group_id)), User.role == Role.LEARNER, sees_learner(actor, User.id))
        .order_by(User.display_name, User.id)).all()
    ids = [learner.id for learner in learners]
    periods: dict[int, list] = {}
    for period in db.session.execute(
            select(ServicePeriod.learner_id, ServicePeriod.starts_on, ServicePeriod.planned_end_on,
                   ServicePeriod.ended_at)
            .where(ServicePeriod.learner_id.in_(ids), ServicePeriod.starts_on <= friday,
                   ServicePeriod.planned_end_on >= monday)):
        periods.setdefault(period.learner_id, []).append(period)
    entries = {(e.learner_id, e.day): e for e in db.session.scalars(
        select(ParticipationDay).where(ParticipationDay.learner_id.in_(ids),
                                       ParticipationDay.day.between(monday, friday)))}
    days = [monday + timedelta(days=n) for n in range(WEEKDAYS)]
    return WeekGrid(group.id, group.name, monday, on, tuple(
        LearnerWeek(learner.id, learner.display_name, tuple(
            Cell(learner.id, day, day <= on and _in_a_period(periods.get(learner.id, ()), day),
                 entries.get((learner.id, day)))
            for day in days))
        for learner in learners))


def parse_choice(value: str) -> tuple[Mode | None, AbsenceReason | None]:
    """The grid's choice as a mode and a reason; a None mode for anything the grid does not offer, a
    None reason for an absence without one.
    """
    mode, _sep, reason = value.partition(":")
    if mode not in set(Mode) or (mode != Mode.ABSENT and reason):
        return None, None
    if mode != Mode.ABSENT:
        return Mode(mode), None
    return Mode.ABSENT, AbsenceReason(reason) if reason in set(AbsenceReason) else None


def stale_cells(grid: WeekGrid, versions: dict[tuple[int, date], int]) -> set[tuple[int, date]]:
    """The days whose saved entry changed after the form showing `versions` was opened."""
    return {key for key, version in versions.items()
            if (cell := grid.cell(*key)) is not None and cell.version != version}


def record_week(actor: User, group_id: int, monday: date, choices: dict[tuple[int, date], str],
                versions: dict[tuple[int, date], int], on: date | None = None) -> int:
    """Save a week of the group as a whole, or nothing: every day is checked before anything is written.

    `choices` maps (learner id, day) to the grid's choice ("" leaves the day as it is); `versions` are
    the entries' versions the form showed. Returns how many days were written.
    """
    grid = week_grid(actor, group_id, monday, on)
    if stale_cells(grid, versions):
        raise Invalid(STALE)
    changes = []
    for (learner_id, day), value in sorted(choices.items()):
        cell = grid.cell(learner_id, day)
        if cell is None:
            raise NotFound()
        if not value:
            continue
        name = next(learner.name for learner in grid.learners if learner.learner_id == learner_id)
        mode, reason = parse_choice(value)
        if mode is None:
            raise Invalid(N_("%(name)s, %(day)s: choose at the workshop, remote or absent."),
                          name=name, day=day_text(day))
        if mode == Mode.ABSENT and reason is None:
            raise Invalid(N_("%(name)s, %(day)s: choose the reason for the absence."), name=name, day=day_text(day))
        if day > grid.today:
            raise Invalid(N_("%(name)s, %(day)s: the day has not come yet. Record only days that have passed."),
                          name=name, day=day_text(day))
        if not cell.open:
            raise Invalid(N_("%(name)s, %(day)s: the day is outside the learner's service period."),
                          name=name, day=day_text(day))
        if cell.entry is None or (cell.entry.mode, cell.entry.absence_reason) != (mode, reason):
            changes.append((cell, mode, reason))
    try:
        for cell, mode, reason in changes:
            _write(actor, cell, mode, reason)
        db.session.flush()
    except (IntegrityError, StaleDataError):
        # Another coach saved the same day between our reading and our writing.
        raise Invalid(STALE) from None
    return len(changes)


def _write(actor: User, cell: Cell, mode: Mode, reason: AbsenceReason | None) -> None:
    entry = cell.entry
    if entry is None:
        entry = ParticipationDay(learner_id=cell.learner_id, day=cell.day, mode=mode, absence_reason=reason,
                                 recorded_by_id=actor.id, confirmed=True)
        db.session.add(entry)
        db.session.flush()
        audit.record(actor, "participation.record", entry, {"learner_id": cell.learner_id,
                                                            "day": cell.day.isoformat(), "new": entry.state()})
        return
    old = entry.state()
    entry.mode, entry.absence_reason = mode, reason
    entry.recorded_by_id, entry.recorded_at, entry.confirmed = actor.id, utcnow(), True
    audit.record(actor, "participation.correct", entry, {"learner_id": cell.learner_id, "day": cell.day.isoformat(),
                                                         "old": old, "new": entry.state()})
