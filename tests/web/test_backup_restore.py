"""The restore drill of README "Deployment": `flask backup PATH` takes the database and storage together;
restored into a fresh place as documented, the app starts on the copy, verifies a certificate by its code
and its Open Badge with the backed-up key, and serves the uploaded files byte for byte."""

import json
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from app import create_app
from app.core import files
from app.core.backup import libpq_arguments, pg_program
from app.core.db import db
from competence import certificates, credentials, recognition, verification
from competence.certificate_models import Certificate
from tests.certificate_factory import accept, issuer, with_test_key
from tests.competence_factory import make_framework
from tests.conftest import make_config
from tests.unit.progress.test_activities import PDF


@pytest.fixture
def issued(app, world):
    """A certificate issued with the deployment's key, and a learner's evidence file in storage."""
    keys = Path(app.config["STORAGE_DIR"]) / "keys"
    with_test_key(keys)
    make_framework()
    accept(world.coach, world.learner)
    certificate = certificates.issue_certificate(world.coach, world.learner.id, issuer(keys), units=["TET-TT"])
    draft = recognition.start(world.learner, unit_code="TET-PF")
    evidence = recognition.add_evidence(world.learner, draft.id, "todistus.pdf", PDF, app.config["STORAGE_DIR"])
    db.session.commit()
    return certificate.code, certificate.credentials[0].token, evidence.stored_name


def restore_database(backup: Path, manifest: dict, fresh: Path, live_url: str) -> str:
    """The README's restore step: SQLite, copy the file; PostgreSQL, createdb then pg_restore."""
    if manifest["database"] == "sqlite":
        shutil.copy2(backup / manifest["database_file"], fresh / "verstas.db")
        return f"sqlite:///{fresh / 'verstas.db'}"
    url = make_url(live_url).set(database=f"verstas_restore_{uuid.uuid4().hex[:8]}")
    arguments, env = libpq_arguments(url)
    server = arguments[2:]
    subprocess.run([pg_program("createdb"), *server, url.database], env=env, check=True)  # noqa: S603
    subprocess.run([pg_program("pg_restore"), "--no-owner", *arguments,  # noqa: S603
                    str(backup / manifest["database_file"])], env=env, check=True)
    return url.render_as_string(hide_password=False)


def test_a_backup_restored_into_a_fresh_place_verifies_its_certificates(app, database_url, issued, tmp_path):
    """Backup, restore as documented, start the app on the copy: the code and the badge verify, files match."""
    code, badge, stored_name = issued
    backup = tmp_path / "backup"
    result = app.test_cli_runner().invoke(args=["backup", str(backup)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["files"] == 1 and manifest["missing_files"] == []
    assert (backup.stat().st_mode & 0o077) == 0

    fresh = tmp_path / "restored"
    fresh.mkdir()
    restored_url = restore_database(backup, manifest, fresh, database_url)
    shutil.copytree(backup / "storage", fresh / "storage")

    restored = create_app(make_config(restored_url, STORAGE_DIR=str(fresh / "storage"), WTF_CSRF_ENABLED=False))
    with restored.app_context():
        client = restored.test_client()
        page = client.get(f"/verify/{verification.format_code(code)}")
        assert page.status_code == 200 and "Leena Oppija" in page.get_data(as_text=True)
        settings = issuer(fresh / "storage" / "keys")
        check = credentials.check_badge(badge, settings)
        assert check.genuine and check.badge.certificate.code == code
        assert db.session.query(Certificate).count() == 1
        assert files.stored_path(str(fresh / "storage"), stored_name).read_bytes() == PDF
        db.session.remove()
        db.engine.dispose()


def test_backup_refuses_a_folder_that_is_not_empty(app, tmp_path):
    """An existing backup is never overwritten: a folder with something in it is refused."""
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "manifest.json").write_text("{}")
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "old")])
    assert result.exit_code != 0 and "not empty" in result.output
