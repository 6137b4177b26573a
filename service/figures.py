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

from sqlalchemy import and_, case, false, func, or_, select

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
    rows: tuple[FigureRow, ...]  # one page of rows, or all of them
    totals: tuple[MonthTotal, ...]
    has_next: bool = False


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


def _hidden_in_sql(column, exact: bool):
    """Whether the cell's count is shown as "< 5", as `_hide` decides, in SQL."""
    if exact:
        return false()
    return and_(column != 0, or_(FigureCell.active.between(1, SMALL - 1), column.between(-(SMALL - 1), SMALL - 1)))


def _conditions(actor: User, first: date, last: date, group_id: int | None, kind: str | None) -> list:
    """The cells the actor may see, of the months, the group (or all) and the service kind (or all)."""
    conditions = [FigureCell.kind == (kind or ANY_KIND), FigureCell.month >= month_text(first),
                  FigureCell.month <= month_text(last), or_(*(getattr(FigureCell, name) != 0 for name in COUNTS))]
    if group_id is not None:
        groups = select(Group.id).where(Group.id.in_(visible_groups(actor)), Group.id == group_id)
        if db.session.scalar(select(groups.exists())) is not True:
            raise NotFound()
        conditions.append(FigureCell.group_id == group_id)
    elif not actor.is_admin:
        conditions.append(FigureCell.group_id.in_(visible_groups(actor)))
    return conditions


def _rows(actor: User, conditions: list, offset: int = 0, limit: int | None = None) -> list[FigureRow]:
    query = (select(FigureCell.month, FigureCell.group_id, Group.name, *(getattr(FigureCell, n) for n in COUNTS))
             .join(Group, Group.id == FigureCell.group_id).where(*conditions)
             .order_by(FigureCell.month, Group.name, FigureCell.group_id).offset(offset).limit(limit))
    exact = actor.is_coach
    return [_row(row[0], row[1], row[2], dict(zip(COUNTS, row[3:], strict=True)), exact)
            for row in db.session.execute(query)]


def _totals(actor: User, conditions: list, months: list[str]) -> tuple[MonthTotal, ...]:
    """Each month's sums of the numbers shown, and whether some were hidden, summed in the database."""
    exact = actor.is_coach
    columns = [getattr(FigureCell, name) for name in COUNTS]
    shown = [func.sum(case((_hidden_in_sql(column, exact), 0), else_=column)) for column in columns]
    hidden = func.max(case((or_(*(_hidden_in_sql(column, exact) for column in columns)), 1), else_=0))
    sums = {row[0]: row[1:] for row in db.session.execute(
        select(FigureCell.month, *shown, hidden).where(*conditions).group_by(FigureCell.month))}
    totals = []
    for month in months:
        row = sums.get(month)
        values = {name: int((row[n] if row else 0) or 0) for n, name in enumerate(COUNTS)}
        totals.append(MonthTotal(month, values, bool(row and row[-1])))
    return tuple(totals)


def figures(actor: User, first: date, last: date, group_id: int | None = None, kind: ServiceKind | None = None,
            page: int = 1, per_page: int = 100) -> Figures:
    """One page of the figures of the months from `first` to `last` (first days of months) for the actor's
    groups, or one of them, with every month's totals: from the figure cells, in three queries whatever
    the size of the data.
    """
    conditions = _conditions(actor, first, last, group_id, kind)
    rows = _rows(actor, conditions, (page - 1) * per_page, per_page + 1)
    months = [month_text(month) for month in months_between(first, last)]
    return Figures(first, last, actor.is_coach, tuple(rows[:per_page]), _totals(actor, conditions, months),
                   has_next=len(rows) > per_page)


def all_rows(actor: User, first: date, last: date, group_id: int | None = None,
             kind: ServiceKind | None = None) -> list[FigureRow]:
    """Every row of the figures, for the CSV: the same numbers as the page, in one query."""
    return _rows(actor, _conditions(actor, first, last, group_id, kind))
