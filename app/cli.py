"""Command-line commands: thin shells around functions that the tests call directly."""

import click
from flask import current_app

from app.core.db import db


def register_cli(app) -> None:
    @app.cli.command("demo")
    def demo_command():
        """Create the demo accounts (demo mode only)."""
        from app.core.accounts.demo import create_demo_data

        if not current_app.config["DEMO_MODE"]:
            raise click.ClickException("Demo data is only created in demo mode (VERSTAS_DEMO=1).")
        created = create_demo_data()
        db.session.commit()
        click.echo(f"demo: created {', '.join(created)}" if created else "demo: already in place")
