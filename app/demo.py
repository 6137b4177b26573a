"""Demo history for `./scripts/serve`: something for each role to look at on the first visit.

Demo-learner has read the first lessons and has the unit TET-OU recognised by demo-coach, so a
coach can issue a certificate at once. Done once; skipped when the content is not imported.
"""

from sqlalchemy import exists, select

from app.core.accounts.models import User
from app.core.db import db
from competence import decisions, unit_grades
from competence.models import Decision, Objective
from courses import activities
from courses.models import Step

DEMO_UNIT_GRADES = {"TET-OU-1": "4", "TET-OU-2": "3", "TET-OU-3": "4", "TET-OU-4": "3"}
DEMO_LESSONS = ("TET-M1-L1", "TET-M1-L2")


def create_demo_history() -> list[str]:
    """Add the demo learner's history if it is missing; return what was added."""
    learner = db.session.scalar(select(User).where(User.username == "demo-learner"))
    coach = db.session.scalar(select(User).where(User.username == "demo-coach"))
    if learner is None or coach is None:
        return []
    if db.session.scalar(select(exists().where(Decision.learner_id == learner.id))):
        return []
    known = set(db.session.scalars(select(Objective.code).where(Objective.code.in_(DEMO_UNIT_GRADES))))
    if known != set(DEMO_UNIT_GRADES):
        return []
    added = []
    lessons = db.session.scalars(select(Step).where(Step.code.in_(DEMO_LESSONS), Step.archived_at.is_(None)))
    for lesson in lessons:
        activities.mark_read(learner, lesson)
        added.append(lesson.code)
    for code, grade in DEMO_UNIT_GRADES.items():
        decisions.decide(coach, learner.id, code, "accepted", grade, method="workshop",
                         note="Demo: havainnoitu työpajalla.")
        added.append(code)
    unit_code = next(iter(DEMO_UNIT_GRADES)).rsplit("-", 1)[0]
    unit_grades.decide_grade(coach, learner.id, unit_code, "4")
    added.append(f"{unit_code} grade")
    return added
