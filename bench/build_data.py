"""Build a city-sized data set in a fresh database for the benchmark.

    python -m bench.build_data [--database-url URL] [--learners 20000] [--seed 7]

SQLite (bench/data/bench.db) by default, PostgreSQL with DATABASE_URL or --database-url. Everything
is inserted in bulk (executemany in chunks), so the full size takes minutes. The same seed gives
the same data. Prints what it built and how long each part took, and writes the same as JSON
beside a SQLite file (or to --summary) for bench/run.py.
"""

import argparse
import hashlib
import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import event, insert, inspect, select, text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "bench" / "data" / "bench.db"
PASSWORD = "bench-password-1"  # noqa: S105 - a throwaway benchmark database on loopback
CHUNK = 10_000
# A small valid PDF: the stored copies' bytes, since a download sends them as they are.
SMALL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
START = datetime(2025, 1, 7, 8, 0, tzinfo=UTC)
# The event that finishes each kind of step (a task is sent, then accepted or left waiting).
FINISH = {"lesson": "read", "quiz": "quiz_passed", "self_assessment": "self_assessed"}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--groups", type=int, default=1_000)
    parser.add_argument("--coaches", type=int, default=250)
    parser.add_argument("--events", type=int, default=2_000_000, help="progress events in all")
    parser.add_argument("--decisions", type=int, default=200_000)
    parser.add_argument("--certificates", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--summary", help="where to write the JSON summary (default: beside the database)")
    parser.add_argument("--complete-schema", action="store_true",
                        help="only add the tables and rows that newer code needs to a data set built earlier")
    args = parser.parse_args(argv)
    if not args.database_url:
        args.database_url = f"sqlite:///{DEFAULT_DB}"
    scale = args.learners / 20_000
    for name in ("groups", "coaches", "events", "decisions", "certificates"):
        if f"--{name}" not in (argv or sys.argv):
            setattr(args, name, max(1, round(getattr(args, name) * scale)))
    return args


class Timer:
    def __init__(self):
        self.parts = {}

    def __call__(self, name):
        timer = self

        class Part:
            def __enter__(self):
                self.start = time.perf_counter()
                print(f"  {name} ...", end="", flush=True)

            def __exit__(self, *exc):
                seconds = time.perf_counter() - self.start
                timer.parts[name] = round(seconds, 2)
                print(f" {seconds:.1f} s", flush=True)

        return Part()


def chunks(rows, size=CHUNK):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk(db, table, rows) -> int:
    """Insert rows (an iterable of dicts) into a Core table in chunks; return the count."""
    count = 0
    for batch in chunks(rows):
        db.session.execute(insert(table), batch)
        count += len(batch)
    return count


def fresh_app(url):
    """The app on a new, empty database with the current schema."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    from app import create_app
    from app.core.db import db
    from config import DevelopmentConfig

    config = type("BuildConfig", (DevelopmentConfig,), {"SQLALCHEMY_DATABASE_URI": url, "DEMO_MODE": False})
    app = create_app(config)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            @event.listens_for(db.engine, "connect")
            def _fast(connection, record):
                cursor = connection.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.close()
        db.drop_all()
        db.create_all()
    return app


def build(args) -> dict:
    rng = random.Random(args.seed)  # noqa: S311 - reproducible test data, not secrets
    timer = Timer()
    started = time.perf_counter()
    print(f"Building the benchmark data set in {args.database_url.split('@')[-1]} (seed {args.seed})")
    with timer("schema"):
        app = fresh_app(args.database_url)
    with app.app_context():
        from app.core.db import db

        summary = _fill(db, args, rng, timer)
        with timer("analyse"):
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        db.engine.dispose()
    summary.update(build_seconds=round(time.perf_counter() - started, 1), parts=timer.parts,
                   database_url=args.database_url, seed=args.seed, password=PASSWORD)
    print(f"Built in {summary['build_seconds']} s: " + ", ".join(f"{v:,} {k}" for k, v in summary["counts"].items()))
    return summary


def _fill(db, args, rng, timer) -> dict:
    from app.core.accounts.models import Group, Role, User, group_coaches, group_members
    from app.core.accounts.passwords import hash_password
    from courses.content_import import import_content
    from courses.models import ProgressEvent, Step, Submission

    counts = {}
    with timer("content import"):
        import_content(ROOT / "content")
        db.session.commit()
    steps = db.session.execute(select(Step.id, Step.kind, Step.code).where(Step.archived_at.is_(None))
                               .order_by(Step.module_id, Step.position)).all()
    if not steps:
        raise SystemExit("no steps after importing content/: nothing to measure")

    with timer("accounts and groups"):
        password_hash = hash_password(PASSWORD)
        users = [{"username": "bench-admin", "display_name": "Bench Admin", "role": Role.ADMIN,
                  "password_hash": password_hash}]
        users += [{"username": f"coach{n:04d}", "display_name": f"Valmentaja {n:04d}", "role": Role.COACH,
                   "password_hash": password_hash} for n in range(1, args.coaches + 1)]
        users += [{"username": f"learner{n:05d}", "display_name": f"Oppija {rng.randrange(10**6):06d}",
                   "role": Role.LEARNER, "password_hash": password_hash, "created_at": START}
                  for n in range(1, args.learners + 1)]
        counts["users"] = bulk(db, User.__table__, users)
        ids = dict(db.session.execute(select(User.username, User.id)).all())
        coach_ids = [ids[f"coach{n:04d}"] for n in range(1, args.coaches + 1)]
        learner_ids = [ids[f"learner{n:05d}"] for n in range(1, args.learners + 1)]
        counts["groups"] = bulk(db, Group.__table__, ({"name": f"Ryhmä {g:04d}", "created_at": START}
                                                      for g in range(1, args.groups + 1)))
        group_ids = list(db.session.scalars(select(Group.id).order_by(Group.id)))
        bulk(db, group_members, ({"group_id": group_ids[i % len(group_ids)], "user_id": lid}
                                 for i, lid in enumerate(learner_ids)))
        bulk(db, group_coaches, ({"group_id": gid, "user_id": coach_ids[i % len(coach_ids)]}
                                 for i, gid in enumerate(group_ids)))
        coach_of_group = {gid: coach_ids[i % len(coach_ids)] for i, gid in enumerate(group_ids)}
        coach_of_learner = {lid: coach_of_group[group_ids[i % len(group_ids)]] for i, lid in enumerate(learner_ids)}
        db.session.commit()

    with timer("progress events and submissions"):
        per_learner = max(1, args.events // max(1, args.learners))
        submissions = []

        def events():
            for lid in learner_ids:
                reached = rng.randrange(len(steps) + 1)
                at = START + timedelta(days=rng.randrange(300), minutes=rng.randrange(600))
                made = 0
                for index, (sid, kind, _code) in enumerate(steps[:reached]):
                    at += timedelta(minutes=rng.randrange(2, 30))
                    yield {"learner_id": lid, "step_id": sid, "kind": "opened", "at": at}
                    made += 1
                    if kind in FINISH:
                        yield {"learner_id": lid, "step_id": sid, "kind": FINISH[kind], "at": at}
                        made += 1
                    else:  # a task: sent; accepted unless it is the last step reached
                        waiting = index == reached - 1 or rng.random() < 0.05
                        yield {"learner_id": lid, "step_id": sid, "kind": "submitted", "at": at}
                        made += 1
                        submissions.append({"learner_id": lid, "step_id": sid, "text": "Vastaukseni. " * 20,
                                            "status": "submitted" if waiting else "accepted", "created_at": at,
                                            "updated_at": at, "submitted_at": at,
                                            "reviewed_at": None if waiting else at,
                                            "reviewed_by_id": None if waiting else coach_of_learner[lid]})
                        if not waiting:
                            yield {"learner_id": lid, "step_id": sid, "kind": "accepted", "at": at}
                            made += 1
                # Returning to earlier pages: the rest of the learner's share of events.
                for _ in range(per_learner - made if reached else 0):
                    at += timedelta(minutes=rng.randrange(1, 600))
                    sid = steps[rng.randrange(reached)][0]
                    yield {"learner_id": lid, "step_id": sid, "kind": "opened", "at": at}

        counts["progress events"] = bulk(db, ProgressEvent.__table__, events())
        counts["submissions"] = bulk(db, Submission.__table__, submissions)
        db.session.commit()

    counts.update(_competence(db, args, rng, timer, learner_ids, coach_of_learner))
    from bench.build_service import build_service

    counts.update(build_service(db, rng, timer, learner_ids, coach_of_learner))
    signed = learner_ids[0]
    return {
        "counts": counts,
        "learner": "learner00001",
        "admin": "bench-admin",
        "coach": db.session.scalar(select(User.username).where(User.id == coach_of_learner[signed])),
        "group_id": group_ids[0],
        "learner_id": signed,
        "lesson": next(code for _sid, kind, code in steps if kind == "lesson"),
        "quiz": next((code for _sid, kind, code in steps if kind == "quiz"), None),
        "certificate": CERTIFICATE or None,
    }


def _competence(db, args, rng, timer, learner_ids, coach_of_learner) -> dict:
    """Decisions, points, recognition requests and certificates."""
    from competence.models import Decision, Objective, PointsEntry, RecognitionRequest, Unit, UnitGrade

    counts = {}
    objectives = db.session.execute(select(Objective.id, Objective.unit_id)).all()
    with timer("decisions and points"):
        per_learner = max(1, args.decisions // max(1, len(learner_ids)))
        decided_at = START + timedelta(days=200)

        def decisions():
            for lid in learner_ids:
                for oid, _unit in rng.sample(objectives, min(per_learner, len(objectives))):
                    yield {"learner_id": lid, "objective_id": oid, "outcome": "accepted",
                           "grade": str(rng.choice((1, 2, 3, 4, 5))), "method": "task", "note": "",
                           "assessor_id": coach_of_learner[lid], "decided_at": decided_at}

        counts["decisions"] = bulk(db, Decision.__table__, decisions())
        units = db.session.execute(select(Unit.id, Unit.osp)).all()
        counts["points entries"] = bulk(db, PointsEntry.__table__, (
            {"learner_id": lid, "unit_id": uid, "seq": 1, "kind": "credit", "points": max(osp, 1),
             "decision_ids": [], "created_by_id": coach_of_learner[lid], "created_at": decided_at}
            for lid in learner_ids[::2] for uid, osp in units[:2]))
        credits = db.session.execute(select(PointsEntry.id, PointsEntry.learner_id, PointsEntry.unit_id)).all()
        counts["unit grades"] = bulk(db, UnitGrade.__table__, (
            {"learner_id": lid, "unit_id": uid, "entry_id": eid, "grade": "3", "proposed": "3",
             "decided_by_id": coach_of_learner[lid], "decided_at": decided_at} for eid, lid, uid in credits))
        db.session.commit()
    with timer("recognition requests"):
        counts["recognition requests"] = bulk(db, RecognitionRequest.__table__,
                                              _recognition_requests(rng, learner_ids, coach_of_learner, objectives))
        db.session.commit()
    with timer("certificates"):
        counts.update(_certificates(db, args, learner_ids, coach_of_learner))
    return counts


# Of every two learners one has asked for recognition of prior learning: most requests are decided,
# a quarter wait in the coaches' queues, a few are drafts or came back for more.
_REQUEST_STATUSES = ("decided",) * 12 + ("sent",) * 5 + ("draft", "draft", "more_needed")


def _recognition_requests(rng, learner_ids, coach_of_learner, objectives):
    created = START + timedelta(days=100)
    for lid in learner_ids[::2]:
        oid, unit_id = rng.choice(objectives)
        status = rng.choice(_REQUEST_STATUSES)
        sent = created + timedelta(days=rng.randrange(1, 60), minutes=rng.randrange(600))
        decided = status == "decided"
        yield {"learner_id": lid, "unit_id": unit_id, "objective_id": oid, "status": status, "round": 1,
               "description": "Olen tehnyt tätä aiemmin työpaikalla. " * 3, "created_at": created,
               "updated_at": sent, "sent_at": None if status == "draft" else sent,
               "decided_at": sent + timedelta(days=3) if decided else None,
               "decided_by_id": coach_of_learner[lid] if decided else None,
               "coach_message": "Kerro lisää." if status == "more_needed" else ""}


CERTIFICATE = {}


def _certificates(db, args, learner_ids, coach_of_learner) -> dict:
    """One real certificate (rendered by WeasyPrint, timed cold and warm) for the signed-in learner, and
    the rest as copies of its content with a small PDF, each with its own code and digest.
    """
    from app.core.accounts.models import User
    from competence import certificates, signing_keys, verification
    from competence.certificate_models import Certificate
    from competence.issuer import IssuerSettings
    from competence.models import PointsEntry, Unit

    learner_id = learner_ids[0]
    coach = db.session.get(User, coach_of_learner[learner_id])
    units = list(db.session.scalars(select(Unit.code).join(PointsEntry, PointsEntry.unit_id == Unit.id)
                                    .where(PointsEntry.learner_id == learner_id)))
    settings = IssuerSettings(base_url="http://127.0.0.1", organiser="Kaupungin työpaja",
                              keys_dir=os.environ.get("VERSTAS_STORAGE", str(ROOT / "bench" / "data" / "storage"))
                              + "/keys")
    signing_keys.create_signing_key(settings.keys_dir)
    started = time.perf_counter()
    real = certificates.issue_certificate(coach, learner_id, settings, units=units)
    cold = time.perf_counter() - started
    db.session.commit()
    from competence.pdf import render_certificate

    warm = []
    for _ in range(3):
        started = time.perf_counter()
        render_certificate(real.content, code="BENCH-WARM")
        warm.append(time.perf_counter() - started)
    CERTIFICATE.update(id=real.id, code=real.code, render_cold_s=round(cold, 3), render_warm_s=round(min(warm), 3))

    codes = random.Random(args.seed)  # noqa: S311 - reproducible test data, not secrets

    def code() -> str:
        body = "".join(codes.choice(verification.ALPHABET) for _ in range(verification.RANDOM_SYMBOLS))
        return body + verification.check_symbol(body)

    def rows():
        for i in range(1, args.certificates):
            lid = learner_ids[i % len(learner_ids)]
            pdf = SMALL_PDF + f"%{i}\n".encode()
            yield {"learner_id": lid, "code": code(), "language": real.language,
                   "content": real.content, "pdf": pdf, "sha256": hashlib.sha256(pdf).hexdigest(),
                   "status_index": real.status_index + i, "subject_id": f"urn:uuid:bench-{lid}",
                   "issued_at": START + timedelta(days=250), "issued_by_id": coach_of_learner[lid],
                   "revocation_note": ""}

    return {"certificates": 1 + bulk(db, Certificate.__table__, rows())}


def complete_schema(url) -> None:
    """A data set built by older code, made current: missing tables created, the content token set
    (without it every worker would rebuild the content snapshots on every request).
    """
    from app import create_app
    from app.core import content_cache
    from app.core.db import db
    from config import DevelopmentConfig

    app = create_app(type("BuildConfig", (DevelopmentConfig,), {"SQLALCHEMY_DATABASE_URI": url, "DEMO_MODE": False}))
    with app.app_context():
        db.create_all()
        # create_all adds missing tables, not the indexes newer code added to existing ones.
        added = [index.create(db.engine) or index.name for table in db.metadata.sorted_tables
                 for index in table.indexes
                 if index.name not in {i["name"] for i in inspect(db.engine).get_indexes(table.name)}]
        if added:
            print(f"  added indexes: {', '.join(added)}")
            with db.engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
        if content_cache.current_token() is None:
            content_cache.renew()
        db.session.commit()


def main(argv=None):
    args = parse_args(argv)
    if args.complete_schema:
        complete_schema(args.database_url)
        return
    summary = build(args)
    target = Path(args.summary) if args.summary else (
        Path(args.database_url.removeprefix("sqlite:///") + ".json") if args.database_url.startswith("sqlite")
        else ROOT / "bench" / "data" / "bench-postgresql.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    print(f"Summary: {target}")


if __name__ == "__main__":
    main()
