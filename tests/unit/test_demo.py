"""The demo: accounts, a group and some history, created once and safe to create again."""

from pathlib import Path

from app.core.accounts.demo import DEMO_PASSWORD, create_demo_data
from app.core.accounts.models import User
from app.core.accounts.passwords import verify_password
from app.core.db import db
from app.demo import create_demo_history
from competence.models import PointsEntry
from courses.content_import import import_content


def test_demo_accounts_and_history_are_created_once(app):
    """Demo accounts get the demo password and demo-learner has TET-OU credited, once."""
    import_content(Path(app.config["CONTENT_DIR"]))
    assert len(create_demo_data()) == 6
    history = create_demo_history()
    db.session.commit()
    learner = db.session.query(User).filter_by(username="demo-learner").one()
    assert verify_password(learner.password_hash, DEMO_PASSWORD)
    assert "TET-OU-1" in history and "TET-M1-L1" in history and "service period" in history
    entries = db.session.query(PointsEntry).filter_by(learner_id=learner.id).all()
    assert sum(e.points for e in entries) == 1
    assert create_demo_data() == [] and create_demo_history() == []
    assert db.session.query(PointsEntry).filter_by(learner_id=learner.id).count() == 1


def test_demo_history_waits_for_the_content(app):
    """Without imported content the demo history is skipped, not half made."""
    create_demo_data()
    assert create_demo_history() == []


def test_demo_learner_has_a_current_plan_with_goals_a_review_and_a_meeting(app):
    """The demo shows the service: a current period, two goals, one review and an upcoming meeting."""
    from service.meetings import upcoming_for_learner
    from service.plan_view import learner_plan

    import_content(Path(app.config["CONTENT_DIR"]))
    create_demo_data()
    create_demo_history()
    db.session.commit()
    learner = db.session.query(User).filter_by(username="demo-learner").one()
    page = learner_plan(learner, learner.id)
    assert page.current is not None and len(page.current.goals) == 2
    assert sum(len(goal.reviews) for goal in page.current.goals) == 1
    assert len(upcoming_for_learner(learner)) == 1
def test_demo_participation_gives_the_figures_real_rows(app):
    """Two months of participation days for the demo group's learners, inside a period, made once."""
    from datetime import date

    from sqlalchemy import func, select

    from app.demo import create_demo_participation
    from service import figures
    from service.attendance_models import ParticipationDay

    create_demo_data()
    today = date(2026, 12, 7)
    assert create_demo_participation(today) == ["demo-learner", "demo-learner2", "demo-learner3"]
    db.session.commit()
    days = db.session.scalar(select(func.count()).select_from(ParticipationDay))
    assert days > 60
    assert create_demo_participation(today) == []
    coach = db.session.query(User).filter_by(username="demo-coach").one()
    rows = figures.figures(coach, date(2026, 10, 1), date(2026, 12, 1)).rows
    assert [row.month for row in rows] == ["2026-10", "2026-11", "2026-12"] and rows[1].values["active"] == 3
