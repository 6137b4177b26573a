"""Importing content is idempotent by code: rows update in place, never vanish, and keep learners' work."""

import pytest
from sqlalchemy import select

from app.core.db import db
from competence.models import CompetenceArea, Objective, Unit
from config import BASE_DIR
from courses.content_import import ContentErrors, import_content
from courses.models import Course, Module, ProgressEvent, Step, StepKind, Submission

MODULE = "courses/demo/01-alku"
LESSON = f"{MODULE}/01-eka.md"


def steps_by_code() -> dict[str, Step]:
    return {step.code: step for step in db.session.scalars(select(Step))}


def test_import_creates_everything(app, content):
    """A first import creates the framework, course, module and every step with rendered HTML."""
    report = import_content(content.root)
    db.session.commit()
    assert report.counts() == {
        "area": {"created": 1, "updated": 0, "archived": 0, "unchanged": 0},
        "unit": {"created": 1, "updated": 0, "archived": 0, "unchanged": 0},
        "objective": {"created": 2, "updated": 0, "archived": 0, "unchanged": 0},
        "course": {"created": 1, "updated": 0, "archived": 0, "unchanged": 0},
        "module": {"created": 1, "updated": 0, "archived": 0, "unchanged": 0},
        "step": {"created": 4, "updated": 0, "archived": 0, "unchanged": 0},
    }
    course = db.session.scalar(select(Course))
    assert (course.code, course.slug, course.framework_code) == ("DEMO-KURSSI", "demo", "DEMO")
    assert course.intro_html == "<p>Tervetuloa!</p>\n"
    [module] = course.modules
    assert (module.code, module.folder, module.minutes) == ("DEMO-M1", "01-alku", 20)
    assert module.variants["en"]["title"] == "Start"
    assert [s.code for s in module.steps] == ["DEMO-M1-L1", "DEMO-M1-QUIZ", "DEMO-M1-TASK", "DEMO-M1-SELF"]
    lesson, quiz, task, self_assessment = module.steps
    assert lesson.kind == StepKind.LESSON and lesson.position == 1 and lesson.objectives == ["DEMO-A-1"]
    assert '<img alt="Kuva puhelimesta" src="/content-media/demo/01-alku/kuva.svg">' in lesson.body_html
    assert lesson.source_path == "courses/demo/01-alku/01-eka.md"
    assert set(lesson.variants) == {"selko", "en"}
    assert lesson.variants["selko"] == {"title": "Eka selkona", "body_html": "<p>Helppo teksti.</p>\n"}
    assert quiz.settings["questions"][0] == {
        "id": "q1", "type": "single", "text": "Kumpi?",
        "choices": [{"text": "Tämä", "correct": True, "explanation": "Oikein."},
                    {"text": "Tuo", "correct": False, "explanation": "Ei."}],
    }
    assert quiz.variants["en"]["settings"]["questions"][0]["text"] == "Which one?"
    assert task.settings == {"min_chars": 50}
    assert self_assessment.kind == StepKind.SELF_ASSESSMENT
    unit = db.session.scalar(select(Unit))
    assert unit.area.code == "DEMO" and [o.code for o in unit.objectives] == ["DEMO-A-1", "DEMO-A-2"]
    assert unit.objectives[0].criteria["3"] == {"fi": "Itsenäisesti."}


def test_the_real_content_imports(app):
    """The shipped content imports without problems."""
    report = import_content(BASE_DIR / "content")
    assert report.count("step", "created") > 0 and report.count("objective", "created") > 0


def test_reimporting_unchanged_content_changes_nothing(app, content):
    """A second import of the same content touches no row."""
    import_content(content.root)
    db.session.commit()
    before = {s.code: (s.id, s.updated_at, s.content_hash) for s in db.session.scalars(select(Step))}
    report = import_content(content.root)
    assert not report.changed
    assert not db.session.dirty and not db.session.new
    assert report.count("step", "unchanged") == 4 and report.count("objective", "unchanged") == 2
    assert {s.code: (s.id, s.updated_at, s.content_hash) for s in db.session.scalars(select(Step))} == before
    assert str(report).startswith("nothing changed\n")


def test_changed_lesson_updates_in_place_and_keeps_learners_work(app, content, world):
    """Editing a lesson keeps its id, so the learner's progress and submission stay attached."""
    import_content(content.root)
    steps = steps_by_code()
    lesson, task = steps["DEMO-M1-L1"], steps["DEMO-M1-TASK"]
    db.session.add(ProgressEvent(learner_id=world.learner.id, step_id=lesson.id, kind="read"))
    db.session.add(Submission(learner_id=world.learner.id, step_id=task.id, text="Vastaukseni"))
    db.session.commit()

    content.replace(LESSON, "Ensimmäinen kappale.", "Ensimmäinen kappale, nyt **korjattu**.")
    content.replace(f"{MODULE}/03-tehtava.md", "title: Tehtävä", "title: Uusi tehtävä")
    report = import_content(content.root)
    db.session.commit()

    assert report.codes[("step", "updated")] == ["DEMO-M1-L1", "DEMO-M1-TASK"]
    assert report.count("step", "unchanged") == 2 and report.count("step", "created") == 0
    updated = steps_by_code()
    assert updated["DEMO-M1-L1"].id == lesson.id
    assert "<strong>korjattu</strong>" in updated["DEMO-M1-L1"].body_html
    assert updated["DEMO-M1-TASK"].id == task.id and updated["DEMO-M1-TASK"].title == "Uusi tehtävä"
    assert db.session.scalar(select(ProgressEvent.step_id)) == lesson.id
    assert db.session.scalar(select(Submission)).step.code == "DEMO-M1-TASK"
    assert "updated   step DEMO-M1-L1" in str(report)


def test_removed_lesson_is_archived_and_comes_back(app, content, world):
    """A lesson taken out of content/ is archived, not deleted; putting it back restores the same row."""
    import_content(content.root)
    lesson = steps_by_code()["DEMO-M1-L1"]
    db.session.add(ProgressEvent(learner_id=world.learner.id, step_id=lesson.id, kind="read"))
    db.session.commit()
    names = ("01-eka.md", "01-eka.selko.md", "01-eka.en.md")
    saved = {name: content.read(f"{MODULE}/{name}") for name in names}
    for name in saved:
        content.path(f"{MODULE}/{name}").unlink()

    report = import_content(content.root)
    db.session.commit()
    assert report.codes[("step", "archived")] == ["DEMO-M1-L1"]
    archived = db.session.get(Step, lesson.id)
    assert archived.archived_at is not None
    assert db.session.scalar(select(ProgressEvent)).step_id == lesson.id
    assert "archived  step DEMO-M1-L1" in str(report)

    for name, text in saved.items():
        content.write(f"{MODULE}/{name}", text)
    report = import_content(content.root)
    db.session.commit()
    assert report.codes[("step", "updated")][0] == "DEMO-M1-L1"  # the others move back one place
    assert db.session.get(Step, lesson.id).archived_at is None
    assert [s.code for s in db.session.get(Step, lesson.id).module.steps][0] == "DEMO-M1-L1"
    assert "restored  step DEMO-M1-L1" in str(report)


def test_step_moved_to_another_module_keeps_its_id(app, content):
    """A step keyed by its code may move between modules; its row (and history) moves with it."""
    import_content(content.root)
    task_id = steps_by_code()["DEMO-M1-TASK"].id
    content.write(f"{MODULE.replace('01-alku', '02-jatko')}/module.md",
                  "---\ncode: DEMO-M2\ntitle: Jatko\nobjectives: [DEMO-A-2]\n---\nJatketaan.\n")
    content.path(f"{MODULE}/03-tehtava.md").rename(content.path("courses/demo/02-jatko/01-tehtava.md"))
    report = import_content(content.root)
    db.session.commit()
    moved = db.session.get(Step, task_id)
    assert moved.module.code == "DEMO-M2" and moved.position == 1
    assert report.codes[("module", "created")] == ["DEMO-M2"]
    assert "DEMO-M1-TASK" in report.codes[("step", "updated")]


def test_framework_changes_update_in_place_and_archive(app, content):
    """An edited objective keeps its row; one removed from the framework is archived."""
    import_content(content.root)
    objective_id = db.session.scalar(select(Objective.id).where(Objective.code == "DEMO-A-1"))
    content.replace("frameworks/demo.yaml", "{fi: Osaan yhden asian.}", "{fi: Osaan uuden asian.}")
    framework = content.read("frameworks/demo.yaml")
    content.write("frameworks/demo.yaml", framework[:framework.index("      - code: DEMO-A-2")])
    for name in ("module.md", "02-visa.md", "03-tehtava.md", "04-itsearviointi.md"):
        content.replace(f"{MODULE}/{name}", "DEMO-A-2", "DEMO-A-1")
    content.replace(f"{MODULE}/module.md", "[DEMO-A-1, DEMO-A-1]", "[DEMO-A-1]")
    content.replace(f"{MODULE}/02-visa.md", "[DEMO-A-1, DEMO-A-1]", "[DEMO-A-1]")
    content.replace(f"{MODULE}/04-itsearviointi.md", "[DEMO-A-1, DEMO-A-1]", "[DEMO-A-1]")
    report = import_content(content.root)
    db.session.commit()
    assert report.codes[("objective", "updated")] == ["DEMO-A-1"]
    assert report.codes[("objective", "archived")] == ["DEMO-A-2"]
    assert db.session.get(Objective, objective_id).name == {"fi": "Osaan uuden asian."}
    assert db.session.scalar(select(Objective).where(Objective.code == "DEMO-A-2")).archived_at is not None
    assert db.session.scalar(select(CompetenceArea)).archived_at is None


def test_import_refuses_content_with_problems(app, content):
    """Nothing is imported while the check finds problems; the error lists them."""
    content.replace(LESSON, "objectives: [DEMO-A-1]", "objectives: [DEMO-A-7]")
    with pytest.raises(ContentErrors) as error:
        import_content(content.root)
    assert [str(p) for p in error.value.problems] == [
        f"{content.at(LESSON, 'objectives')}: unknown objective DEMO-A-7 (not in any framework)"
    ]
    assert "unknown objective DEMO-A-7" in str(error.value)
    assert db.session.scalar(select(Step)) is None and db.session.scalar(select(Module)) is None


def test_splitting_a_lesson_renumbers_in_place_and_keeps_progress(app, content, world):
    """A lesson split in two keeps its code and id for part one; renumbered steps keep theirs."""
    import_content(content.root)
    before = steps_by_code()
    db.session.add(ProgressEvent(learner_id=world.learner.id, step_id=before["DEMO-M1-L1"].id, kind="read"))
    db.session.add(Submission(learner_id=world.learner.id, step_id=before["DEMO-M1-TASK"].id, text="Vastaus"))
    db.session.commit()

    for old, new in (("04-itsearviointi", "05-itsearviointi"), ("03-tehtava", "04-tehtava"),
                     ("02-visa", "03-visa")):
        for suffix in (".md", ".en.md"):
            if content.path(f"{MODULE}/{old}{suffix}").exists():
                content.path(f"{MODULE}/{old}{suffix}").rename(content.path(f"{MODULE}/{new}{suffix}"))
    content.write(f"{MODULE}/02-eka-jatkuu.md", "---\ncode: DEMO-M1-L1B\ntitle: Eka jatkuu\n---\nToinen osa.\n")
    report = import_content(content.root)
    db.session.commit()

    after = steps_by_code()
    assert report.codes[("step", "created")] == ["DEMO-M1-L1B"]
    assert {code: s.id for code, s in after.items() if code != "DEMO-M1-L1B"} == \
        {code: s.id for code, s in before.items()}
    assert [s.code for s in sorted(after.values(), key=lambda s: s.position)] == [
        "DEMO-M1-L1", "DEMO-M1-L1B", "DEMO-M1-QUIZ", "DEMO-M1-TASK", "DEMO-M1-SELF"]
    assert db.session.scalar(select(ProgressEvent.step_id)) == before["DEMO-M1-L1"].id
    assert db.session.scalar(select(Submission)).step.code == "DEMO-M1-TASK"


def test_plain_language_versions_are_rendered_line_by_line(app, content):
    """A selko version keeps its line breaks; the standard text and other versions do not."""
    content.write(f"{MODULE}/01-eka.selko.md", "---\ncode: DEMO-M1-L1\ntitle: Eka\n---\nYksi.\nKaksi.\n")
    content.write(f"{MODULE}/01-eka.en.md", "---\ncode: DEMO-M1-L1\ntitle: First\n---\nOne.\nTwo.\n")
    import_content(content.root)
    lesson = steps_by_code()["DEMO-M1-L1"]
    assert lesson.variants["selko"]["body_html"] == "<p>Yksi.<br>\nKaksi.</p>\n"
    assert lesson.variants["en"]["body_html"] == "<p>One.\nTwo.</p>\n"
