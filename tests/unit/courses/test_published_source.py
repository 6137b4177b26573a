"""The content import keeps its source verbatim: export gives it back byte for byte."""

from pathlib import Path

from sqlalchemy import select

from app.core.db import db
from courses.authoring.models import CourseVersion
from courses.authoring.published import published_files, read_tree
from courses.content_import import import_content


def test_export_of_the_shipped_content_is_byte_identical(app, tmp_path):
    """Importing content/ then `flask content export` writes the very same files."""
    shipped = Path(app.config["CONTENT_DIR"])
    import_content(shipped)
    db.session.commit()
    target = tmp_path / "exported"
    result = app.test_cli_runner().invoke(args=["content", "export", str(target)])
    assert result.exit_code == 0, result.output
    original = read_tree(shipped)
    assert read_tree(target) == original
    assert len(original) > 50


def test_export_refuses_a_folder_with_files(app, tmp_path):
    """Export never mixes its files with an existing tree."""
    (tmp_path / "old.md").write_text("x")
    result = app.test_cli_runner().invoke(args=["content", "export", str(tmp_path)])
    assert result.exit_code != 0 and "not empty" in result.output


def test_each_import_records_a_version_only_when_a_course_changed(app, content):
    """The first import is version 1 of each course; an unchanged import adds none, a change adds one."""
    import_content(content.root)
    import_content(content.root)
    assert db.session.scalars(select(CourseVersion.number)).all() == [1]
    content.replace("courses/demo/01-alku/01-eka.md", "title: Eka", "title: Eka uusi")
    import_content(content.root)
    assert db.session.scalars(select(CourseVersion.number).order_by(CourseVersion.number)).all() == [1, 2]
    assert b"Eka uusi" in published_files("courses/demo/")["courses/demo/01-alku/01-eka.md"]
