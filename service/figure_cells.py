"""The figures' counts kept per month, group and service kind, so that the figures page reads a few
thousand summed rows instead of millions of days, meetings and events (docs/decisions/0008-figure-cells.md).

A cell is never added to or subtracted from: `refresh` recomputes the cells of the groups and months
that a transaction touched with the same aggregate queries (`figures_queries`) that count the live rows,
so a cell always equals what those queries say. `service.figure_tracking` calls it before each commit;
`flask figures rebuild` recomputes every cell.
"""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ForeignKey, Index, String, delete, func, insert, select, true, update
from sqlalchemy.orm import Mapped, mapped_column

from app.core.accounts.models import Group
from app.core.db import db
from service import figures_queries as q
from service.access import today
from service.models import ServiceKind, ServicePeriod
from service.months import month_text, next_month, parse_month

ANY_KIND = ""  # the cells of every learner, whatever their service
KINDS = (ANY_KIND, *ServiceKind)
# Each part of the figures: the query that counts it and the columns it fills.
PARTS = {
    "participation": (q.participation, ("active", "on_site", "remote", "absent")),
    "meetings": (q.meetings, ("meetings_on_site", "meetings_phone", "meetings_video", "meetings_chat")),
    "modules": (q.modules_completed, ("modules",)),
    "objectives": (q.objectives_recognised, ("objectives",)),
    "osp": (q.points, ("osp",)),
    "certificates": (q.certificates, ("certificates",)),
    "feedback": (q.feedback, ("feedback_asked", "feedback_answered")),
}
COUNTS = tuple(column for _query, columns in PARTS.values() for column in columns)
EARLIEST = date(2000, 1, 1)


class FigureCell(db.Model):
    __tablename__ = "figure_cell"
    __table_args__ = (Index("ix_figure_cell_group_month", "group_id", "month"),)

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)  # a ServiceKind or ANY_KIND
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # 2026-12
    group_id: Mapped[int] = mapped_column(ForeignKey("learner_group.id", ondelete="CASCADE"), primary_key=True)
    active: Mapped[int] = mapped_column(default=0)
    on_site: Mapped[int] = mapped_column(default=0)
    remote: Mapped[int] = mapped_column(default=0)
    absent: Mapped[int] = mapped_column(default=0)
    meetings_on_site: Mapped[int] = mapped_column(default=0)
    meetings_phone: Mapped[int] = mapped_column(default=0)
    meetings_video: Mapped[int] = mapped_column(default=0)
    meetings_chat: Mapped[int] = mapped_column(default=0)
    modules: Mapped[int] = mapped_column(default=0)
    objectives: Mapped[int] = mapped_column(default=0)
    osp: Mapped[int] = mapped_column(default=0)
    certificates: Mapped[int] = mapped_column(default=0)
    feedback_asked: Mapped[int] = mapped_column(default=0)
    feedback_answered: Mapped[int] = mapped_column(default=0)


def learners_of_kind(kind: str):
    """The condition that a learner id column belongs to a learner with a period of the kind."""
    if kind == ANY_KIND:
        return lambda column: true()
    return lambda column: column.in_(select(ServicePeriod.learner_id).where(ServicePeriod.kind == kind))


def refresh(group_ids: Iterable[int] | None, first: date, last: date, parts: Iterable[str] = tuple(PARTS)) -> None:
    """Recompute the cells of the groups (None: every group) for the months from `first` to `last`
    (first days of months), for the named parts only. Flushes nothing of its own: it writes in the
    session's transaction.
    """
    parts = [part for part in PARTS if part in set(parts)]
    ids = None if group_ids is None else sorted(set(group_ids))
    if not parts or ids == [] or first > last:
        return
    groups = None if ids is None else select(Group.id).where(Group.id.in_(ids))
    columns = [column for part in parts for column in PARTS[part][1]]
    scope = [FigureCell.month >= month_text(first), FigureCell.month <= month_text(last)]
    if ids is not None:
        scope.append(FigureCell.group_id.in_(ids))
    existing = set(db.session.execute(select(FigureCell.kind, FigureCell.month, FigureCell.group_id).where(*scope)))
    updates, inserts = [], []
    for kind in KINDS:
        counts: q.Counts = {}
        for part in parts:
            PARTS[part][0](counts, groups, learners_of_kind(kind), first, next_month(last))
        keys = {(kind, month, gid) for month, gid in counts} | {key for key in existing if key[0] == kind}
        for key in keys:
            values = {column: counts.get(key[1:], {}).get(column, 0) for column in columns}
            row = {"kind": key[0], "month": key[1], "group_id": key[2], **values}
            if key in existing:
                updates.append(row)
            elif any(values.values()) and (ids is None or key[2] in ids):
                inserts.append(row)
    if updates:
        db.session.execute(update(FigureCell), updates)
    if inserts:
        db.session.execute(insert(FigureCell), inserts)


def rebuild() -> int:
    """Every cell anew from the live rows; returns how many cells there are."""
    db.session.execute(delete(FigureCell))
    refresh(None, *data_months())
    return db.session.scalar(select(func.count()).select_from(FigureCell)) or 0


def data_months() -> tuple[date, date]:
    """The first and last month that any counted row falls in (this month when there are none)."""
    bounds = [db.session.execute(select(func.min(column), func.max(column))).one() for column in q.DATED_COLUMNS]
    days = [value for pair in bounds for value in pair if value is not None]
    if not days:
        return today().replace(day=1), today().replace(day=1)
    months = [parse_month(str(value)[:7]) for value in days]
    return min(months), max(months)
