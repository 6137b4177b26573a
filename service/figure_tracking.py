"""Keeps the figure cells right: notes what each flush changed that the figures count, and before the
transaction commits recomputes the cells of those groups and months (docs/decisions/0008-figure-cells.md).

One listener for every way of writing (services, the demo, tests' factories) so that no write path
can forget the cells; rows written with bulk Core statements (the benchmark's builder) are followed by
`flask figures rebuild`.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from app.core.accounts.models import Group, User, group_members
from competence.certificate_models import Certificate
from competence.models import Decision, PointsEntry
from courses.feedback.models import FeedbackParticipation, FeedbackRound
from courses.models import ProgressEvent
from service import figure_cells
from service.access import today
from service.attendance_models import ParticipationDay
from service.figures_queries import DONE_EVENTS
from service.models import Meeting, ServicePeriod
from service.months import parse_month

KEY = "figure_cells"
ALL_PARTS = tuple(figure_cells.PARTS)


@dataclass(frozen=True)
class Touch:
    """Cells to recompute: of a learner's groups, of one group, or of every group (None, None); for one
    month, or every month (None).
    """

    learner_id: int | None
    group_id: int | None
    month: date | None
    parts: tuple[str, ...]


def _month(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.astimezone(UTC) if value.tzinfo else value
    return parse_month(f"{value.year:04d}-{value.month:02d}")


def _old_and_new(obj, name: str) -> list:
    history = inspect(obj).attrs[name].history
    values = [*history.deleted, *history.unchanged, *history.added] if history.has_changes() else [getattr(obj, name)]
    return [value for value in values if value is not None]


def _touches(session: Session, obj) -> list[Touch]:
    if isinstance(obj, ParticipationDay):
        return [Touch(obj.learner_id, None, _month(obj.day), ("participation",))]
    if isinstance(obj, Meeting):
        months = [_month(at) for at in _old_and_new(obj, "starts_at")]
        return [Touch(obj.learner_id, obj.group_id, month, ("meetings",)) for month in months]
    if isinstance(obj, ProgressEvent):
        return [Touch(obj.learner_id, None, _month(obj.at), ("modules",))] if obj.kind in DONE_EVENTS else []
    if isinstance(obj, Decision):
        return [Touch(obj.learner_id, None, _month(obj.decided_at), ("objectives",))]
    if isinstance(obj, PointsEntry):
        return [Touch(obj.learner_id, None, _month(obj.created_at), ("osp",))]
    if isinstance(obj, Certificate):
        return [Touch(obj.learner_id, None, _month(obj.issued_at), ("certificates",))]
    if isinstance(obj, FeedbackParticipation):
        closes_on = session.scalar(select(FeedbackRound.closes_on).where(FeedbackRound.id == obj.round_id))
        return [Touch(obj.learner_id, None, _month(closes_on), ("feedback",))]
    if isinstance(obj, FeedbackRound):
        if not _counted_change(session, obj, ("status", "closes_on", "all_learners", "groups")):
            return []
        months = [_month(day) for day in _old_and_new(obj, "closes_on")]
        if any(_old_and_new(obj, "all_learners")):
            return [Touch(None, None, month, ("feedback",)) for month in months]
        return [Touch(None, group.id, month, ("feedback",)) for group in _old_and_new_groups(obj) for month in months]
    if isinstance(obj, ServicePeriod):
        if not _counted_change(session, obj, ("kind", "learner_id")):
            return []
        return [Touch(learner_id, None, None, ALL_PARTS) for learner_id in _old_and_new(obj, "learner_id")]
    if isinstance(obj, User):
        history = inspect(obj).attrs.groups.history
        return [Touch(None, group.id, None, ALL_PARTS) for group in (*history.added, *history.deleted)]
    if isinstance(obj, Group):
        history = inspect(obj).attrs.learners.history
        return [Touch(None, obj.id, None, ALL_PARTS)] if history.added or history.deleted else []
    return []


def _counted_change(session: Session, obj, names: tuple[str, ...]) -> bool:
    """A new or deleted row, or a change of one of the named attributes (the others count for nothing)."""
    if obj in session.new or obj in session.deleted:
        return True
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _old_and_new_groups(obj: FeedbackRound) -> list:
    history = inspect(obj).attrs.groups.history
    return [*history.deleted, *history.unchanged, *history.added] if history.has_changes() else list(obj.groups)


def _note(session: Session, touches: list[Touch]) -> None:
    session.info.setdefault(KEY, set()).update(touches)


@event.listens_for(Session, "before_flush")
def _before_flush(session, _context, _instances):
    # A deleted account's groups are gone after the flush, so they are read before it.
    _note(session, [Touch(None, group.id, None, ALL_PARTS)
                    for user in session.deleted if isinstance(user, User) for group in user.groups])


@event.listens_for(Session, "after_flush")
def _after_flush(session, _context):
    touches = []
    for obj in (*session.new, *session.dirty, *session.deleted):
        touches.extend(_touches(session, obj))
    _note(session, touches)


@event.listens_for(Session, "before_commit")
def _before_commit(session):
    session.flush()  # the commit's own flush comes after this event, and its changes count too
    while touches := session.info.pop(KEY, None):
        _refresh(session, touches)
        session.flush()


@event.listens_for(Session, "after_rollback")
def _after_rollback(session):
    session.info.pop(KEY, None)


def _refresh(session: Session, touches: set[Touch]) -> None:
    """Recompute the touched cells: the cells of every group at once, then the named groups'."""
    learner_ids = {t.learner_id for t in touches if t.learner_id is not None}
    groups_of: dict[int, set[int]] = {}
    if learner_ids:
        for user_id, group_id in session.execute(select(group_members.c.user_id, group_members.c.group_id)
                                                 .where(group_members.c.user_id.in_(learner_ids))):
            groups_of.setdefault(user_id, set()).add(group_id)
    buckets: dict[tuple[bool, tuple[str, ...]], tuple[set[int], set[date | None]]] = {}
    for t in touches:
        every_group = t.learner_id is None and t.group_id is None
        groups, months = buckets.setdefault((every_group, t.parts), (set(), set()))
        if t.group_id is not None:
            groups.add(t.group_id)
        groups.update(groups_of.get(t.learner_id, ()))
        months.add(t.month)
    # One transaction at a time recomputes a group's cells, and reads after the one before it committed:
    # without the lock, two writers in one group would each count only their own new rows.
    every = any(every_group for every_group, _parts in buckets)
    locked = select(Group.id).order_by(Group.id).with_for_update()
    if not every:
        locked = locked.where(Group.id.in_({gid for groups, _months in buckets.values() for gid in groups}))
    session.execute(locked).all()
    for (every_group, parts), (groups, months) in buckets.items():
        if None in months:
            first, last = figure_cells.EARLIEST, today().replace(year=today().year + 5, month=12, day=1)
        else:
            first, last = min(months), max(months)
        figure_cells.refresh(None if every_group else groups, first, last, parts)
