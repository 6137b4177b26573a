"""Learners with credited units, made through the real decision service, and issuer settings for tests."""

from pathlib import Path

from joserfc.jwk import RSAKey
from sqlalchemy import select

from app.core.db import db
from competence import decisions, ledger, unit_grades
from competence.grades import scale_values
from competence.issuer import IssuerSettings
from competence.models import Method, Outcome, PointsEntry, Unit
from competence.signing_keys import KEY_NAME

BASE_URL = "https://verstas.example.fi"
# Every objective of both units of tests/competence_factory.py: TET-TT (2 osp) and TET-PF (1 osp).
ALL_ACCEPTED = {"TET-TT-1": "4", "TET-TT-2": "3", "TET-PF-1": "hyväksytty"}


def issuer(keys_dir, **overrides) -> IssuerSettings:
    values = {"base_url": BASE_URL, "organiser": "Kaupungin työpaja", "keys_dir": str(keys_dir),
              "place": "Helsinki"}
    return IssuerSettings(**{**values, **overrides})


def accept(coach, learner, grades=None, method=Method.WORKSHOP, confirm_grades=True) -> None:
    """The coach accepts the objectives with these grades; the ledger credits complete units, and the
    coach confirms each credited unit's proposed grade (unless `confirm_grades` is false)."""
    for code, grade in (grades or ALL_ACCEPTED).items():
        decisions.decide(coach, learner.id, code, Outcome.ACCEPTED, grade, method=method,
                         note="Nähty työpajalla.")
    if confirm_grades:
        credited = select(PointsEntry.unit_id).where(PointsEntry.learner_id == learner.id)
        for unit in db.session.scalars(select(Unit).where(Unit.id.in_(credited)).order_by(Unit.id)):
            proposed = unit_grades.proposed_grade(learner.id, unit)
            if proposed and len(scale_values(unit)) > 1 and ledger.last_entry(learner.id, unit.id).points > 0:
                unit_grades.decide_grade(coach, learner.id, unit.code, proposed)
    db.session.commit()


_KEY_PEM: list[bytes] = []


def with_test_key(keys_dir):
    """Put one key, made once per test run, where the platform looks for it (making one takes time)."""
    if not _KEY_PEM:
        _KEY_PEM.append(RSAKey.generate_key(2048, private=True).as_pem(private=True))
    folder = Path(keys_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / KEY_NAME).write_bytes(_KEY_PEM[0])
    return keys_dir
