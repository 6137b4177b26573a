"""Learners with credited units, made through the real decision service, and issuer settings for tests."""

from pathlib import Path

from joserfc.jwk import RSAKey

from app.core.db import db
from competence import decisions
from competence.issuer import IssuerSettings
from competence.models import Method, Outcome
from competence.signing_keys import KEY_NAME

BASE_URL = "https://verstas.example.fi"
# Every objective of both units of tests/competence_factory.py: TET-TT (2 osp) and TET-PF (1 osp).
ALL_ACCEPTED = {"TET-TT-1": "4", "TET-TT-2": "3", "TET-PF-1": "hyväksytty"}


def issuer(keys_dir, **overrides) -> IssuerSettings:
    values = {"base_url": BASE_URL, "organiser": "Kaupungin työpaja", "keys_dir": str(keys_dir),
              "place": "Helsinki"}
    return IssuerSettings(**{**values, **overrides})


def accept(coach, learner, grades=None, method=Method.WORKSHOP) -> None:
    """The coach accepts the objectives with these grades; the ledger credits complete units."""
    for code, grade in (grades or ALL_ACCEPTED).items():
        decisions.decide(coach, learner.id, code, Outcome.ACCEPTED, grade, method=method,
                         note="Nähty työpajalla.")
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
