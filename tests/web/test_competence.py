"""My skills, "I already know this", the coach's decisions, profile and group overview, per role."""

import io
import re

import pytest

from app.core.db import db
from competence import decisions, ledger
from competence.models import Decision, Method, RecognitionRequest, RecognitionStatus
from courses import activities
from courses.models import Submission, SubmissionStatus
from tests.competence_factory import make_framework
from tests.conftest import post_form
from tests.course_factory import make_course, step

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
NEW = "/learn/skills/recognition/new?unit=TET-TT"
UNIT_NAME = "Työelämässä toimiminen"  # TET-TT in tests/competence_factory.py


@pytest.fixture
def framework(app):
    return make_framework()


def send_request(learner_client, text="Olen tehnyt varastotöitä kaksi vuotta.", action="send"):
    response = post_form(learner_client, NEW, {"description": text, "action": action,
                                               "file": (io.BytesIO(PNG), "todistus.png")},
                         content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.query(RecognitionRequest).order_by(RecognitionRequest.id.desc()).first()


def test_my_skills_shows_units_points_and_next_step(world, framework, as_user):
    """My skills lists each unit with points of available, each objective's state and a way onward."""
    page = as_user(world.learner).get("/learn/skills").get_data(as_text=True)
    assert "Työelämässä toimiminen" in page and "Osaan etsiä työpaikkoja." in page
    assert 'href="/learn/skills"' in page
    assert "/learn/skills/recognition/new?objective=TET-TT-1" in page
    assert "skill-not_started" in page


def test_my_skills_names_each_units_national_sub_area(world, framework, as_user):
    """A unit that corresponds to a national sub-area says which one, with its code."""
    page = as_user(world.learner).get("/learn/skills").get_data(as_text=True)
    assert "Ammatillisessa tutkinnossa: Työelämässä toimiminen (YTTT)" in page


def test_my_skills_shows_each_units_grade_and_no_area_grade(world, framework, as_user):
    """Each unit shows the competence shown in osp and its own grade; the local area never has a grade."""
    for code, grade, method in (("TET-TT-1", "3", "task"), ("TET-TT-2", "4", "task"),
                                ("TET-PF-1", "hyväksytty", "workshop")):
        decisions.decide(world.coach, world.learner.id, code, "accepted", grade, method=method, note="Nähty.")
    db.session.commit()
    learner = as_user(world.learner)
    page = learner.get("/learn/skills").get_data(as_text=True)
    assert "arvosana 4" in _unit_card(page).lower() and "hyväksytty" in _unit_card(page, "TET-PF").lower()
    assert "Osaamista osoitettu: 2 / 2 osaamispistettä (osp)" in _unit_card(page) and "ansaittu" not in page
    assert "Koko tutkinnon osan arvosana" not in page
    english = learner.get("/learn/skills", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Grade of the whole" not in english and "grade 4" in _unit_card(english).lower()
    assert "Competence shown: 2 of 2 competence points (osp)" in _unit_card(english) and "earned" not in english


def _unit_card(page, code="TET-TT"):
    return re.search(rf'<section class="unit-card" id="unit-card-{code}".*?</section>', page, re.S).group(0)


def test_a_unit_card_shows_the_learners_own_state(app, world, framework, as_user):
    """A unit's card shows the coach's answer to its learner only, in the page's language and mount point."""
    learner, learner2 = as_user(world.learner), as_user(world.learner2)
    first, second = (_unit_card(c.get("/learn/skills").get_data(as_text=True)) for c in (learner, learner2))
    assert first == second and "skill-not_started" in first and "Lisää työtodistus." not in first
    request = send_request(learner)
    coach = as_user(world.coach)
    post_form(coach, f"/coach/recognition/{request.id}",
              {"outcome-TET-TT-1": "more_needed", "outcome-TET-TT-2": "", "message": "Lisää työtodistus."})
    changed = _unit_card(learner.get("/learn/skills").get_data(as_text=True))
    assert "skill-more_needed" in changed and "Lisää työtodistus." in changed
    assert _unit_card(learner2.get("/learn/skills").get_data(as_text=True)) == second
    english = learner2.get("/learn/skills", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<h3 id="unit-' in english and "Working life</h3>" in _unit_card(english)
    mounted = learner2.get("/learn/skills", environ_overrides={"SCRIPT_NAME": "/verstas"}).get_data(as_text=True)
    assert 'href="/verstas/learn/skills/recognition/new?objective=TET-TT-1"' in _unit_card(mounted)


def test_learner_saves_a_draft_then_sends(world, framework, as_user):
    """A draft stays with the learner; after sending, the request waits for the coach."""
    learner = as_user(world.learner)
    request = send_request(learner, action="draft")
    assert request.status == RecognitionStatus.DRAFT and len(request.files) == 1
    assert as_user(world.coach).get(f"/coach/recognition/{request.id}").status_code == 404
    path = f"/learn/skills/recognition/{request.id}"
    assert post_form(learner, path, {"description": request.description, "action": "send"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(RecognitionRequest, request.id).status == RecognitionStatus.SENT
    skills = learner.get("/learn/skills").get_data(as_text=True)
    assert "skill-waiting" in skills and "request-sent" in skills
    # Listed under the whole unit's name, as the learner's coach sees it on the profile.
    link = f'/recognition/{request.id}">{UNIT_NAME}</a>'
    assert f"/learn/skills{link}" in skills
    profile = as_user(world.coach).get(f"/coach/learners/{world.learner.id}/profile").get_data(as_text=True)
    assert f'href="/coach{link}' in profile


def test_sending_without_words_is_refused_but_the_file_is_kept(world, framework, as_user):
    """An empty description cannot be sent; the draft and its file are kept and the page says why."""
    learner = as_user(world.learner)
    response = post_form(learner, NEW, {"description": "", "action": "send",
                                        "file": (io.BytesIO(PNG), "kuva.png")}, content_type="multipart/form-data")
    assert response.status_code == 400
    request = db.session.query(RecognitionRequest).one()
    assert request.status == RecognitionStatus.DRAFT and len(request.files) == 1


def test_queue_has_tasks_and_requests_with_filters_and_count(world, framework, as_user):
    """One queue with both kinds, oldest first; the kind filter narrows it; the menu counts both."""
    make_course()
    activities.submit(world.learner, step("K-M1-TASK"), "Tämä vastaus on tarpeeksi pitkä.")
    db.session.commit()
    send_request(as_user(world.learner2))
    coach = as_user(world.coach)
    page = coach.get("/coach/reviews").get_data(as_text=True)
    assert page.index("Leena Oppija") < page.index("Mikko Oppija")
    assert 'class="count">2' in page
    only_requests = coach.get("/coach/reviews?kind=recognition").get_data(as_text=True)
    assert "Mikko Oppija" in only_requests and "Leena Oppija" not in only_requests
    assert coach.get("/coach/reviews?kind=nonsense").status_code == 404
    assert coach.get(f"/coach/reviews?group={world.other_group.id}").status_code == 404


def test_coach_asks_for_more_then_accepts_and_points_follow(world, framework, as_user):
    """More needed goes back with the message; accepting every objective credits the unit."""
    request = send_request(as_user(world.learner))
    coach = as_user(world.coach)
    path = f"/coach/recognition/{request.id}"
    page = coach.get(path).get_data(as_text=True)
    assert "Olen tehnyt varastotöitä" in page and "todistus.png" in page and "Itsenäisesti." in page
    assert post_form(coach, path, {"outcome-TET-TT-1": "more_needed", "message": ""}).status_code == 400
    post_form(coach, path, {"outcome-TET-TT-1": "more_needed", "outcome-TET-TT-2": "accepted:4",
                            "message": "Lisää työtodistus."})
    learner = as_user(world.learner)
    assert "Lisää työtodistus." in learner.get(f"/learn/skills/recognition/{request.id}").get_data(as_text=True)
    post_form(learner, f"/learn/skills/recognition/{request.id}",
              {"description": "Lisäsin todistuksen.", "action": "send", "file": (io.BytesIO(PNG), "toinen.png")},
              content_type="multipart/form-data")
    post_form(coach, path, {"outcome-TET-TT-1": "accepted:3", "outcome-TET-TT-2": "", "message": ""})
    assert ledger.total_points(world.learner.id) == 2
    skills = learner.get("/learn/skills").get_data(as_text=True)
    assert skills.count("skill-recognised") == 2
    assert {d.method for d in db.session.query(Decision)} == {Method.PRIOR_LEARNING}


def test_task_review_decides_the_tasks_objectives(world, framework, as_user):
    """Accepting a task with a grade records a "task" decision that points at the submission."""
    make_course()
    submission = activities.submit(world.learner, step("K-M1-TASK"), "Tämä vastaus on tarpeeksi pitkä.")
    db.session.commit()
    coach = as_user(world.coach)
    path = f"/coach/reviews/{submission.id}"
    assert 'name="outcome-TET-TT-2"' in coach.get(path).get_data(as_text=True)
    response = post_form(coach, path, {"decision": "accept", "message": "", "outcome-TET-TT-2": "accepted:4"})
    assert response.status_code == 302
    decision = db.session.query(Decision).one()
    assert (decision.method, decision.submission_id, decision.grade) == (Method.TASK, submission.id, "4")
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).status == SubmissionStatus.ACCEPTED


def test_coach_records_a_workshop_decision_from_the_profile(world, framework, as_user):
    """A decision observed at the workshop needs a note and shows in the learner's record."""
    coach = as_user(world.coach)
    profile = f"/coach/learners/{world.learner.id}/profile"
    path = f"/coach/learners/{world.learner.id}/decisions"
    assert post_form(coach, path, {"objective": "TET-PF-1", "outcome": "accepted:hyväksytty", "note": ""},
                     token_from=profile).status_code == 400
    response = post_form(coach, path, {"objective": "TET-PF-1", "outcome": "accepted:hyväksytty",
                                       "note": "Toimi turvallisesti koko viikon."}, token_from=profile)
    assert response.status_code == 302
    assert ledger.total_points(world.learner.id) == 1
    page = coach.get(profile).get_data(as_text=True)
    assert "Toimi turvallisesti koko viikon." in page
    # The history names the assessor (not only the header, where the signed-in coach's name is too).
    assert re.search(r'<span class="hint">[^<]*· Kari Valmentaja\s*</span>', page)


def test_group_overview_shows_points_per_learner_and_unit(world, framework, as_user):
    """The overview is a table of the group's learners by units with points."""
    coach = as_user(world.coach)
    profile = f"/coach/learners/{world.learner.id}/profile"
    post_form(coach, f"/coach/learners/{world.learner.id}/decisions",
              {"objective": "TET-PF-1", "outcome": "accepted:hyväksytty", "note": "Nähty."}, token_from=profile)
    page = coach.get(f"/coach/groups/{world.group.id}/overview").get_data(as_text=True)
    assert "Leena Oppija" in page and "Mikko Oppija" in page and "TET-PF" in page
    assert re.search(r'<td class="credited">\s*<svg class="icon icon-yes"[^>]*aria-hidden="true".*?</svg> '
                     r'1 osp, hyväksytty', page)
    assert f"<h1>{world.group.name}: Osaamisen yleiskuva</h1>" in page
    english = coach.get(f"/coach/groups/{world.group.id}/overview", headers={"Accept-Language": "en"})
    assert "</svg> 1 osp, passed" in english.get_data(as_text=True)


def test_another_coach_gets_404_for_everything_of_this_learner(world, framework, as_user):
    """Profile, request, evidence, decisions and the group overview are not found for another coach."""
    request = send_request(as_user(world.learner))
    other = as_user(world.other_coach)
    own_profile = f"/coach/learners/{world.stranger.id}/profile"
    for path in (f"/coach/learners/{world.learner.id}/profile", f"/coach/recognition/{request.id}",
                 f"/coach/evidence/{request.files[0].id}", f"/coach/groups/{world.group.id}/overview"):
        assert other.get(path).status_code == 404, path
    assert post_form(other, f"/coach/recognition/{request.id}", {"outcome-TET-TT-1": "accepted:5"},
                     token_from=own_profile).status_code == 404
    assert post_form(other, f"/coach/learners/{world.learner.id}/decisions",
                     {"objective": "TET-TT-1", "outcome": "accepted:5", "note": "x"},
                     token_from=own_profile).status_code == 404
    assert db.session.query(Decision).count() == 0
    assert as_user(world.coach).get(f"/coach/evidence/{request.files[0].id}").data == PNG


def test_learners_see_only_their_own_requests_and_files(world, framework, as_user):
    """Another learner gets 404 for the request and its evidence; the owner can download it."""
    request = send_request(as_user(world.learner))
    other = as_user(world.learner2)
    assert other.get(f"/learn/skills/recognition/{request.id}").status_code == 404
    assert other.get(f"/learn/skills/evidence/{request.files[0].id}").status_code == 404
    assert post_form(other, f"/learn/skills/evidence/{request.files[0].id}/remove", {},
                     token_from="/learn/skills").status_code == 404
    assert as_user(world.learner).get(f"/learn/skills/evidence/{request.files[0].id}").data == PNG
    assert other.get("/learn/skills/recognition/new?objective=NOPE-1").status_code == 404


def test_accepting_a_task_needs_a_decided_objective(world, framework, as_user):
    """Accepting with every objective at "no decision now" is refused beside the objectives; nothing is written."""
    make_course()
    submission = activities.submit(world.learner, step("K-M1-TASK"), "Tämä vastaus on tarpeeksi pitkä.")
    db.session.commit()
    coach = as_user(world.coach)
    path = f"/coach/reviews/{submission.id}"
    response = post_form(coach, path, {"decision": "accept", "message": "Hyvä alku.", "outcome-TET-TT-2": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Valitse päätös vähintään yhdelle osaamistavoitteelle tai palauta tehtävä oppijalle." in page
    assert 'id="objectives-error"' in page
    assert re.search(r'<input checked[^>]*value="accept"', page)
    assert "Hyvä alku." in page
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).status == SubmissionStatus.SUBMITTED
    assert db.session.query(Decision).count() == 0


def test_accepting_a_task_says_what_was_recognised(world, framework, as_user):
    """Accepting with one objective recognised tells the coach and the learner exactly that."""
    make_course()
    submission = activities.submit(world.learner, step("K-M1-TASK"), "Tämä vastaus on tarpeeksi pitkä.")
    db.session.commit()
    coach = as_user(world.coach)
    response = post_form(coach, f"/coach/reviews/{submission.id}",
                         {"decision": "accept", "message": "", "outcome-TET-TT-2": "accepted:4"})
    assert response.status_code == 302
    queue = coach.get("/coach/reviews").get_data(as_text=True)
    assert "Tallennettu: tehtävä hyväksyttiin; 1 osaamistavoite tunnustettiin." in queue
    page = as_user(world.learner).get("/learn/steps/K-M1-TASK").get_data(as_text=True)
    assert "Valmentajasi hyväksyi tämän tehtävän. Hienoa! 1 taito tunnustettiin: katso Oma osaaminen." in page


def test_accepting_a_task_without_objectives_says_no_competence(world, as_user):
    """A task that trains no objective can be accepted, and both sides are told no competence is recorded."""
    make_course()  # no framework: the task's objective does not exist
    submission = activities.submit(world.learner, step("K-M1-TASK"), "Tämä vastaus on tarpeeksi pitkä.")
    db.session.commit()
    coach = as_user(world.coach)
    path = f"/coach/reviews/{submission.id}"
    assert "sen hyväksyminen ei kirjaa osaamista" in coach.get(path).get_data(as_text=True)
    assert post_form(coach, path, {"decision": "accept", "message": ""}).status_code == 302
    queue = coach.get("/coach/reviews").get_data(as_text=True)
    assert "Se ei harjoita yhtään osaamistavoitetta, joten osaamista ei kirjattu." in queue
    page = as_user(world.learner).get("/learn/steps/K-M1-TASK").get_data(as_text=True)
    assert "Valmentajasi hyväksyi tämän tehtävän. Hienoa! Tämä tehtävä ei kirjaa osaamista." in page
