"""Drafts, publishing and history of a course edited in the browser."""

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.db import db
from app.core.errors import Invalid
from courses.authoring import drafts, history
from courses.authoring.published import published_files
from courses.authoring.publishing import NotPublished, publish_course
from courses.content_import import import_content
from courses.models import ProgressEvent, Step, Submission

LESSON = "courses/demo/01-alku/01-eka.md"
COURSE = "DEMO-KURSSI"


@pytest.fixture
def imported(app, content):
    import_content(content.root)
    db.session.commit()
    return content


def _step(code):
    return db.session.scalar(select(Step).where(Step.code == code))


def _save(actor, text, revision=0, base=None):
    base = drafts.working(COURSE, LESSON).base_hash if base is None else base
    return drafts.save_draft(actor, COURSE, LESSON, text.encode(), revision, base)


def test_a_draft_is_not_published_until_the_course_is(imported, world):
    """Saving a draft changes nothing a learner reads; publishing imports it in place."""
    lesson = _step("DEMO-M1-L1")
    text = imported.read(LESSON).replace("Ensimmäinen kappale.", "Uusi **kappale**.")
    _save(world.admin, text)
    assert "Uusi" not in _step("DEMO-M1-L1").body_html
    version = publish_course(world.admin, COURSE)
    assert version.number == 2 and version.created_by_id == world.admin.id
    assert _step("DEMO-M1-L1").id == lesson.id and "<strong>kappale</strong>" in _step("DEMO-M1-L1").body_html
    assert drafts.course_drafts(COURSE) == []
    assert published_files()[LESSON] == text.encode()
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert actions == ["content.draft_saved", "content.published"]


def test_publishing_keeps_progress_and_answers(imported, world):
    """A publish is the content import: the learner's progress and answers stay on the same steps."""
    lesson, task = _step("DEMO-M1-L1"), _step("DEMO-M1-TASK")
    db.session.add(ProgressEvent(learner_id=world.learner.id, step_id=lesson.id, kind="read"))
    db.session.add(Submission(learner_id=world.learner.id, step_id=task.id, text="Vastaukseni"))
    _save(world.admin, imported.read(LESSON).replace("title: Eka", "title: Eka korjattu"))
    publish_course(world.admin, COURSE)
    assert db.session.scalar(select(ProgressEvent.step_id)) == lesson.id
    assert db.session.scalar(select(Submission.step_id)) == task.id
    assert _step("DEMO-M1-L1").title == "Eka korjattu"


def test_a_draft_with_problems_is_not_published(imported, world):
    """The content check runs first: any problem, and nothing changes."""
    _save(world.admin, imported.read(LESSON).replace("title: Eka\n", ""))
    with pytest.raises(NotPublished) as refused:
        publish_course(world.admin, COURSE)
    assert [str(p) for p in refused.value.problems] == [f"content/{LESSON}:1: missing title"]
    assert _step("DEMO-M1-L1").title == "Eka" and len(drafts.course_drafts(COURSE)) == 1


def test_nothing_to_publish_is_refused(imported, world):
    """Publishing without drafts says so."""
    with pytest.raises(Invalid):
        publish_course(world.admin, COURSE)


def test_a_save_from_an_older_text_is_a_conflict(imported, world):
    """Two editors start from the same text: the second save sees the first one's text, unchanged."""
    start = drafts.working(COURSE, LESSON)
    _save(world.admin, "first editor", 0, start.base_hash)
    with pytest.raises(drafts.EditConflict) as conflict:
        _save(world.coach, "second editor", 0, start.base_hash)
    assert conflict.value.saved.text == "first editor" and conflict.value.saved.revision == 1
    _save(world.coach, "second editor", 1, start.base_hash)
    assert drafts.working(COURSE, LESSON).text == "second editor"


def test_a_published_change_makes_an_open_editor_conflict(imported, world):
    """A file published after the editor opened it is not overwritten by the old form."""
    start = drafts.working(COURSE, LESSON)
    _save(world.admin, imported.read(LESSON).replace("title: Eka", "title: Toka"))
    publish_course(world.admin, COURSE)
    with pytest.raises(drafts.EditConflict):
        _save(world.coach, "stale", 0, start.base_hash)


def test_history_diff_and_restore(imported, world):
    """Each publish is a version; the diff shows the change; restoring version 1 drafts it back."""
    original = imported.read(LESSON)
    _save(world.admin, original.replace("title: Eka", "title: Toka"))
    publish_course(world.admin, COURSE)
    rows = history.versions(COURSE)
    assert [(r.number, r.author) for r in rows] == [(2, world.admin.display_name), (1, None)]
    changes = history.diff(COURSE, 1, 2)
    assert [c.path for c in changes] == [LESSON]
    assert "-title: Eka" in changes[0].lines and "+title: Toka" in changes[0].lines
    assert history.restore(world.admin, COURSE, "demo", 1) == 1
    assert drafts.working(COURSE, LESSON).text == original
    publish_course(world.admin, COURSE)
    assert _step("DEMO-M1-L1").title == "Eka"
    assert [r.number for r in history.versions(COURSE)] == [3, 2, 1]


def test_restoring_a_version_without_a_later_step_archives_that_step(imported, world):
    """A step added after version 1 is removed by restoring version 1 and publishing; it is archived, not deleted."""
    new = "courses/demo/01-alku/05-uusi.md"
    text = "---\ncode: DEMO-M1-NEW\ntitle: Uusi\n---\nUusi oppitunti.\n"
    drafts.save_draft(world.admin, COURSE, new, text.encode(), 0, "")
    publish_course(world.admin, COURSE)
    assert _step("DEMO-M1-NEW").archived_at is None
    history.restore(world.admin, COURSE, "demo", 1)
    assert drafts.working(COURSE, new).data is None
    publish_course(world.admin, COURSE)
    assert _step("DEMO-M1-NEW").archived_at is not None
    assert new not in published_files()
