"""Demo history for `./scripts/serve`: something for each role to look at on the first visit.

Demo-learner has read the first lessons and has the unit TET-OU recognised by demo-coach, so a
coach can issue a certificate at once. Demo-learner also has a current service period with two goals,
one review and an upcoming meeting. Done once; skipped when the content is not imported.
"""

from datetime import datetime, time, timedelta

from sqlalchemy import exists, select

from app.core.accounts.models import User
from app.core.db import db
from competence import decisions, unit_grades
from competence.models import Decision, Objective
from courses import activities
from courses.models import Module, Step
from service import goals, meetings, plans
from service.access import HELSINKI, today
from service.models import ServicePeriod

DEMO_UNIT_GRADES = {"TET-OU-1": "4", "TET-OU-2": "3", "TET-OU-3": "4", "TET-OU-4": "3"}
DEMO_LESSONS = ("TET-M1-L1", "TET-M1-L2")


def create_demo_history() -> list[str]:
    """Add the demo learner's history if it is missing; return what was added."""
    learner = db.session.scalar(select(User).where(User.username == "demo-learner"))
    coach = db.session.scalar(select(User).where(User.username == "demo-coach"))
    if learner is None or coach is None:
        return []
    known = set(db.session.scalars(select(Objective.code).where(Objective.code.in_(DEMO_UNIT_GRADES))))
    if known != set(DEMO_UNIT_GRADES):
        return []
    added = create_demo_plan(learner, coach)
    if db.session.scalar(select(exists().where(Decision.learner_id == learner.id))):
        return added
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


def create_demo_plan(learner: User, coach: User) -> list[str]:
    """Demo-learner's current period (begun six weeks ago) with two goals, a review and a meeting."""
    if db.session.scalar(select(exists().where(ServicePeriod.learner_id == learner.id))):
        return []
    start = today() - timedelta(weeks=6)
    period = plans.start_period(coach, learner.id, kind="kuntouttava_tyotoiminta", starts_on=start,
                                planned_end_on=start + timedelta(weeks=13), days_per_week=3,
                                participation="hybrid", contact_channels=["phone", "sms", "video"],
                                review_every_months=3)
    module_ids = list(db.session.scalars(select(Module.id).where(Module.code == "TET-M1")))
    own = goals.add_goal(learner, period.id, "Opin hoitamaan asioita verkossa itse.")
    goals.add_goal(coach, period.id, "Käyn pajalla kolmena päivänä viikossa ja kerran viikossa etänä.",
                   module_ids=module_ids)
    goals.record_review(coach, own.id, reviewed_on=today() - timedelta(days=7), learner_view="on_the_way",
                        coach_view="on_the_way", note="Sähköposti sujuu jo, pankkiasiat vielä yhdessä.")
    meeting_day = datetime.combine(today() + timedelta(days=3), time(10, 0), tzinfo=HELSINKI)
    meetings.schedule_meeting(coach, learner_id=learner.id, starts_at=meeting_day, minutes=45, mode="on_site",
                              planned_note="Katsotaan yhdessä tavoitteet ja seuraavat viikot.")
    return ["service period", "2 goals", "review", "meeting"]
