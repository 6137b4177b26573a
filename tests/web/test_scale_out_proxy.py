"""Two app servers (gunicorn, two workers each) behind Debian's nginx on loopback, sharing one database,
Redis and storage: a session, a CSRF token, the sign-in limit, certificate verification and a content
import all hold whichever server answers, and each server's /metrics sums its workers."""

import re
import shutil
from pathlib import Path

import pytest

from app import create_app
from app.core.accounts.models import Role, User
from app.core.db import db
from app.demo import DEMO_UNIT_GRADES
from competence import certificates, verification
from courses.content_import import import_content
from tests.certificate_factory import accept, issuer, with_test_key
from tests.conftest import _PASSWORD_HASH, PASSWORD, make_config
from tests.servers import ROOT, Browser, app_env, app_servers, nginx_proxy, redis_server

pytestmark = pytest.mark.servers


def deployment(tmp_path: Path, url: str) -> str:
    """The shared SQLite database with the content, a coach, a learner and one issued certificate; its code."""
    app = create_app(make_config(url))
    with app.app_context():
        db.create_all()
        coach = User(username="coach", display_name="Kari Valmentaja", role=Role.COACH, password_hash=_PASSWORD_HASH)
        learner = User(username="learner", display_name="Leena Oppija", role=Role.LEARNER,
                       password_hash=_PASSWORD_HASH)
        db.session.add_all([coach, learner])
        db.session.flush()
        from app.core.accounts.models import Group

        db.session.add(Group(name="Ryhmä A", coaches=[coach], learners=[learner]))
        db.session.commit()
        keys = tmp_path / "storage" / "keys"
        with_test_key(keys)
        import_content(ROOT / "content")
        db.session.commit()
        accept(coach, learner, DEMO_UNIT_GRADES)
        code = certificates.issue_certificate(coach, learner.id, issuer(keys), units=["TET-OU"]).code
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return verification.format_code(code)


def import_renamed_course(tmp_path: Path, url: str) -> None:
    """`flask content import` of the content with the course renamed, as the operator runs it elsewhere."""
    changed = tmp_path / "content"
    shutil.copytree(ROOT / "content", changed)
    for course in (changed / "courses" / "tyoelamataidot").glob("course*.md"):  # every language version
        course.write_text(re.sub(r"^title: .*$", "title: Työelämätaidot 2027", course.read_text(), count=1,
                                 flags=re.M))
    app = create_app(make_config(url))
    with app.app_context():
        import_content(changed)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def counted(metrics_text: str, endpoint: str) -> float:
    pattern = rf'verstas_requests_total\{{endpoint="{re.escape(endpoint)}",method="GET",status="200"\}} ([0-9.]+)'
    return sum(float(value) for value in re.findall(pattern, metrics_text))


def test_two_servers_behind_nginx_share_sessions_forms_limits_and_certificates(tmp_path):
    """Round-robin through nginx: sign in on one server, keep the session and send a form on the other, the
    sixth wrong password is refused wherever it lands, a certificate verifies on both, a content import
    reaches both without a restart, and metrics sum workers."""
    url, made = f"sqlite:///{tmp_path / 'shared.db'}", []
    with redis_server(tmp_path / "redis") as redis:
        env = app_env(tmp_path, url, RATELIMIT_STORAGE_URI=redis.url, VERSTAS_TRUSTED_PROXIES="1")
        with app_servers(2, env, tmp_path / "logs", workers=2,
                         while_starting=lambda: made.append(deployment(tmp_path, url))) as servers, \
                nginx_proxy(tmp_path / "nginx", servers) as proxy:
            code = made[0]
            learner = Browser()
            signed_in = learner.post_form(f"{proxy}/sign-in", {"username": "learner", "password": PASSWORD})
            assert signed_in.status_code == 302, signed_in.text[:500]
            for _ in range(4):  # round robin: both servers, twice each
                page = learner.open(f"{proxy}/learn/skills")
                assert page.status_code == 200 and "Leena Oppija" in page.text

            # The language form: its token comes from one server, the POST lands on the other.
            changed = learner.post_form(f"{proxy}/language", {"lang": "sv", "next": "/learn/skills"},
                                        token_from=f"{proxy}/learn/skills")
            assert changed.status_code == 302

            guesser = Browser()
            wrong = {"username": "coach", "password": "not-the-password"}
            for _ in range(5):
                assert guesser.post_form(f"{proxy}/sign-in", wrong).status_code == 400
            assert guesser.post_form(f"{proxy}/sign-in", wrong).status_code == 429

            for _ in range(2):
                verified = Browser().open(f"{proxy}/verify/{code}")
                assert verified.status_code == 200 and "Leena Oppija" in verified.text

            for _ in range(2):  # both servers keep the content as it is
                assert "Työelämätaidot 2027" not in learner.open(f"{proxy}/learn/").text
            import_renamed_course(tmp_path, url)
            for _ in range(2):  # and both pick up the import by themselves
                assert "Työelämätaidot 2027" in learner.open(f"{proxy}/learn/").text

            scraped = [Browser().open(f"{server}/metrics").text for server in servers]
            assert sum(counted(text, "public.verify_code") for text in scraped) == 2
            assert all(counted(text, "learner.skills") >= 1 for text in scraped)
            assert Browser().open(f"{proxy}/metrics").status_code == 404
