"""Issuing, storing, revoking and re-issuing certificates; what the PDF holds; who may see what."""

import hashlib
import io
import re
from datetime import date

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from app.core.audit import AuditEvent
from app.core.db import db
from app.core.errors import Invalid, NotFound
from competence import certificates, verification
from competence.certificate_models import Certificate
from tests.certificate_factory import accept, issuer, with_test_key
from tests.competence_factory import make_framework


@pytest.fixture
def settings(tmp_path):
    return issuer(with_test_key(tmp_path / "keys"))


@pytest.fixture
def credited(world):
    make_framework()
    accept(world.coach, world.learner)
    return world


def issue(world, settings, **choice):
    choice = {"units": ["TET-TT", "TET-PF"], **choice}
    certificate = certificates.issue_certificate(world.coach, world.learner.id, settings, **choice)
    db.session.commit()
    return certificate


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_issuing_stores_the_exact_pdf_with_its_sha256(credited, settings):
    """The stored bytes are the PDF, their SHA-256 is stored beside them, and the audit log has the issue."""
    certificate = issue(credited, settings)
    db.session.expire_all()
    stored = db.session.get(Certificate, certificate.id)
    assert stored.pdf.startswith(b"%PDF-")
    assert stored.sha256 == hashlib.sha256(stored.pdf).hexdigest()
    event = db.session.query(AuditEvent).filter_by(action="certificate.issue").one()
    assert event.actor_id == credited.coach.id and event.details["units"] == ["TET-TT", "TET-PF"]


def test_every_download_returns_the_issued_bytes(credited, settings):
    """Reading the certificate again gives the same bytes; nothing is rendered again."""
    certificate = issue(credited, settings)
    first = certificate.pdf
    db.session.expire_all()
    again = certificates.get_certificate(credited.learner, certificate.id).pdf
    assert again == first


def test_the_pdf_text_has_name_units_points_grades_and_code(credited, settings):
    """The PDF has the holder, each unit's code, osp and grade, the code, and its scope only as corresponding osp."""
    certificate = issue(credited, settings)
    text = pdf_text(certificate.pdf)
    code = verification.format_code(certificate.code)
    for expected in ["Osaamistodistus", "Leena Oppija", "TET-TT", "Työelämässä toimiminen", "TET-PF",
                     "4 (1–5)", "hyväksytty", "Tunnistettu ja arvioitu osaaminen", code, "Kari Valmentaja",
                     "Kaupungin työpaja", "Helsinki", "näyttö työpajalla"]:
        assert expected in text, expected
    assert re.search(r"\b2\b.*4 \(1–5\)", text)
    assert "ei ole tutkintotodistus" in text
    assert "vastaa laajuudeltaan 3 osaamispistettä" in " ".join(text.split())
    for claim in ("Suoritetut", "yhteensä", "kirjannut"):
        assert claim not in text, claim


def test_the_pdf_is_tagged_with_its_language_and_embedded_fonts(credited, settings):
    """PDF/UA: a structure tree, marked content, the document language and every font embedded."""
    reader = PdfReader(io.BytesIO(issue(credited, settings, language="sv").pdf))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "sv"
    assert 'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data().decode()
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    fonts = [font.get_object() for page in reader.pages
             for font in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert "Certificate-Sans" in font["/BaseFont"]


def test_the_qr_code_on_the_pdf_scans_to_the_verification_page(credited, settings):
    """The printed code, read from the page as a phone camera would, opens the certificate's check."""
    certificate = issue(credited, settings)
    images = [image.image for page in PdfReader(io.BytesIO(certificate.pdf)).pages for image in page.images]
    assert len(images) == 1
    qr = images[0].convert("L")
    # As printed: white around it, and many device pixels per module.
    framed = Image.new("L", (qr.width + 8, qr.height + 8), 255)
    framed.paste(qr, (4, 4))
    found = zxingcpp.read_barcodes(framed.resize((framed.width * 8, framed.height * 8), Image.NEAREST))
    assert [code.text for code in found] == [certificate.content["verify_url"]]


@pytest.mark.parametrize(("language", "words"), [
    ("fi", ["Osaamistodistus", "Arvosana"]),
    ("sv", ["Kompetensintyg", "Vitsord", "godkänd"]),
    ("en", ["Certificate of competence", "Grade", "pass"]),
])
def test_the_certificate_is_in_the_language_chosen(credited, settings, language, words):
    """Finnish by default; Swedish and English versions on request."""
    text = pdf_text(issue(credited, settings, language=language).pdf)
    assert all(word in text for word in words)


def test_only_credited_units_can_be_on_a_certificate(world, settings):
    """A unit whose points are not credited is refused; its recognised objectives may be listed as such."""
    make_framework()
    accept(world.coach, world.learner, {"TET-TT-1": "5", "TET-PF-1": "hyväksytty"})
    with pytest.raises(Invalid):
        issue(world, settings, units=["TET-TT"])
    with pytest.raises(Invalid):
        issue(world, settings, units=[])
    certificate = issue(world, settings, units=["TET-PF"], partial_units=["TET-TT"])
    assert [u["code"] for u in certificate.content["partial_units"]] == ["TET-TT"]
    assert certificate.content["total_osp"] == 1
    text = pdf_text(certificate.pdf)
    assert "1/2 osaamistavoitetta hyväksytty" in text and "TET-TT-1" in text
    assert [b.unit_code for b in certificate.credentials] == ["TET-PF"]


def test_a_coach_of_another_group_cannot_issue_or_see(credited, settings):
    """Another coach's learner does not exist for this coach: NotFound for issuing and reading."""
    certificate = issue(credited, settings)
    with pytest.raises(NotFound):
        certificates.issue_certificate(credited.other_coach, credited.learner.id, settings, units=["TET-TT"])
    with pytest.raises(NotFound):
        certificates.get_certificate(credited.other_coach, certificate.id)
    assert certificates.get_certificate(credited.admin, certificate.id) == certificate


def test_a_learner_gets_only_their_own_certificates(credited, settings):
    """The holder reads their certificate; another learner gets NotFound."""
    certificate = issue(credited, settings)
    [listed] = certificates.certificates_of(credited.learner, credited.learner.id)
    assert (listed.id, listed.code, listed.content) == (certificate.id, certificate.code, certificate.content)
    assert listed.badge_units == tuple(b.unit_code for b in certificate.credentials) and not listed.revoked
    with pytest.raises(NotFound):
        certificates.get_certificate(credited.learner2, certificate.id)
    with pytest.raises(NotFound):
        certificates.certificates_of(credited.learner2, credited.learner.id)


def test_revoking_records_date_reason_and_audit(credited, settings):
    """Revoked with a reason category; the note stays internal; revoking twice is refused."""
    certificate = issue(credited, settings)
    certificates.revoke_certificate(credited.coach, certificate.id, "mistake", "Väärä oppija.")
    db.session.commit()
    facts = certificates.public_facts(certificate)
    assert not facts.valid and facts.revocation_reason == "mistake" and facts.revoked_on
    assert "Väärä oppija." not in repr(facts)
    event = db.session.query(AuditEvent).filter_by(action="certificate.revoke").one()
    assert event.details == {"learner_id": credited.learner.id, "reason": "mistake", "note": "Väärä oppija."}
    with pytest.raises(Invalid):
        certificates.revoke_certificate(credited.coach, certificate.id, "mistake")
    with pytest.raises(Invalid):
        certificates.revoke_certificate(credited.coach, issue(credited, settings).id, "other")
    with pytest.raises(NotFound):
        certificates.revoke_certificate(credited.learner, certificate.id, "mistake")


def test_a_new_certificate_can_replace_a_revoked_one(credited, settings):
    """Re-issue names the revoked one it replaces, once; a valid one cannot be replaced."""
    old = issue(credited, settings)
    with pytest.raises(Invalid):
        issue(credited, settings, replaces_id=old.id)
    certificates.revoke_certificate(credited.coach, old.id, "corrected")
    new = issue(credited, settings, replaces_id=old.id, language="en")
    assert new.replaces_id == old.id and new.code != old.code
    assert certificates.public_facts(old).replaced
    with pytest.raises(Invalid):
        issue(credited, settings, replaces_id=old.id)


def test_an_issued_certificate_is_never_rewritten(credited, settings):
    """Changing the stored content or bytes of an issued certificate is refused."""
    certificate = issue(credited, settings)
    certificate.sha256 = "0" * 64
    with pytest.raises(ValueError, match="never rewritten"):
        db.session.flush()
    db.session.rollback()


def test_the_public_facts_are_only_what_the_certificate_says(world, settings):
    """Name, units, points, grades, dates, issuer and status; never the date of birth."""
    make_framework()
    world.learner.date_of_birth = date(1990, 2, 1)
    accept(world.coach, world.learner)
    certificate = issue(world, settings)
    assert "1.2.1990" in pdf_text(certificate.pdf)
    facts = certificates.public_facts(certificate)
    assert facts.holder_name == "Leena Oppija" and facts.total_osp == 3 and facts.valid
    assert "1990" not in repr(facts)
    assert {u["code"]: u["grade"] for u in facts.units} == {"TET-TT": "4", "TET-PF": "hyväksytty"}


def test_a_pdf_is_found_by_its_bytes_only(credited, settings):
    """The exact file is found; a file with one byte changed is not."""
    certificate = issue(credited, settings)
    assert certificates.find_by_pdf(certificate.pdf) == certificate
    changed = bytearray(certificate.pdf)
    changed[len(changed) // 2] ^= 1
    assert certificates.find_by_pdf(bytes(changed)) is None



@pytest.mark.parametrize("language,role,basis", [
    ("fi", "Työvalmentaja", "osa kunkin perustutkinnon perusteita (Opetushallitus, 1.8.2022 alkaen)"),
    ("sv", "Arbetscoach", "ingår i grunderna för varje grundexamen (Utbildningsstyrelsen, från 1.8.2022)"),
    ("en", "Work coach", "part of each qualification's requirements"),
])
def test_each_language_fits_one_page_and_names_roles_in_it(credited, settings, language, role, basis):
    """Finnish, Swedish and English certificates are one page; the assessor's role is in the
    certificate's language, with the organiser; the basis names the common units as part of every
    qualification's requirements (they have no requirements or number of their own)."""
    certificate = issue(credited, settings, language=language)
    reader = PdfReader(io.BytesIO(certificate.pdf))
    assert len(reader.pages) == 1
    text = " ".join(pdf_text(certificate.pdf).split())
    assert f"Kari Valmentaja, {role}, Kaupungin työpaja" in text
    assert "YTTT" in text and "106729" in text
    assert basis in text
    assert "/credentials/achievements/TET-TT" in text.replace(" ", "")


def test_the_organiser_is_named_in_the_certificates_language(credited, settings):
    """A Swedish certificate carries the organiser's Swedish name where one is configured."""
    from dataclasses import replace
    swedish = replace(settings, organiser_names=(("sv", "Stadens verkstad"),))
    certificate = issue(credited, swedish, language="sv")
    assert certificate.content["organiser"] == "Stadens verkstad"
    assert "Stadens verkstad" in pdf_text(certificate.pdf)
    assert issue(credited, swedish, language="en").content["organiser"] == settings.organiser



def _structure(node, found):
    """Every structure element below `node`, by object number."""
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        element = kid.get_object() if hasattr(kid, "get_object") else None
        if isinstance(element, dict) and "/S" in element and kid.idnum not in found:
            found[kid.idnum] = element
            _structure(element, found)
    return found


def test_the_pdf_tags_reach_every_content_and_resolve_table_headers(credited, settings):
    """PDF/UA: every marked content is reachable from the tag tree (the footer is an artifact), every
    table header has a scope, and every header a data cell names resolves through the IDTree."""
    pdf = PdfReader(io.BytesIO(issue(credited, settings).pdf))
    root = pdf.trailer["/Root"]["/StructTreeRoot"]
    elements = _structure(root, {})
    content = pdf.pages[0].get_contents().get_data()
    marked = [int(m) for m in re.findall(rb"/MCID (\d+)", content)]
    parents = root["/ParentTree"]["/Nums"][1]
    assert marked and all(parents[m].idnum in elements for m in marked)
    headers = [e for e in elements.values() if e["/S"] == "/TH"]
    assert headers and all(h["/A"]["/Scope"] in ("/Column", "/Row") for h in headers)
    id_tree = root["/IDTree"]["/Names"]
    known = {str(id_tree[i]) for i in range(0, len(id_tree), 2)}
    cells = [e for e in elements.values() if e["/S"] == "/TD"]
    assert cells and all(str(name) in known for cell in cells for name in cell["/A"]["/Headers"])
