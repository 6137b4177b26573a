"""Grades: the values a unit's scale allows, and the grade Verstas proposes for a unit.

Our rule, after DOMAIN.md and the national practice for the common units:
- A unit graded 1–5 gets the arithmetic mean of its objectives' grades (the latest accepted decision
  of each compulsory objective), rounded to the nearest whole number with halves rounded up
  (2.5 -> 3, 3.49 -> 3). A pass/fail unit is "hyväksytty".
- An area (a local grouping of units) has no grade: no national grade averages its units.
The arithmetic is exact (fractions), so no floating-point error moves a grade across a half.
"""

from fractions import Fraction
from math import floor

APPROVED = "hyväksytty"


def scale_values(unit) -> list[str]:
    """The grades the unit's scale allows, as text ("1" ... "5", or "hyväksytty")."""
    return values_of_scale(unit.area.scales or {}, unit.scale)


def values_of_scale(scales: dict, scale: str) -> list[str]:
    """The grades that the scale called `scale` among an area's `scales` allows, as text."""
    return [str(value) for value in (scales.get(scale) or {}).get("values", [])]


def is_numeric(grade: str | None) -> bool:
    return grade is not None and grade.isdigit()


def round_half_up(value: Fraction) -> int:
    return floor(value + Fraction(1, 2))


def unit_grade(grades: list[str]) -> str | None:
    """The unit's grade from its objectives' grades; None when there are none."""
    if not grades:
        return None
    numbers = [int(g) for g in grades if is_numeric(g)]
    if not numbers:
        return APPROVED
    return str(round_half_up(Fraction(sum(numbers), len(numbers))))
