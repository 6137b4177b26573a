"""The learner's consent and the export of recognised sub-areas for the partner education provider."""

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.db import db
from app.core.errors import Forbidden, Invalid, NotFound
from competence.export import consent, ehoks
from competence.export.models import ExportConsent
from tests.certificate_factory import accept, issuer
from tests.competence_factory import make_framework

PARTNER = "Stadin ammattiopisto"


@pytest.fixture
def settings(tmp_path):
    return issuer(tmp_path / "keys", partner=PARTNER)


@pytest.fixture
def credited(world):
    make_framework()
    accept(world.coach, world.learner)
    return world


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_only_the_learner_gives_and_withdraws_consent_and_both_are_audited(world):
    """Consent is the learner's, recorded with its time; a second give keeps the first; both are audited."""
    given = consent.give_consent(world.learner, PARTNER)
    assert consent.give_consent(world.learner, PARTNER).id == given.id and given.given_at is not None
    assert consent.current_consent(world.learner.id, PARTNER) is given
    assert consent.current_consent(world.learner.id, "Toinen koulu") is None
    with pytest.raises(NotFound):
        consent.give_consent(world.coach, PARTNER)
    with pytest.raises(Invalid):
        consent.give_consent(world.learner, "")
    assert consent.withdraw_consent(world.learner, PARTNER).withdrawn_at is not None
    assert consent.current_consent(world.learner.id, PARTNER) is None
    assert consent.withdraw_consent(world.learner, PARTNER) is None
    assert actions() == ["export_consent.give", "export_consent.withdraw"]
    assert db.session.scalar(select(db.func.count()).select_from(ExportConsent)) == 1


def test_no_export_without_consent_or_after_withdrawal(credited, settings):
    """A coach gets the export only while the learner's consent to the configured partner is in force."""
    with pytest.raises(Forbidden):
        ehoks.export_for(credited.coach, credited.learner.id, settings)
    consent.give_consent(credited.learner, PARTNER)
    ehoks.export_for(credited.coach, credited.learner.id, settings)
    with pytest.raises(Forbidden):
        ehoks.export_for(credited.coach, credited.learner.id, issuer(settings.keys_dir, partner="Toinen koulu"))
    consent.withdraw_consent(credited.learner, PARTNER)
    with pytest.raises(Forbidden):
        ehoks.export_for(credited.coach, credited.learner.id, settings)


def test_only_the_learners_own_coach_or_an_admin_gets_it(credited, settings):
    """Another coach's learner, or a learner asking, is not found; an admin may."""
    consent.give_consent(credited.learner, PARTNER)
    for actor in (credited.other_coach, credited.learner, credited.learner2):
        with pytest.raises(NotFound):
            ehoks.export_for(actor, credited.learner.id, settings)
    assert ehoks.export_for(credited.admin, credited.learner.id, settings)["oppija"]["nimi"] == "Leena Oppija"


def test_the_export_lists_recognised_sub_areas_in_the_ehoks_shape_and_passes_its_schema(credited, settings):
    """Per credited unit with a national code and a decided grade: codes, osp, grade on 1–5, date, assessor."""
    consent.give_consent(credited.learner, PARTNER)
    document = ehoks.export_for(credited.coach, credited.learner.id, settings)
    assert ehoks.problems(document) == []
    [part] = document["aiemmin-hankitut-yhteiset-tutkinnon-osat"]
    assert part["tutkinnon-osa-koodi-uri"] == "tutkinnonosat_106729"
    assert part["eperusteet-diaarinumero"] is None
    assert "perusteenDiaarinumero" in document["huomautukset"]["eperusteet-diaarinumero"]
    [area] = part["osa-alueet"]  # TET-PF has no national code, so it is not in the export
    assert area["osa-alue-koodi-uri"] == "ammatillisenoppiaineet_yttt" and area["laajuus"] == 2
    assert area["arviointi"]["arvosana"] == {"koodiarvo": "4", "koodistoUri": "arviointiasteikkoammatillinen15"}
    assert area["arviointi"]["arvioitsijat"] == [{"nimi": "Kari Valmentaja"}]
    assert {g["osoittamistapa"] for g in area["osaamistavoitteet"]} == {"workshop"}
    assert area["osaamistavoitteet"][0]["arvioija"]["organisaatio"] == "Kaupungin työpaja"
    assert document["vastaanottaja"] == {"nimi": PARTNER}
    assert "export.download" in actions()


def test_a_sub_area_waiting_for_its_grade_is_left_out(world, settings):
    """A credited unit whose grade the coach has not decided is not yet recognised for the export."""
    make_framework()
    accept(world.coach, world.learner, confirm_grades=False)
    consent.give_consent(world.learner, PARTNER)
    document = ehoks.export_for(world.coach, world.learner.id, settings)
    assert document["aiemmin-hankitut-yhteiset-tutkinnon-osat"] == [] and ehoks.problems(document) == []


def test_grades_map_to_the_national_scales():
    """1–5 go on arviointiasteikkoammatillinen15, a pass is Hyväksytty; anything else is not exported."""
    assert ehoks.arvosana("3") == {"koodiarvo": "3", "koodistoUri": "arviointiasteikkoammatillinen15"}
    assert ehoks.arvosana("hyväksytty") == {"koodiarvo": "Hyväksytty",
                                            "koodistoUri": "arviointiasteikkoammatillinenhyvaksyttyhylatty"}
    assert ehoks.arvosana("6") is None and ehoks.arvosana("K") is None


def test_the_schema_refuses_what_ehoks_would_not_read(credited, settings):
    """A grade off the scale, a code outside its koodisto or an unknown field breaks the schema."""
    consent.give_consent(credited.learner, PARTNER)
    document = ehoks.export_for(credited.coach, credited.learner.id, settings)
    area = document["aiemmin-hankitut-yhteiset-tutkinnon-osat"][0]["osa-alueet"][0]
    area["arviointi"]["arvosana"]["koodiarvo"] = "6"
    area["osa-alue-koodi-uri"] = "yttt"
    document["hetu"] = "010101-123N"
    found = "\n".join(ehoks.problems(document))
    assert "arvosana" in found and "osa-alue-koodi-uri" in found and "hetu" in found


def test_the_csv_has_one_row_per_sub_area(credited, settings):
    """The CSV repeats the JSON's codes, osp, grade, scale, date, assessors and methods, one sub-area a row."""
    consent.give_consent(credited.learner, PARTNER)
    rows = ehoks.csv_rows(ehoks.export_for(credited.coach, credited.learner.id, settings))
    assert rows[0] == ehoks.CSV_HEADER and len(rows) == 2
    assert rows[1][:3] == ("tutkinnonosat_106729", "Yhteiskunta- ja työelämäosaaminen", "ammatillisenoppiaineet_yttt")
    assert rows[1][5:] == (2, "4", "arviointiasteikkoammatillinen15", rows[1][8], "Kari Valmentaja", "workshop")
