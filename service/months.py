"""Calendar months in SQL, the same text ('2026-12') on SQLite and PostgreSQL."""

from datetime import UTC, date, datetime

from sqlalchemy import Date, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class month_of(FunctionElement):  # noqa: N801 - used like the SQL function it renders
    """'YYYY-MM' of a date column, or of a timestamp column read in UTC."""

    type = String()
    name = "month_of"
    inherit_cache = True


@compiles(month_of)
def _month_as_text_prefix(element, compiler, **kw):
    # SQLite keeps dates and UTC timestamps as ISO text, so the month is the first seven characters.
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 7)"


@compiles(month_of, "postgresql")
def _month_with_to_char(element, compiler, **kw):
    (column,) = element.clauses
    value = compiler.process(column, **kw)
    if not isinstance(column.type, Date):
        value = f"({value} AT TIME ZONE 'UTC')"  # to_char would otherwise use the session's zone
    return f"to_char({value}, 'YYYY-MM')"


def month_text(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(text: str | None) -> date | None:
    """The first day of a month written as 2026-12, or None."""
    try:
        year, month = (text or "").strip().split("-")
        return date(int(year), int(month), 1) if len(year) == 4 and len(month) == 2 else None
    except ValueError:
        return None


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    """The first days of the months from `first` to `last`, both included."""
    months, month = [], first
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def utc_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
