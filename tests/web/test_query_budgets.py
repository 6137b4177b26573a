"""Query budgets: every main page costs the same number of SQL queries whatever the size of the data,
and never more than its ceiling.

Each page is named by its Flask endpoint. Each test measures one page with a small data set (10
learners in the coach's group, 1 course), then grows the data (200 learners, 30 courses, their
history) and measures again. An endpoint missing from the app fails its test.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from flask import current_app, url_for
from sqlalchemy import event, insert, select

from app.core import content_cache
from app.core.accounts.models import Role, User, group_members
from app.core.db import db
from app.core.notifications import Kind, Notification
from competence import verification
from competence.certificate_models import Certificate
from competence.export import consent
from competence.models import Decision, Objective, PointsEntry, RecognitionRequest
from courses.models import Course, Module, ProgressEvent, Step, StepKind, Submission, SubmissionStatus
from tests.competence_factory import make_framework
from tests.conftest import _PASSWORD_HASH
from tests.course_factory import QUIZ, make_course

SMALL = {"learners": 10, "courses": 1}
LARGE = {"learners": 200, "courses": 30}
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def count_queries(client, path, expect=200):
    """The number of SQL statements one request runs (after a warm-up request to the same page)."""
    assert client.get(path).status_code == expect
    statements = []

    def listener(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = client.get(path)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == expect, response.get_data(as_text=True)[:500]
    return len(statements), statements


# --- data ------------------------------------------------------------------------------------------


class Data:
    """The signed-in learner, coach and admin, the coach's group, and helpers that grow the data."""

    def __init__(self, make_user, make_group):
        self.coach = make_user(Role.COACH, username="coach", name="Kari Valmentaja")
        self.admin = make_user(Role.ADMIN, username="admin", name="Aino Ylläpitäjä")
        self.learner = make_user(Role.LEARNER, username="learner", name="Leena Oppija")
        self.group = make_group("Ryhmä A", coaches=[self.coach], learners=[self.learner])
        self.learners = 1
        self.courses = 0
        self.objective_ids = self._framework()

    def _framework(self):
        make_framework()
        return list(db.session.scalars(select(Objective.id).order_by(Objective.id)))

    def grow_to(self, learners, courses):
        """Add learners (with history) to the coach's group and courses until the sizes are reached."""
        self._add_courses(courses - self.courses)
        self._add_learners(learners - self.learners)
        self._history_of_signed_in_learner()
        content_cache.renew()  # as a content import does: the workers' snapshots are rebuilt once
        db.session.commit()

    def _add_courses(self, count):
        if count <= 0:
            return
        start = self.courses + 1
        if start == 1:
            make_course("C001")
            start, count = 2, count - 1
        codes = [f"C{n:03d}" for n in range(start, start + count)]
        if codes:
            course_ids = db.session.scalars(insert(Course).returning(Course.id), [
                {"code": c, "title": f"Kurssi {c}", "language": "fi", "summary": "", "slug": c.lower(),
                 "variants": {}} for c in codes]).all()
            module_ids = db.session.scalars(insert(Module).returning(Module.id), [
                {"course_id": cid, "code": f"{c}-M1", "title": "Moduuli 1", "position": 1, "minutes": 30,
                 "objectives": ["TET-TT-2"], "folder": "01-moduuli", "variants": {}}
                for cid, c in zip(course_ids, codes, strict=True)]).all()
            kinds = [("L1", StepKind.LESSON, {}), ("L2", StepKind.LESSON, {}), ("QUIZ", StepKind.QUIZ, QUIZ),
                     ("TASK", StepKind.WRITTEN_TASK, {"min_chars": 20}), ("SELF", StepKind.SELF_ASSESSMENT, {})]
            db.session.execute(insert(Step), [
                {"module_id": mid, "code": f"{c}-M1-{suffix}", "kind": kind, "title": suffix, "position": p,
                 "minutes": 5, "objectives": ["TET-TT-2"], "body_html": "<p>Teksti</p>", "settings": settings,
                 "variants": {}}
                for mid, c in zip(module_ids, codes, strict=True)
                for p, (suffix, kind, settings) in enumerate(kinds, start=1)])
        self.courses += count + (1 if self.courses == 0 else 0)

    def _add_learners(self, count):
        if count <= 0:
            return
        first = self.learners + 1
        ids = db.session.scalars(insert(User).returning(User.id), [
            {"username": f"bulk{n}", "display_name": f"Oppija {n:04d}", "role": Role.LEARNER,
             "password_hash": _PASSWORD_HASH} for n in range(first, first + count)]).all()
        self.learners += count
        db.session.execute(insert(group_members), [{"group_id": self.group.id, "user_id": i} for i in ids])
        steps = {s.code: s.id for s in db.session.scalars(select(Step).where(Step.code.like("C001-%")))}
        events = [{"learner_id": i, "step_id": steps[code], "kind": kind, "at": NOW}
                  for i in ids for code, kind in (("C001-M1-L1", "opened"), ("C001-M1-L1", "read"),
                                                  ("C001-M1-QUIZ", "quiz_passed"), ("C001-M1-TASK", "submitted"))]
        db.session.execute(insert(ProgressEvent), events)
        db.session.execute(insert(Submission), [
            {"learner_id": i, "step_id": steps["C001-M1-TASK"], "status": SubmissionStatus.SUBMITTED,
             "text": "Vastaus " * 10, "submitted_at": NOW + timedelta(minutes=n)} for n, i in enumerate(ids)])
        db.session.execute(insert(Notification), [
            {"recipient_id": self.coach.id, "learner_id": i, "kind": Kind.TASK_SENT, "subject_id": i,
             "details": {"step": "C001-M1-TASK", "title": "TASK"}, "created_at": NOW} for i in ids])
        self._decisions(ids, per_learner=1)

    def _decisions(self, learner_ids, per_learner):
        """Decisions, and for each learner a unit's points and a recognition request sent to the coach."""
        unit_id = db.session.scalar(select(Objective.unit_id).where(Objective.id == self.objective_ids[0]))
        credited = set(db.session.scalars(select(PointsEntry.learner_id)))
        points = [{"learner_id": i, "unit_id": unit_id, "seq": 1, "kind": "credit", "points": 2, "decision_ids": [],
                   "created_by_id": self.coach.id, "created_at": NOW} for i in learner_ids if i not in credited]
        if points:
            db.session.execute(insert(PointsEntry), points)
        db.session.execute(insert(RecognitionRequest), [
            {"learner_id": i, "unit_id": unit_id, "description": "Olen tehnyt tätä työssäni.", "status": "sent",
             "round": 1, "created_at": NOW, "updated_at": NOW, "sent_at": NOW} for i in learner_ids])
        db.session.execute(insert(Decision), [
            {"learner_id": i, "objective_id": self.objective_ids[n % len(self.objective_ids)],
             "outcome": "accepted", "grade": "3", "method": "task", "note": "", "assessor_id": self.coach.id,
             "decided_at": NOW} for i in learner_ids for n in range(per_learner)])

    def _history_of_signed_in_learner(self):
        """The signed-in learner has worked in every course: events, a submission and decisions."""
        done = set(db.session.scalars(select(ProgressEvent.step_id).where(
            ProgressEvent.learner_id == self.learner.id)))
        steps = [s for s in db.session.scalars(select(Step)) if s.id not in done]
        if not steps:
            return
        db.session.execute(insert(ProgressEvent), [
            {"learner_id": self.learner.id, "step_id": s.id, "kind": kind, "at": NOW}
            for s in steps for kind in ("opened", "read" if s.kind == StepKind.LESSON else "draft_saved")])
        tasks = [s for s in steps if s.kind == StepKind.WRITTEN_TASK]
        if tasks:
            db.session.execute(insert(Submission), [
                {"learner_id": self.learner.id, "step_id": s.id, "status": SubmissionStatus.SUBMITTED,
                 "text": "Vastaus " * 10, "submitted_at": NOW} for s in tasks])
            db.session.execute(insert(Notification), [
                {"recipient_id": self.learner.id, "learner_id": self.learner.id, "kind": Kind.TASK_ACCEPTED,
                 "subject_id": None, "details": {"step": s.code, "title": s.title}, "created_at": NOW}
                for s in tasks])
        self._decisions([self.learner.id], per_learner=len(steps) // 5 or 1)


@pytest.fixture
def data(make_user, make_group):
    data = Data(make_user, make_group)
    data.grow_to(**SMALL)
    return data


# --- pages -----------------------------------------------------------------------------------------

CERTIFICATE_CONTENT = {
    "holder": {"name": "Leena Oppija"}, "organiser": "Kaupungin työpaja", "issued_on": "2026-01-05",
    "issued_by": {"name": "Kari Valmentaja", "title": "Valmentaja"}, "total_osp": 2, "partial_units": [],
    "units": [{"code": "TET-TT", "name": {"fi": "Työelämässä toimiminen"}, "osp": 2, "grade": "3",
               "scale_values": [1, 2, 3, 4, 5], "credited_on": "2026-01-05"}],
}
SMALL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def stored_certificate(data) -> Certificate:
    """A certificate of the signed-in learner, stored as issued (the download sends its bytes, never renders)."""
    certificate = Certificate(learner_id=data.learner.id, code=verification.new_code(), language="fi",
                              content=CERTIFICATE_CONTENT, pdf=SMALL_PDF,
                              sha256=hashlib.sha256(SMALL_PDF).hexdigest(), status_index=1,
                              subject_id="urn:uuid:00000000-0000-4000-8000-000000000001",
                              issued_by_id=data.coach.id)
    db.session.add(certificate)
    db.session.commit()
    return certificate


def service_plan(data) -> dict:
    """The learner's current period with goals, reviews, modules linked, an earlier period and meetings."""
    from service import goals, meetings, plans
    from service.access import today
    from tests.service_factory import plan_fields

    start = today() - timedelta(days=200)
    earlier = plans.start_period(data.coach, data.learner.id, **plan_fields(
        starts_on=start, planned_end_on=start + timedelta(days=90)))
    period = plans.renew_period(data.coach, earlier.id, **plan_fields())
    module_ids = list(db.session.scalars(select(Module.id).limit(2)))
    for number in range(3):
        goal = goals.add_goal(data.coach, period.id, f"Tavoite {number}", module_ids=module_ids)
        goals.record_review(data.coach, goal.id, reviewed_on=period.starts_on, learner_view="on_the_way",
                            coach_view="on_the_way")
    for days in (1, 8, 15):
        meeting = meetings.schedule_meeting(data.coach, learner_id=data.learner.id, minutes=45, mode="on_site",
                                            starts_at=datetime.now(UTC) + timedelta(days=days))
        meetings.add_note(data.coach, meeting.id, "Tuo CV", internal=days == 8)
    meetings.schedule_meeting(data.coach, group_id=data.group.id, minutes=60, mode="chat",
                              starts_at=datetime.now(UTC) + timedelta(days=3))
    db.session.commit()
    return {"learner_id": data.learner.id}


def export_allowed(data) -> dict:
    """The learner's credited units and their consent to the partner school, for the export pages."""
    current_app.config["CERTIFICATE_PARTNER"] = "Ammattiopisto"
    stored_certificate(data)
    consent.give_consent(data.learner, "Ammattiopisto")
    db.session.commit()
    return {"learner_id": data.learner.id}


@dataclass
class Page:
    name: str
    endpoint: str
    role: str | None  # who asks: None (anonymous), "learner", "coach" or "admin"
    ceiling: int
    values: Callable[[Data], dict] = lambda data: {}  # the endpoint's URL values for this data
    expect: int = 200


# Each ceiling is the page's count today: a new query on a main page is a decision to make here.
PAGES = [
    Page("sign-in", "auth.sign_in", None, 0),
    Page("landing", "public.index", None, 0),
    Page("healthz", "public.healthz", None, 1),
    Page("my path", "learner.my_path", "learner", 8),
    Page("lesson", "learner.step", "learner", 5, lambda data: {"code": "C001-M1-L1"}),
    Page("quiz", "learner.step", "learner", 6, lambda data: {"code": "C001-M1-QUIZ"}),
    Page("written task", "learner.step", "learner", 6, lambda data: {"code": "C001-M1-TASK"}),
    Page("module", "learner.module", "learner", 6, lambda data: {"code": "C001-M1"}),
    Page("review queue", "coach.reviews", "coach", 6),
    Page("coach home", "coach.home", "coach", 6),
    Page("group", "coach.group", "coach", 6, lambda data: {"group_id": data.group.id}),
    Page("learner profile (coach)", "coach.learner", "coach", 4, lambda data: {"learner_id": data.learner.id}),
    Page("admin users", "staff.users", "admin", 5),
    Page("my skills", "learner.skills", "learner", 9),
    Page("group overview", "coach.group_overview", "coach", 8, lambda data: {"group_id": data.group.id}),
    Page("attendance week", "coach.attendance_week", "coach", 7, lambda data: {"group_id": data.group.id}),
    Page("figures (coach)", "figures.figures", "coach", 5),
    Page("figures (admin)", "figures.figures", "admin", 5),
    Page("figures CSV", "figures.figures_csv", "admin", 3),
    Page("add an existing learner", "coach.add_learner", "coach", 5,
         lambda data: {"group_id": data.group.id, "q": "oppija"}),
    Page("move a learner", "coach.move_learner", "coach", 5,
         lambda data: {"group_id": data.group.id, "learner_id": data.learner.id}),
    Page("archived groups", "coach.archived_groups", "coach", 3),
    Page("account page", "staff.user", "admin", 4, lambda data: {"user_id": data.learner.id}),
    Page("edit an account", "staff.edit_user", "admin", 3, lambda data: {"user_id": data.learner.id}),
    Page("add many learners", "staff.import_users", "admin", 3),
    Page("certificate download", "learner.certificate_pdf", "learner", 2,
         lambda data: {"certificate_id": stored_certificate(data).id}),
    Page("certificates (coach)", "coach.certificates_page", "coach", 13, export_allowed),
    Page("my certificates", "learner.certificates_page", "learner", 5, lambda data: export_allowed(data) and {}),
    Page("export for the school (JSON)", "coach.learner_export_json", "coach", 11, export_allowed),
    Page("export for the school (CSV)", "coach.learner_export_csv", "coach", 11, export_allowed),
    Page("verification page", "public.verify_code", None, 1, lambda data: {"code": stored_certificate(data).code}),
    Page("my path with meetings", "learner.my_path", "learner", 9, lambda data: service_plan(data) and {}),
    Page("my plan", "learner.plan", "learner", 10, lambda data: service_plan(data) and {}),
    Page("plan (coach)", "coach.plan", "coach", 11, service_plan),
    Page("plan (admin)", "coach.plan", "admin", 12, service_plan),
    Page("meetings of a learner (coach)", "coach.learner_meetings", "coach", 6, service_plan),
    Page("content courses", "authoring.courses", "admin", 3),
    Page("content course", "authoring.course", "admin", 6, lambda data: {"course_code": "C001"}),
]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_queries_do_not_grow_with_data(page, app, data, as_user):
    """A page runs the same number of queries with 10 learners and 1 course as with 200 and 30, within its ceiling."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert page.endpoint in endpoints, f"{page.name}: no endpoint {page.endpoint} in the app's URL map"
    with app.test_request_context():
        path = url_for(page.endpoint, **page.values(data))
    users = {"learner": data.learner, "coach": data.coach, "admin": data.admin}
    client = as_user(users[page.role]) if page.role else app.test_client()
    small, small_sql = count_queries(client, path, page.expect)
    data.grow_to(**LARGE)
    large, large_sql = count_queries(client, path, page.expect)
    assert large == small, f"{page.name} ({path}): {small} queries with small data, {large} with large:\n" + \
        "\n".join(large_sql)
    assert large <= page.ceiling, f"{page.name} ({path}): {large} queries, ceiling {page.ceiling}:\n" + \
        "\n".join(large_sql)
