"""Demo history for `./scripts/serve`: something for each role to look at on the first visit.

Demo-learner has read the first lessons and has the unit TET-OU recognised by demo-coach, so a
coach can issue a certificate at once. Demo-learner also has a current service period with two goals,
one review and an upcoming meeting. Done once; skipped when the content is not imported.
"""

from datetime import date, datetime, time, timedelta

from sqlalchemy import exists, select

from app.core.accounts.models import User
from app.core.db import db
from competence import decisions, unit_grades
from competence.models import Decision, Objective
from courses import activities
from courses.models import Module, Step
from service import attendance, goals, meetings, plans
from service.access import HELSINKI, today
from service.attendance_models import ParticipationDay
from service.models import Participation, ServiceKind, ServicePeriod

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
    """Demo-learner's current period (begun nine weeks ago, so that two months of participation days fit in
    it) with two goals, a review and a meeting.
    """
    if db.session.scalar(select(exists().where(ServicePeriod.learner_id == learner.id))):
        return []
    start = today() - timedelta(weeks=9)
    period = plans.start_period(coach, learner.id, kind="kuntouttava_tyotoiminta", starts_on=start,
                                planned_end_on=start + timedelta(weeks=16), days_per_week=3,
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
DEMO_LEARNERS = ("demo-learner", "demo-learner2", "demo-learner3")
# How each demo learner takes part on Monday..Friday: the workshop, remote, or a day off.
DEMO_WEEKS = (("on_site", "remote", "on_site", "remote", None),
              ("on_site", "on_site", None, "remote", None),
              ("remote", None, "remote", None, "on_site"))


def create_demo_participation(on: date | None = None) -> list[str]:
    """Two months of participation days up to yesterday for the demo group's learners, each inside a
    current service period (one is started for a learner who has none). Done once per learner.
    """
    on = on or attendance.today()
    coach = db.session.scalar(select(User).where(User.username == "demo-coach"))
    learners = db.session.scalars(select(User).where(User.username.in_(DEMO_LEARNERS)).order_by(User.username)).all()
    if coach is None:
        return []
    added = []
    first = on - timedelta(days=61)
    for n, learner in enumerate(learners):
        if db.session.scalar(select(exists().where(ParticipationDay.learner_id == learner.id))):
            continue
        periods = db.session.scalars(select(ServicePeriod).where(ServicePeriod.learner_id == learner.id)).all()
        if not periods:
            periods = [ServicePeriod(learner_id=learner.id, kind=ServiceKind.SOCIAL_REHABILITATION,
                                     starts_on=first, planned_end_on=first + timedelta(days=180), days_per_week=3,
                                     participation=Participation.HYBRID, contact_channels="phone video on_site",
                                     created_by_id=coach.id)]
            db.session.add(periods[0])
        week = DEMO_WEEKS[n % len(DEMO_WEEKS)]
        for offset in range((on - first).days):
            day = first + timedelta(days=offset)
            mode = week[day.weekday()] if day.weekday() < len(week) else None
            if mode is None or not any(p.starts_on <= day <= p.planned_end_on for p in periods):
                continue
            if offset % 17 == n:
                mode, reason = "absent", "ill"
            else:
                reason = None
            db.session.add(ParticipationDay(learner_id=learner.id, day=day, mode=mode, absence_reason=reason,
                                            recorded_by_id=coach.id, confirmed=True))
        added.append(learner.username)
    db.session.flush()
    return added
