"""The coach decides a complete unit's grade on the learner's competence record; the certificate and
My skills show the decided grade, and a unit waiting for it cannot go on a certificate."""

from pathlib import Path

import pytest

from app.core.db import db
from competence.models import UnitGrade
from tests.certificate_factory import accept, with_test_key
from tests.competence_factory import make_framework
from tests.conftest import post_form


@pytest.fixture
def pending(app, world):
    with_test_key(Path(app.config["STORAGE_DIR"]) / "keys")
    make_framework()
    accept(world.coach, world.learner, confirm_grades=False)
    return world


def grade_path(world):
    return f"/coach/learners/{world.learner.id}/units/TET-TT/grade"


def test_the_profile_offers_the_proposed_grade_and_saves_the_coachs(pending, as_user):
    """The form preselects the proposal; the saved grade is the coach's, shown on the profile."""
    coach = as_user(pending.coach)
    profile = f"/coach/learners/{pending.learner.id}/profile"
    page = coach.get(profile).get_data(as_text=True)
    assert 'id="unit-grade-TET-TT"' in page and '<option value="4" selected>' in page
    assert 'id="unit-grade-TET-PF"' not in page  # pass/fail needs no decision
    response = post_form(coach, grade_path(pending), {"grade": "5"}, token_from=profile)
    assert response.status_code == 302
    assert db.session.query(UnitGrade).one().grade == "5"
    assert '<option value="5" selected>' in coach.get(profile).get_data(as_text=True)


def test_a_grade_outside_the_scale_is_refused_with_a_message(pending, as_user):
    """An odd value saves nothing and says why."""
    coach = as_user(pending.coach)
    profile = f"/coach/learners/{pending.learner.id}/profile"
    response = post_form(coach, grade_path(pending), {"grade": "9"}, token_from=profile, follow_redirects=True)
    assert "Valitse arvosana tutkinnon osan asteikolta." in response.get_data(as_text=True)
    assert db.session.query(UnitGrade).count() == 0


def test_only_the_learners_coach_or_an_admin_decides(pending, as_user, client):
    """Another coach gets 404, the learner 403, an anonymous visitor is sent to sign in; an admin may."""
    profile = f"/coach/learners/{pending.learner.id}/profile"
    admin = as_user(pending.admin)
    token_page = admin.get(profile)
    assert token_page.status_code == 200
    other = as_user(pending.other_coach)
    assert post_form(other, grade_path(pending), {"grade": "4"}, token_from="/coach/").status_code == 404
    learner = as_user(pending.learner)
    assert post_form(learner, grade_path(pending), {"grade": "4"}, token_from="/learn/").status_code == 403
    assert client.post(grade_path(pending), data={"grade": "4"}).status_code in (302, 400)
    assert db.session.query(UnitGrade).count() == 0
    assert post_form(admin, grade_path(pending), {"grade": "4"}, token_from=profile).status_code == 302


def test_a_unit_waiting_for_its_grade_is_not_on_a_certificate_and_my_skills_says_so(pending, as_user):
    """The preview refuses a unit without a decided grade; the learner sees that the coach decides it."""
    coach = as_user(pending.coach)
    preview = coach.get(f"/coach/learners/{pending.learner.id}/certificates/preview?units=TET-TT&language=fi")
    assert preview.status_code == 400
    assert "Päätä ensin tutkinnon osan TET-TT arvosana" in preview.get_data(as_text=True)
    skills = as_user(pending.learner).get("/learn/skills").get_data(as_text=True)
    assert "valmentajasi päättää arvosanan" in skills
