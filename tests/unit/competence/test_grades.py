"""The grade rules of a unit and of an area."""

from fractions import Fraction

import pytest

from competence.grades import APPROVED, round_half_up, unit_grade


@pytest.mark.parametrize(("grades", "expected"), [
    (["3"], "3"),
    (["2", "3"], "3"),
    (["1", "2"], "2"),
    (["3", "3", "4"], "3"),
    (["4", "5", "5"], "5"),
    (["1", "1", "2"], "1"),
])
def test_unit_grade_is_the_mean_rounded_half_up(grades, expected):
    """A 1–5 unit's grade is the mean of its objectives' grades, halves rounded up."""
    assert unit_grade(grades) == expected


def test_pass_fail_unit_and_empty_unit():
    """A pass/fail unit is "hyväksytty"; a unit without grades has none."""
    assert unit_grade(["hyväksytty", "hyväksytty"]) == APPROVED
    assert unit_grade([]) is None


def test_rounding_is_exact_at_the_half():
    """Exact arithmetic: 2.5 goes up, a hair below stays down."""
    assert round_half_up(Fraction(5, 2)) == 3
    assert round_half_up(Fraction(249, 100)) == 2
    assert round_half_up(Fraction(7, 2)) == 4
