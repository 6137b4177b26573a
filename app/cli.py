"""Command-line commands: thin shells around functions that the tests call directly."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.core.db import db


def register_cli(app) -> None:
    @app.cli.command("demo")
    def demo_command():
        """Create the demo accounts (demo mode only)."""
        from app.core.accounts.demo import create_demo_data

        if not current_app.config["DEMO_MODE"]:
            raise click.ClickException("Demo data is only created in demo mode (VERSTAS_DEMO=1).")
        created = create_demo_data()
        db.session.flush()
        from app.demo import create_demo_history, create_demo_participation

        history = create_demo_history()
        participation = create_demo_participation()
        db.session.commit()
        click.echo(f"demo: created {', '.join(created)}" if created else "demo: accounts already in place")
        if history:
            click.echo(f"demo: history for demo-learner: {', '.join(history)}")
        if participation:
            click.echo(f"demo: two months of participation days for {', '.join(participation)}")

    app.cli.add_command(content)
    app.cli.add_command(privacy)
    app.cli.add_command(keys)
    app.cli.add_command(storage)
    app.cli.add_command(figures)

    @app.cli.command("backup")
    @click.argument("path", type=click.Path(file_okay=False))
    def backup_command(path):
        """Write the database dump and a copy of storage into PATH (a new folder); see README."""
        from app.core.backup import BackupError, take_backup

        try:
            manifest = take_backup(Path(path), current_app.config["STORAGE_DIR"])
        except BackupError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"backup: {manifest.database} database in {Path(path) / manifest.database_file}, "
                   f"{manifest.files} uploaded file(s) and the keys in {Path(path) / 'storage'}")
        if manifest.missing_files:
            click.echo(f"backup: {len(manifest.missing_files)} file(s) named by rows were removed during the "
                       "backup; see manifest.json", err=True)


def _content_root(path: str | None) -> Path:
    root = Path(path or current_app.config["CONTENT_DIR"])
    if not root.is_dir():
        raise click.ClickException(f"no content folder at {root}")
    return root


content = AppGroup("content", help="Check and import the frameworks and courses in content/.")


@content.command("check")
@click.argument("path", required=False, type=click.Path(file_okay=False))
def content_check(path):
    """Print every problem and warning as file:line: message; exit 1 if there is a problem.

    Warnings (long lessons, missing versions, pictures without alt text) do not fail the check.
    """
    from courses.content_import import inspect_content

    checked = inspect_content(_content_root(path))
    for problem in [*checked.problems, *checked.warnings]:
        click.echo(str(problem))
    if checked.problems:
        raise click.exceptions.Exit(1)
    warnings = f", {len(checked.warnings)} warning(s)" if checked.warnings else ""
    click.echo(f"content ok: {checked.file_count} files{warnings}")


@content.command("import")
@click.argument("path", required=False, type=click.Path(file_okay=False))
def content_import(path):
    """Apply the content to the database by code, then commit once."""
    from courses.content_import import ContentErrors, import_content

    try:
        report = import_content(_content_root(path))
    except ContentErrors as error:
        db.session.rollback()
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException("nothing imported: fix the problems above (flask content check)") from None
    db.session.commit()
    click.echo(str(report))


@content.command("export")
@click.argument("path", type=click.Path(file_okay=False))
def content_export(path):
    """Write the published content (as last imported or published) into PATH, in the content format."""
    from courses.authoring.published import export_source

    root = Path(path)
    if root.exists() and any(root.iterdir()):
        raise click.ClickException(f"{root} is not empty: export into a new or empty folder")
    count = export_source(root)
    click.echo(f"exported {count} files to {root}")


privacy = AppGroup("privacy", help="Personal data of closed accounts.")


@privacy.command("pseudonymise")
@click.option("--now", "now", default=None, help="The moment to count the retention time to (ISO 8601, UTC).")
def privacy_pseudonymise(now):
    """Pseudonymise closed accounts whose PERSONAL_DATA_RETENTION_DAYS have passed, then commit once."""
    from datetime import UTC, datetime

    from app.core.files import remove_stored
    from courses.privacy.pseudonymise import pseudonymise_due

    moment = datetime.fromisoformat(now).replace(tzinfo=UTC) if now else datetime.now(UTC)
    done = pseudonymise_due(moment, current_app.config["PERSONAL_DATA_RETENTION_DAYS"])
    db.session.commit()
    for stored_name in done.stored_files:
        remove_stored(current_app.config["STORAGE_DIR"], stored_name)
    click.echo(f"privacy: pseudonymised {len(done.accounts)} closed accounts, removed {len(done.stored_files)} files")


keys = AppGroup("keys", help="The key that signs certificates' Open Badges, made at deploy time.")


@keys.command("init")
def keys_init():
    """Create the signing key under STORAGE_DIR/keys unless it exists; safe to run on every deploy."""
    from competence import signing_keys

    keys_dir = Path(current_app.config["STORAGE_DIR"]) / "keys"
    if signing_keys.create_signing_key(str(keys_dir)):
        click.echo(f"keys: created the signing key {signing_keys.key_path(str(keys_dir))}")
    else:
        click.echo(f"keys: the signing key {signing_keys.key_path(str(keys_dir))} is already in place; nothing changed")


storage = AppGroup("storage", help="The uploaded files in STORAGE_DIR.")


@storage.command("sweep")
@click.option("--minutes", default=60, show_default=True, help="Only files older than this are removed.")
def storage_sweep(minutes):
    """Remove uploaded files that no row names and leftover temporary files; say what was done."""
    from app.core.storage import sweep

    report = sweep(current_app.config["STORAGE_DIR"], age_seconds=minutes * 60)
    db.session.rollback()
    for name in report.removed:
        click.echo(f"removed unreferenced {name}")
    for name in report.temporary_removed:
        click.echo(f"removed leftover temporary {name}")
    for name in report.moved_into_place:
        click.echo(f"moved committed {name} into place")
    click.echo(str(report))


figures = AppGroup("figures", help="The figures' counts per month and group.")


@figures.command("rebuild")
def figures_rebuild():
    """Recompute every figure cell from the rows in the database (after an upgrade, or a bulk load)."""
    from service.figure_cells import rebuild

    cells = rebuild()
    db.session.commit()
    click.echo(f"figures: {cells} cells recomputed")
