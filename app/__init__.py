"""Verstas: the digital workshop of a city's rehabilitative work activity."""

import importlib
import importlib.util
from pathlib import Path

from flask import Flask

MIGRATIONS_DIR = str(Path(__file__).parent / "migrations")
# Every module that defines tables, so that the metadata (and migrations) see them all.
MODEL_MODULES = (
    "app.core.accounts.models",
    "app.core.audit",
    "app.core.content_cache",
    "app.core.notifications",
    "competence.models",
    "competence.certificate_models",
    "competence.export.models",
    "courses.models",
    "courses.authoring.models",
    "courses.feedback.models",
    "service.models",
    "service.attendance_models",
    "service.figure_cells",
    "service.figure_tracking",  # no tables: the listener that keeps figure_cell right
)


def create_app(config=None) -> Flask:
    """Build the application: settings, extensions, blueprints, error pages and CLI commands."""
    from config import config_from_env

    app = Flask(__name__, instance_relative_config=True)
    config_class = config or config_from_env()
    app.config.from_object(config_class)
    config_class.check(app.config)
    if str(app.config.get("RATELIMIT_STORAGE_URI", "")).startswith("redis"):
        # A Redis that stops answering costs a limited request a second, never a hung worker.
        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {"socket_connect_timeout": 1, "socket_timeout": 1})
    if app.config.get("TRUSTED_PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Behind a reverse proxy the client's address (for rate limits and the audit log) is in
        # X-Forwarded-For; trust exactly as many hops as configured.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from app.core import transactions
    from app.core.db import db, render_migration_item
    from app.web.common import edge

    for module in MODEL_MODULES:
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
    from app.extensions import babel, csrf, limiter, login_manager, migrate

    db.init_app(app)
    from courses.feedback import sealing

    sealing.configure(app.config["SECRET_KEY"])
    transactions.init_app(app)
    edge.init_app(app)  # first of the after-request functions, so it runs after the others
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True, compare_type=True,
                     render_item=render_migration_item)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)

    from app.web.common import (
        forms,
        i18n,
        icons,
        menu,
        metrics,
        request_log,
        request_values,
        security,
        session,
        static_files,
    )

    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    session.init_app(app, login_manager)
    security.init_app(app)
    request_values.init_app(app)
    i18n.init_app(app)
    menu.init_app(app)
    forms.init_app(app)
    icons.init_app(app)
    static_files.init_app(app)
    request_log.init_app(app)
    metrics.init_app(app)

    from app.web.common.errors import register_error_handlers

    register_error_handlers(app)

    from app.web import auth, authoring, coach, figures, learner, public, staff

    app.register_blueprint(public.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(learner.bp, url_prefix="/learn")
    app.register_blueprint(coach.bp, url_prefix="/coach")
    app.register_blueprint(staff.bp, url_prefix="/staff")
    app.register_blueprint(figures.bp, url_prefix="/staff")
    app.register_blueprint(authoring.bp, url_prefix="/authoring")

    from app.cli import register_cli

    register_cli(app)
    return app
