"""Fixtures for the feedback tests: a course, and rounds about it made by the admin."""

import pytest

from tests import feedback_factory
from tests.course_factory import make_course


@pytest.fixture
def course(app):
    return make_course()


@pytest.fixture
def make_round(world, course):
    """make_round(**options) -> a round by the admin about `course` (or `target=`); see feedback_factory."""

    def make(target=None, **options):
        return feedback_factory.make_round(world.admin, target or course, **options)

    return make
