"""Figures for staff and coaches: per month and group, with small counts hidden from those who may not
see them.

The rule (docs/domain.md, "Figures"): the coaches of a group see its exact numbers. Anyone else (an
admin) sees every count from 1 to 4 as "< 5"; in a month when a group had 1 to 4 active learners every
number of that row other than 0 is "< 5", since it describes fewer than five people. A share is shown
only when the counts it is made of are shown. Totals and charts add up only the numbers shown, so a
hidden count cannot be worked out by subtraction.
"""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from sqlalchemy import select

from app.core.accounts.models import Group, User
from app.core.accounts.policy import visible_groups
from app.core.db import db
from app.core.errors import NotFound
from service import figure_cells
from service.figure_cells import ANY_KIND, FigureCell
from service.models import ServiceKind
from service.months import month_text, months_between

SMALL = 5
COUNTS = figure_cells.COUNTS
HIDDEN = None  # a count shown as "< 5"


@dataclass(frozen=True)
class FigureRow:
    month: str
    group_id: int
    group_name: str
    values: dict  # count name -> int, or HIDDEN
    remote_share: Fraction | None  # of the days taken part; None when not shown or nothing to share
    response_rate: Fraction | None


@dataclass(frozen=True)
class MonthTotal:
    month: str
    values: dict  # count name -> the sum of the numbers shown
    partial: bool  # some numbers of the month were hidden and are not in the sum


@dataclass(frozen=True)
class Figures:
    first: date
    last: date
    exact: bool
    rows: tuple[FigureRow, ...]
    totals: tuple[MonthTotal, ...]


def _hide(values: dict, exact: bool) -> dict:
    if exact:
        return {name: values.get(name, 0) for name in COUNTS}
    few_people = 0 < values.get("active", 0) < SMALL
    return {name: HIDDEN if (value := values.get(name, 0)) and (few_people or abs(value) < SMALL) else value
            for name in COUNTS}


def _share(part, *whole) -> Fraction | None:
    if part is HIDDEN or any(w is HIDDEN for w in whole) or not sum(whole):
        return None
    return Fraction(part, sum(whole))


def _row(month: str, group_id: int, name: str, counts: dict, exact: bool) -> FigureRow:
    values = _hide(counts, exact)
    return FigureRow(month, group_id, name, values,
                     _share(values["remote"], values["remote"], values["on_site"]),
                     _share(values["feedback_answered"], values["feedback_asked"]))


def _totals(months: list[str], rows: list[FigureRow]) -> tuple[MonthTotal, ...]:
    totals = []
    for month in months:
        of_month = [row for row in rows if row.month == month]
        values = {name: sum(row.values[name] or 0 for row in of_month) for name in COUNTS}
        partial = any(row.values[name] is HIDDEN for row in of_month for name in COUNTS)
        totals.append(MonthTotal(month, values, partial))
    return tuple(totals)


def figures(actor: User, first: date, last: date, group_id: int | None = None,
            kind: ServiceKind | None = None) -> Figures:
    """The figures of the months from `first` to `last` (first days of months) for the actor's groups, or
    one of them, from the figure cells in two queries whatever the size of the data.
    """
    groups = select(Group.id).where(Group.id.in_(visible_groups(actor)))
    if group_id is not None:
        groups = groups.where(Group.id == group_id)
    names = {row.id: row.name for row in db.session.execute(select(Group.id, Group.name).where(Group.id.in_(groups)))}
    if group_id is not None and group_id not in names:
        raise NotFound()
    columns = [getattr(FigureCell, name) for name in COUNTS]
    query = select(FigureCell.month, FigureCell.group_id, *columns).where(
        FigureCell.kind == (kind or ANY_KIND), FigureCell.month >= month_text(first), FigureCell.month <= month_text(last))
    if not (actor.is_admin and group_id is None):
        query = query.where(FigureCell.group_id.in_(groups))
    counts = {(row[0], row[1]): dict(zip(COUNTS, row[2:], strict=True)) for row in db.session.execute(query)}
    exact = actor.is_coach  # a coach sees only the groups they coach: visible_groups says so
    months = [month_text(month) for month in months_between(first, last)]
    order = {month: n for n, month in enumerate(months)}
    rows = [_row(month, gid, names[gid], values, exact)
            for (month, gid), values in sorted(counts.items(), key=lambda item: (order.get(item[0][0], 0),
                                                                                 names.get(item[0][1], ""), item[0][1]))
            if gid in names and month in order and any(values.values())]
    return Figures(first, last, exact, tuple(rows), _totals(months, rows))
