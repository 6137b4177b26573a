"""The fixed wording of the certificate in Finnish, Swedish and English.

The certificate is a document in the language chosen when it is issued, whatever language the
person issuing it uses, so its words live here beside the template rather than in the interface's
message catalogs. Every key has all three languages (a test checks it).

The wording describes recognised competence and never calls the document a qualification
certificate (tutkintotodistus), which it is not.
"""

LANGUAGES = ("fi", "sv", "en")

TEXTS = {
    "title": {"fi": "Osaamistodistus", "sv": "Kompetensintyg", "en": "Certificate of competence"},
    "subtitle": {
        "fi": "Todistus tunnistetusta ja arvioidusta osaamisesta",
        "sv": "Intyg över identifierat och bedömt kunnande",
        "en": "A record of identified and assessed competence",
    },
    "partner": {"fi": "Yhteistyössä", "sv": "I samarbete med", "en": "In partnership with"},
    "born": {"fi": "syntynyt", "sv": "född", "en": "born"},
    "intro": {
        "fi": "on osoittanut alla kuvatun osaamisen. Työvalmentaja on arvioinut osaamisen "
              "osaamistavoitteita ja arviointikriteerejä vasten.",
        "sv": "har visat det kunnande som beskrivs nedan. En arbetscoach har bedömt kunnandet mot "
              "kompetensmålen och bedömningskriterierna.",
        "en": "has shown the competence described below. A coach has assessed it against the "
              "objectives and assessment criteria.",
    },
    "units_heading": {"fi": "Tunnistettu ja arvioitu osaaminen", "sv": "Identifierat och bedömt kunnande",
                      "en": "Identified and assessed competence"},
    "unit": {"fi": "Tutkinnon osa", "sv": "Examensdel", "en": "Unit"},
    "points": {"fi": "osp", "sv": "kp", "en": "osp"},
    "grade": {"fi": "Arvosana", "sv": "Vitsord", "en": "Grade"},
    "date": {"fi": "Päivämäärä", "sv": "Datum", "en": "Date"},
    # The scope only corresponds to osp: an education provider, not this certificate, credits them.
    "total": {
        "fi": "Osaaminen vastaa laajuudeltaan {osp} osaamispistettä (osp).",
        "sv": "Kunnandet motsvarar till sin omfattning {osp} kompetenspoäng (kp).",
        "en": "This competence corresponds in scope to {osp} competence points (osp).",
    },
    "total_one": {
        "fi": "Osaaminen vastaa laajuudeltaan 1 osaamispistettä (osp).",
        "sv": "Kunnandet motsvarar till sin omfattning 1 kompetenspoäng (kp).",
        "en": "This competence corresponds in scope to 1 competence point (osp).",
    },
    "scale": {"fi": "asteikko", "sv": "skala", "en": "scale"},
    "pass": {"fi": "hyväksytty", "sv": "godkänd", "en": "pass"},
    "corresponds": {"fi": "Vastaa", "sv": "Motsvarar", "en": "Corresponds to"},
    "objectives_heading": {"fi": "Osaamistavoitteet ja niiden arviointi", "sv": "Kompetensmål och bedömning",
                           "en": "Objectives and how they were assessed"},
    "partial_heading": {
        "fi": "Tunnistettu osaaminen tutkinnon osista, jotka ovat vielä kesken",
        "sv": "Erkänt kunnande i examensdelar som ännu inte är avklarade",
        "en": "Competence recognised in units not yet complete",
    },
    "partial_note": {
        "fi": "{done}/{total} osaamistavoitetta hyväksytty. Laajuutta osaamispisteinä ei vielä kerrota.",
        "sv": "{done} av {total} kompetensmål godkända. Omfattningen i kompetenspoäng anges ännu inte.",
        "en": "{done} of {total} objectives recognised. Its scope in competence points is not given yet.",
    },
    "assessed_by": {"fi": "arvioija", "sv": "bedömare", "en": "assessor"},
    "method_task": {"fi": "näyttö verkkotehtävässä", "sv": "visat i en uppgift på nätet",
                    "en": "shown in an online task"},
    "method_prior_learning": {"fi": "aiemmin hankitun osaamisen tunnistaminen",
                              "sv": "identifiering av tidigare förvärvat kunnande",
                              "en": "recognition of prior learning"},
    "method_workshop": {"fi": "näyttö työpajalla", "sv": "visat i verkstaden", "en": "shown at the workshop"},
    # A person's role where the certificate is not in Finnish (a Finnish one shows their own title).
    "role_coach": {"fi": "Työvalmentaja", "sv": "Arbetscoach", "en": "Work coach"},
    "role_admin": {"fi": "Palvelun pääkäyttäjä", "sv": "Tjänstens huvudanvändare", "en": "Service administrator"},
    "role_learner": {"fi": "Oppija", "sv": "Deltagare", "en": "Learner"},
    "criteria_at": {
        "fi": "Kunkin tutkinnon osan arviointikriteerit: {urls}",
        "sv": "Bedömningskriterierna för varje examensdel: {urls}",
        "en": "The assessment criteria of each unit: {urls}",
    },
    # The common units have no requirements of their own: each qualification's requirements include them.
    "basis": {
        "fi": "Tavoitteet ja kriteerit pohjautuvat ammatillisten perustutkintojen yhteisiin tutkinnon osiin (YTO), "
              "jotka ovat osa kunkin perustutkinnon perusteita (Opetushallitus, 1.8.2022 alkaen).",
        "sv": "Målen och kriterierna bygger på de gemensamma examensdelarna i yrkesinriktade grundexamina, som "
              "ingår i grunderna för varje grundexamen (Utbildningsstyrelsen, från 1.8.2022).",
        "en": "The objectives and criteria draw on the common units of vocational upper secondary qualifications, "
              "part of each qualification's requirements (Finnish National Agency for Education, from 1 August "
              "2022).",
    },
    "issued_by": {"fi": "Todistuksen antaja", "sv": "Intyget utfärdat av", "en": "Issued by"},
    "place_date": {"fi": "Paikka ja päivämäärä", "sv": "Ort och datum", "en": "Place and date"},
    "not_qualification": {
        "fi": "Tämä todistus kuvaa tunnistettua ja arvioitua osaamista. Se ei ole tutkintotodistus eikä "
              "todistus tutkinnon osan suorittamisesta. Koulutuksen järjestäjä voi tunnistaa ja tunnustaa "
              "tässä kuvattua osaamista osaksi tutkintoa.",
        "sv": "Detta intyg beskriver kunnande som har identifierats och bedömts. Det är inte ett examensbetyg "
              "och inte ett betyg över en avlagd examensdel. En utbildningsanordnare kan identifiera och "
              "erkänna kunnandet som beskrivs här som en del av en examen.",
        "en": "This certificate records competence that has been identified and assessed. It is not a "
              "qualification certificate, nor a certificate of a completed unit of a qualification. An "
              "education provider can recognise the competence described here towards a qualification.",
    },
    "verify_heading": {"fi": "Todistuksen aitouden tarkistaminen", "sv": "Kontrollera att intyget är äkta",
                       "en": "Checking that this certificate is genuine"},
    "verify_text": {
        "fi": "Skannaa QR-koodi tai avaa osoite {url} ja kirjoita varmennuskoodi. Sivu näyttää, onko "
              "todistus voimassa.",
        "sv": "Skanna QR-koden eller öppna adressen {url} och skriv in kontrollkoden. Sidan visar om "
              "intyget är giltigt.",
        "en": "Scan the QR code, or open {url} and type the verification code. The page shows whether the "
              "certificate is valid.",
    },
    "code": {"fi": "Varmennuskoodi", "sv": "Verifieringskod", "en": "Verification code"},
    "qr_alt": {
        "fi": "QR-koodi, joka avaa tämän todistuksen tarkistussivun",
        "sv": "QR-kod som öppnar kontrollsidan för detta intyg",
        "en": "QR code that opens the verification page of this certificate",
    },
    "page": {"fi": "Sivu", "sv": "Sida", "en": "Page"},
    "preview": {"fi": "ESIKATSELU – EI VOIMASSA", "sv": "FÖRHANDSVISNING – INTE GILTIG",
                "en": "PREVIEW – NOT VALID"},
    # Open Badges: the achievement's description and criteria.
    "badge_description": {
        "fi": "{unit} ({osp} osp), osa osaamiskokonaisuutta {area}. Todistus tunnistetusta ja arvioidusta "
              "osaamisesta; ei tutkintotodistus.",
        "sv": "{unit} ({osp} kp), en del av kompetensområdet {area}. Intyg över identifierat och bedömt "
              "kunnande; inte ett examensbetyg.",
        "en": "{unit} ({osp} osp), part of {area}. A record of identified and assessed competence; not a "
              "qualification certificate.",
    },
    "badge_criteria": {
        "fi": "Työvalmentaja on hyväksynyt jokaisen osaamistavoitteen arviointikriteerien mukaisesti:",
        "sv": "En arbetscoach har godkänt varje kompetensmål enligt bedömningskriterierna:",
        "en": "A coach has accepted every objective against its assessment criteria:",
    },
}


def texts_for(language: str) -> dict[str, str]:
    """Every text in one language (Finnish when the language is unknown)."""
    language = language if language in LANGUAGES else "fi"
    return {key: versions[language] for key, versions in TEXTS.items()}


def national_text(unit: dict, language: str) -> str:
    """What a unit corresponds to nationally: "Työelämässä toimiminen (YTTT), Yhteiskunta- ja
    työelämäosaaminen (106729)"; the Finnish text of a certificate issued before national codes.
    """
    national = unit.get("national") or {}
    if not national:
        return unit.get("national_name") or ""
    parts = [national] + ([national["unit"]] if national.get("unit") else [])
    return ", ".join(f"{localised(part.get('name'), language)} ({part.get('code')})" for part in parts)


def localised(names: dict | None, language: str) -> str:
    """A name from framework content in the language, else Finnish, else any."""
    names = names or {}
    return names.get(language) or names.get("fi") or next(iter(names.values()), "")
