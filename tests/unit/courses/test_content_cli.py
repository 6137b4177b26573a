"""`flask content check` and `flask content import`: thin commands with clear output and exit codes."""

from sqlalchemy import func, select

from app.core.db import db
from courses.models import Step

LESSON = "courses/demo/01-alku/01-eka.md"


def test_check_prints_ok_with_the_number_of_files(app, content):
    """A clean tree prints its warnings and one line with the counts, and exits 0."""
    result = app.test_cli_runner().invoke(args=["content", "check", str(content.root)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "content ok: 11 files, 10 warning(s)"


def test_check_prints_each_problem_and_exits_1(app, content):
    """Each problem is one file:line: message line; any problem fails the command."""
    content.replace(LESSON, "title: Eka\n", "")
    content.path("courses/demo/01-alku/kuva.svg").unlink()
    result = app.test_cli_runner().invoke(args=["content", "check", str(content.root)])
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if ": warning: " not in line] == [
        f"content/{LESSON}:1: missing title",
        f"{content.at(LESSON, 'kuva.svg')}: broken image kuva.svg: no such file",
    ]


def test_check_defaults_to_the_configured_content_dir(app, content):
    """Without a path the command checks CONTENT_DIR."""
    app.config["CONTENT_DIR"] = str(content.root)
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0 and result.output.splitlines()[-1].startswith("content ok")


def test_import_commits_and_prints_the_report(app, content):
    """Import prints what changed and commits once; a second run says nothing changed."""
    runner = app.test_cli_runner()
    first = runner.invoke(args=["content", "import", str(content.root)])
    assert first.exit_code == 0, first.output
    assert "created   step DEMO-M1-L1" in first.output
    assert "step:       4 created, 0 updated, 0 archived, 0 unchanged" in first.output
    db.session.rollback()  # what was committed survives a rollback
    assert db.session.scalar(select(func.count(Step.id))) == 4
    second = runner.invoke(args=["content", "import", str(content.root)])
    assert second.output.startswith("nothing changed\n")


def test_import_refuses_broken_content(app, content):
    """With problems, import lists them, imports nothing and exits non-zero."""
    content.replace(LESSON, "title: Eka\n", "")
    result = app.test_cli_runner().invoke(args=["content", "import", str(content.root)])
    assert result.exit_code == 1
    assert f"content/{LESSON}:1: missing title" in result.output
    assert "nothing imported" in result.output
    assert db.session.scalar(select(func.count(Step.id))) == 0


def test_an_import_reaches_the_workers_snapshots_without_a_restart(app, content):
    """Workers keep the course tree in memory; the next request after an import shows the new titles."""
    from courses.catalog import catalog

    runner = app.test_cli_runner()
    assert runner.invoke(args=["content", "import", str(content.root)]).exit_code == 0
    assert "Eka" in [s.title for s in catalog().live_steps()]
    db.session.commit()
    content.replace(LESSON, "title: Eka\n", "title: Ensimmäinen oppitunti\n")
    assert runner.invoke(args=["content", "import", str(content.root)]).exit_code == 0
    db.session.commit()
    titles = [s.title for s in catalog().live_steps()]
    assert "Ensimmäinen oppitunti" in titles and "Eka" not in titles
