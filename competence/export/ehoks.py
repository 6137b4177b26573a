"""The export a partner education provider reads into its own systems: the learner's recognised
sub-areas in the shape of eHOKS' previously acquired common units (`aiemmin-hankitut-yhteiset-
tutkinnon-osat`, schema oph.ehoks.hoks.schema), each with the assessment as Koski records it
(`AmmatillinenArviointi`: arvosana, päivä, arvioitsijat). See docs/domain.md for the sources.

A sub-area is in the export when its unit is credited, has a national code and a decided grade.
Only the learner's consent to the configured partner lets a coach or an admin take it.
"""

import json
from datetime import datetime
from pathlib import Path

from jsonschema import Draft202012Validator

from app.core import audit
from app.core.accounts.models import User
from app.core.accounts.policy import require_learner
from app.core.db import utcnow
from app.core.errors import Forbidden, NotFound
from app.core.i18n import N_
from competence.credentials import timestamp
from competence.export.consent import current_consent
from competence.issuer import IssuerSettings
from competence.record import UnitRecord, competence_record, local_date
from competence.unit_grades import grade_deciders

FORMAT = "verstas-ehoks-aiemmin-hankitut-yto/1"
SCHEMA_PATH = Path(__file__).with_name("ehoks.schema.json")
SCALE_1_5 = "arviointiasteikkoammatillinen15"
SCALE_APPROVED = "arviointiasteikkoammatillinenhyvaksyttyhylatty"
NO_CONSENT = N_("The learner has not given permission to hand their information to the education provider. "
                "They can give it on their certificates page.")
# Why the diary number is empty: see docs/domain.md ("Export to the education provider").
NO_DIARY_NUMBER = ("Yhteisillä tutkinnon osilla ei ole omaa diaarinumeroa: 1.8.2022 alkaen ne ovat osa kunkin "
                   "ammatillisen perustutkinnon perusteita, joten diaarinumero on sen perustutkinnon, jota "
                   "opiskelija suorittaa (Koskessa tutkinnon osan tutkinto.perusteenDiaarinumero). "
                   "Oppilaitos liittää osa-alueet oman opiskelijansa tutkinnon perusteisiin.")
CSV_HEADER = ("tutkinnon-osa-koodi-uri", "tutkinnon-osa", "osa-alue-koodi-uri", "osa-alue", "verstas-tunniste",
              "laajuus-osp", "arvosana", "arviointiasteikko", "arviointipaiva", "arvioitsijat", "osoittamistavat")


def arvosana(grade: str) -> dict | None:
    """A grade as a Koski Koodistokoodiviite: 1–5, or Hyväksytty on the pass/fail scale; else None."""
    if grade in {"1", "2", "3", "4", "5"}:
        return {"koodiarvo": grade, "koodistoUri": SCALE_1_5}
    if grade.lower() == "hyväksytty":
        return {"koodiarvo": "Hyväksytty", "koodistoUri": SCALE_APPROVED}
    return None


def recognised(unit: UnitRecord) -> bool:
    """Credited, with a national sub-area code under a national unit, and a grade decided."""
    national = unit.national or {}
    return (unit.credited and unit.grade is not None and arvosana(unit.grade) is not None
            and national.get("koodisto") == "ammatillisenoppiaineet"
            and (national.get("unit") or {}).get("koodisto") == "tutkinnonosat")


def _osa_alue(unit: UnitRecord, decider: tuple | None, organiser: str) -> dict:
    if decider:
        day, assessors = local_date(decider[0]), [decider[1]]
    else:
        # a one-value scale needs no decision: the objectives' assessors judged it on the day it was credited
        day, assessors = unit.credited_on, sorted({o.assessor_name for o in unit.objectives})
    return {
        "osa-alue-koodi-uri": f"ammatillisenoppiaineet_{unit.national['code'].lower()}",
        "nimi": unit.national.get("name") or unit.name,
        "verstas-tunniste": unit.code,
        "laajuus": unit.osp,
        "arviointi": {"arvosana": arvosana(unit.grade), "päivä": day.isoformat(),
                      "arvioitsijat": [{"nimi": name} for name in assessors]},
        "osaamistavoitteet": [{
            "tunniste": o.code, "nimi": o.name, "arvosana": o.grade, "osoittamistapa": o.method,
            "päivä": o.decided_on.isoformat(),
            "arvioija": {"nimi": o.assessor_name, "titteli": o.assessor_title, "rooli": o.assessor_role,
                         "organisaatio": organiser},
        } for o in unit.objectives],
    }


def build_export(learner: User, units: list[UnitRecord], deciders: dict, settings: IssuerSettings,
                 consent_given_at: datetime) -> dict:
    """The export document for the learner's recognised sub-areas, grouped under their national units."""
    parts: dict[str, dict] = {}
    for unit in units:
        if not recognised(unit):
            continue
        parent = unit.national["unit"]
        part = parts.setdefault(parent["code"], {
            "tutkinnon-osa-koodi-uri": f"tutkinnonosat_{parent['code']}",
            "nimi": parent.get("name") or {},
            "eperusteet-diaarinumero": None,
            "osa-alueet": [],
        })
        part["osa-alueet"].append(_osa_alue(unit, deciders.get(unit.code), settings.organiser))
    return {
        "muoto": FORMAT,
        "luotu": timestamp(utcnow()),
        "lahettaja": {"nimi": settings.organiser, "palvelu": "Verstas"},
        "vastaanottaja": {"nimi": settings.partner},
        "oppija": {"nimi": learner.display_name,
                   "syntymaaika": learner.date_of_birth.isoformat() if learner.date_of_birth else None},
        "lupa": {"annettu": timestamp(consent_given_at)},
        "huomautukset": {"eperusteet-diaarinumero": NO_DIARY_NUMBER},
        "aiemmin-hankitut-yhteiset-tutkinnon-osat": list(parts.values()),
    }


def schema() -> dict:
    """The schema, read at each use: a small file, and never a stale copy after an upgrade."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def problems(document: dict) -> list[str]:
    """What in the document breaks the schema kept beside this module (empty when valid)."""
    validator = Draft202012Validator(schema())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def export_for(actor: User, learner_id: int, settings: IssuerSettings) -> dict:
    """The learner's export, checked against the schema, for their coach or an admin while the learner's
    consent to the configured partner is in force; audited as a disclosure.
    """
    if actor.is_learner:
        raise NotFound()
    learner = require_learner(actor, learner_id)
    consent = current_consent(learner.id, settings.partner)
    if consent is None:
        raise Forbidden(NO_CONSENT)
    document = build_export(learner, competence_record(learner.id).units, grade_deciders(learner.id), settings,
                            consent.given_at)
    found = problems(document)
    if found:
        raise ValueError("the export breaks its schema: " + "; ".join(found))
    parts = document["aiemmin-hankitut-yhteiset-tutkinnon-osat"]
    codes = [area["verstas-tunniste"] for part in parts for area in part["osa-alueet"]]
    audit.record(actor, "export.download", consent, {"learner_id": learner.id, "partner": settings.partner,
                                                    "units": codes})
    return document


def csv_rows(document: dict) -> list[tuple]:
    """The export as one row per sub-area, under a header of the JSON's field names."""
    rows = [CSV_HEADER]
    for part in document["aiemmin-hankitut-yhteiset-tutkinnon-osat"]:
        for area in part["osa-alueet"]:
            assessment = area["arviointi"]
            methods = sorted({goal["osoittamistapa"] for goal in area["osaamistavoitteet"]})
            rows.append((part["tutkinnon-osa-koodi-uri"], part["nimi"].get("fi", ""), area["osa-alue-koodi-uri"],
                         area["nimi"].get("fi", ""), area["verstas-tunniste"], area["laajuus"],
                         assessment["arvosana"]["koodiarvo"], assessment["arvosana"]["koodistoUri"],
                         assessment["päivä"], ", ".join(a["nimi"] for a in assessment["arvioitsijat"]),
                         ", ".join(methods)))
    return rows
