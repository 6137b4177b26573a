"""Certificates over HTTP: the coach previews, issues and revokes; the learner downloads their own;
anyone verifies by code, by PDF file or by Open Badge; each role sees only what it may."""

import base64
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app.core.db import db
from competence import baking, verification
from competence.certificate_models import Certificate
from tests.certificate_factory import accept, with_test_key
from tests.competence_factory import make_framework
from tests.conftest import csrf_token, post_form

UNITS = {"units": ["TET-TT", "TET-PF"], "language": "fi"}


@pytest.fixture
def credited(app, world):
    with_test_key(Path(app.config["STORAGE_DIR"]) / "keys")
    make_framework()
    accept(world.coach, world.learner)
    return world


def issue_over_http(client, learner_id, data=None):
    path = f"/coach/learners/{learner_id}/certificates"
    query = "&".join(f"{k}={v}" for k, values in (data or UNITS).items()
                     for v in (values if isinstance(values, list) else [values]))
    response = post_form(client, path, data or UNITS, token_from=f"{path}/preview?{query}")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return db.session.query(Certificate).order_by(Certificate.id.desc()).first()


@pytest.fixture
def issued(credited, as_user):
    return issue_over_http(as_user(credited.coach), credited.learner.id)


def test_coach_sees_a_preview_before_issuing(credited, as_user):
    """The choice page offers the credited units; the preview shows what will be printed and issues nothing."""
    client = as_user(credited.coach)
    base = f"/coach/learners/{credited.learner.id}/certificates"
    assert f'href="{base}/new"' in client.get(base).get_data(as_text=True)
    choose = client.get(f"{base}/new").get_data(as_text=True)
    assert re.search(r'value="TET-TT"[^>]*checked|checked[^>]*value="TET-TT"', choose)
    preview = client.get(f"{base}/preview?units=TET-TT&units=TET-PF&language=sv")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Leena Oppija" in page and "4 (1–5)" in page
    assert "Osaaminen vastaa laajuudeltaan 3 osaamispistettä (osp)." in page
    assert 'name="units" value="TET-PF"' in page and 'name="language" value="sv"' in page
    pdf = client.get(f"{base}/preview.pdf?units=TET-TT&language=sv")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF-")
    assert db.session.query(Certificate).count() == 0


def test_coach_issues_and_downloads_the_stored_bytes(issued, credited, as_user):
    """Issuing stores the certificate; the detail page shows its code; the PDF download is the stored bytes."""
    client = as_user(credited.coach)
    page = client.get(f"/coach/certificates/{issued.id}").get_data(as_text=True)
    assert verification.format_code(issued.code) in page
    download = client.get(f"/coach/certificates/{issued.id}/pdf")
    assert download.data == issued.pdf
    assert download.headers["Content-Disposition"].startswith("attachment;")


def test_a_unit_without_credited_points_cannot_be_chosen(credited, as_user):
    """The preview and the issue refuse a unit that is not among the credited ones."""
    client = as_user(credited.coach)
    base = f"/coach/learners/{credited.learner.id}/certificates"
    assert client.get(f"{base}/preview?units=TET-XX&language=fi").status_code == 400
    response = post_form(client, base, {"units": ["TET-XX"], "language": "fi"}, token_from=f"{base}/new")
    assert response.status_code == 400
    assert db.session.query(Certificate).count() == 0


def test_revoke_then_issue_a_corrected_one_in_its_place(issued, credited, as_user):
    """Revoking needs a reason; afterwards a corrected certificate names the one it replaces."""
    client = as_user(credited.coach)
    detail = f"/coach/certificates/{issued.id}"
    assert post_form(client, f"{detail}/revoke", {"reason": "", "confirmed": "1"}).status_code == 400
    response = post_form(client, f"{detail}/revoke",
                         {"reason": "corrected", "note": "Kielivalinta väärin.", "confirmed": "1"})
    assert response.status_code == 302
    page = client.get(detail).get_data(as_text=True)
    assert 'id="reissue"' in page and f"replaces={issued.id}" in page
    new = issue_over_http(client, credited.learner.id, {**UNITS, "language": "en", "replaces": str(issued.id)})
    assert new.replaces_id == issued.id and new.language == "en"


def test_revoking_asks_for_confirmation_on_a_page_of_its_own(issued, credited, as_user):
    """The certificate page links to a confirmation page that says what follows; a POST without it revokes nothing."""
    client = as_user(credited.coach)
    detail = f"/coach/certificates/{issued.id}"
    assert f'href="{detail}/revoke"' in client.get(detail).get_data(as_text=True)
    confirm = client.get(f"{detail}/revoke")
    page = confirm.get_data(as_text=True)
    assert confirm.status_code == 200
    assert 'name="confirmed" value="1"' in page and 'id="revoke-button"' in page and f'href="{detail}"' in page
    response = post_form(client, f"{detail}/revoke", {"reason": "mistake"})
    assert response.status_code == 400 and 'id="revoke-button"' in response.get_data(as_text=True)
    assert not db.session.get(Certificate, issued.id).revoked


@pytest.mark.parametrize("replaces", ["²", str(2**63), "x"])
def test_an_odd_replaces_value_is_ignored(credited, as_user, replaces):
    """`replaces` that is no id (superscript digits, beyond the range) replaces nothing, with no error."""
    client = as_user(credited.coach)
    path = f"/coach/learners/{credited.learner.id}/certificates/preview?units=TET-TT&language=fi&replaces={replaces}"
    assert client.get(path).status_code == 200
    new = issue_over_http(client, credited.learner.id, {**UNITS, "replaces": replaces})
    assert new.replaces_id is None


def test_learner_downloads_own_certificate_and_badges(issued, credited, as_user):
    """My certificates lists the learner's certificate; the PDF and each badge download as issued."""
    client = as_user(credited.learner)
    page = client.get("/learn/certificates").get_data(as_text=True)
    assert verification.format_code(issued.code) in page
    assert f'href="/learn/certificates/{issued.id}/badges/TET-TT"' in page
    assert client.get(f"/learn/certificates/{issued.id}/pdf").data == issued.pdf
    badge = client.get(f"/learn/certificates/{issued.id}/badges/TET-TT")
    assert badge.mimetype == "text/plain" and badge.get_data(as_text=True) == issued.credentials[0].token
    assert client.get(f"/learn/certificates/{issued.id}/badges/TET-XX").status_code == 404


def test_the_download_is_never_cached_and_names_its_sha256(issued, credited, as_user):
    """Shared workshop computers: the PDF is not kept by the browser; its ETag is the stored SHA-256."""
    download = as_user(credited.learner).get(f"/learn/certificates/{issued.id}/pdf")
    assert download.headers["Cache-Control"] == "no-store"
    assert download.headers["ETag"] == f'"{issued.sha256}"'
    assert download.data == issued.pdf


def test_others_get_not_found(issued, credited, as_user):
    """Another learner and another group's coach get 404 for everything of this certificate."""
    other_learner = as_user(credited.learner2)
    for path in [f"/learn/certificates/{issued.id}/pdf", f"/learn/certificates/{issued.id}/badges/TET-TT"]:
        assert other_learner.get(path).status_code == 404
    assert "certificate-" not in other_learner.get("/learn/certificates").get_data(as_text=True)
    other_coach = as_user(credited.other_coach)
    for path in [f"/coach/certificates/{issued.id}", f"/coach/certificates/{issued.id}/pdf",
                 f"/coach/learners/{credited.learner.id}/certificates",
                 f"/coach/learners/{credited.learner.id}/certificates/preview?units=TET-TT&language=fi"]:
        assert other_coach.get(path).status_code == 404, path
    token = csrf_token(other_coach, "/coach/")
    response = other_coach.post(f"/coach/certificates/{issued.id}/revoke", data={"csrf_token": token,
                                                                                 "reason": "mistake", "confirmed": "1"})
    assert response.status_code == 404
    assert not db.session.get(Certificate, issued.id).revoked


def test_a_revoked_certificate_is_not_offered_to_the_learner(issued, credited, as_user):
    """After revocation the learner sees it as revoked and can no longer download it."""
    post_form(as_user(credited.coach), f"/coach/certificates/{issued.id}/revoke",
              {"reason": "mistake", "confirmed": "1"})
    client = as_user(credited.learner)
    assert 'class="status revoked"' in client.get("/learn/certificates").get_data(as_text=True)
    assert client.get(f"/learn/certificates/{issued.id}/pdf").status_code == 404


# --- public verification ---------------------------------------------------------------------------


def test_verify_by_code_shows_the_certificate_and_nothing_else(issued, client):
    """Holder's name, units, the osp they correspond to, grades, issuer and validity; no username or birth date."""
    code = verification.format_code(issued.code)
    typed = client.get("/verify?code=" + code.lower().replace("-", "+"))
    assert typed.status_code == 302 and typed.headers["Location"].endswith(f"/verify/{code}")
    page = client.get(f"/verify/{code}").get_data(as_text=True)
    assert 'class="verdict valid"' in page
    for expected in ["Leena Oppija", "TET-TT", "TET-PF", "4 (1–5)", "Kaupungin työpaja", "Kari Valmentaja",
                     "Osaaminen vastaa laajuudeltaan 3 osaamispistettä (osp)."]:
        assert expected in page, expected
    assert "Osaamispisteet yhteensä" not in page and "Suoritetut" not in page
    assert "learner" not in re.sub(r"<[^>]+>", " ", page).split()
    assert "Content-Security-Policy" in client.get(f"/verify/{code}").headers


def test_verify_shows_a_revoked_certificate_with_date_and_reason(issued, credited, as_user, client):
    """A revoked certificate is shown as revoked, with the day and the reason category, not the note."""
    post_form(as_user(credited.coach), f"/coach/certificates/{issued.id}/revoke",
              {"reason": "mistake", "note": "Sisäinen huomautus", "confirmed": "1"})
    page = client.get(f"/verify/{verification.format_code(issued.code)}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'class="verdict revoked"' in page and "Issued by mistake" in page
    assert "This competence corresponds in scope to 3 competence points (osp)." in page
    assert "Sisäinen huomautus" not in page


def test_a_wrong_code_gets_a_calm_answer_and_a_typo_is_caught(issued, client):
    """An unknown well-formed code: 404 with advice, no other code shown; a typo: caught before any lookup."""
    unknown = verification.new_code()
    response = client.get(f"/verify/{verification.format_code(unknown)}")
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and verification.format_code(issued.code) not in page
    code = verification.format_code(issued.code)
    typo = code[:-1] + ("A" if code[-1] != "A" else "B")
    response = client.get(f"/verify/{typo}")
    assert response.status_code == 400 and 'id="code-error"' in response.get_data(as_text=True)
    assert client.get("/verify?code=ABC").status_code == 400


def test_verify_by_uploading_the_pdf(issued, client):
    """The exact PDF is matched to its certificate; a modified one is not."""
    token = csrf_token(client, "/verify")
    exact = client.post("/verify/file", data={"csrf_token": token, "file": (io.BytesIO(issued.pdf),
                                                                           "todistus.pdf")},
                        content_type="multipart/form-data")
    assert exact.status_code == 200 and 'class="verdict valid"' in exact.get_data(as_text=True)
    assert "Leena Oppija" in exact.get_data(as_text=True)
    changed = issued.pdf.replace(b"Leena", b"Liisa", 1)
    if changed == issued.pdf:
        changed = issued.pdf + b"\n"
    other = client.post("/verify/file", data={"csrf_token": token, "file": (io.BytesIO(changed),
                                                                           "todistus.pdf")},
                        content_type="multipart/form-data")
    page = other.get_data(as_text=True)
    assert 'id="file-result"' in page and "Leena Oppija" not in page


def test_verify_by_pasting_an_open_badge(issued, client):
    """A pasted badge is checked for signature and status; a changed one is refused."""
    token = issued.credentials[0].token
    page = post_form(client, "/verify/badge", {"badge": token}, token_from="/verify").get_data(as_text=True)
    assert 'class="verdict valid"' in page and "TET-TT" in page
    head, payload, signature = token.split(".")
    forged = f"{head}.{payload[:-4]}AAAA.{signature}"
    refused = post_form(client, "/verify/badge", {"badge": forged}, token_from="/verify").get_data(as_text=True)
    assert 'id="badge-error"' in refused and "Leena Oppija" not in refused


@pytest.mark.parametrize("config_overrides", [{"VERIFY_LIMIT": "3 per minute"}])
def test_lookups_are_rate_limited(issued, client):
    """Many lookups from one address are slowed down with a 429 page."""
    code = verification.format_code(issued.code)
    statuses = [client.get(f"/verify/{code}").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_public_key_and_documents_for_verifiers(issued, client):
    """The JWK set has only public key members; the issuer profile and the VC-JWT status list are public."""
    jwks = client.get("/.well-known/jwks.json")
    assert jwks.mimetype == "application/jwk-set+json"
    keys = jwks.get_json()["keys"]
    assert keys and all("d" not in key for key in keys)
    assert jwks.headers["Access-Control-Allow-Origin"] == "*"
    profile = client.get("/credentials/issuer").get_json()
    assert profile["type"] == ["Profile"] and profile["name"] == "Kaupungin työpaja"
    status = client.get("/credentials/status")
    assert status.mimetype == "application/vc+jwt" and status.get_data(as_text=True).count(".") == 2


def test_a_badge_kid_answers_with_its_one_key(issued, client):
    """A badge's `kid` is a URL that returns that public key alone (kty, n, e), as the 1EdTech
    validator expects; an unknown thumbprint is 404."""
    header = json.loads(base64.urlsafe_b64decode(issued.credentials[0].token.split(".")[0] + "=="))
    path = urlsplit(header["kid"]).path
    assert path.startswith("/credentials/keys/")
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/jwk+json"
    key = response.get_json()
    assert key["kty"] == "RSA" and key["n"] and key["e"] and "d" not in key and key["kid"] == header["kid"]
    assert client.get("/credentials/keys/not-a-key").status_code == 404


def test_a_badge_signed_with_the_earlier_kid_form_still_verifies(issued, client, app):
    """Badges issued when the kid was `<jwks>#<thumbprint>` are checked against the same key."""
    from app.web.common.certificates import issuer_settings
    from competence import signing_keys
    with app.test_request_context("/"):
        settings = issuer_settings()
        key = signing_keys.signing_key(settings.keys_dir)
        assert signing_keys.thumbprint_of(f"{settings.jwks_url}#{key.thumbprint()}") == key.thumbprint()
        assert signing_keys.thumbprint_of(signing_keys.key_id(key, settings.keys_url)) == key.thumbprint()


def test_the_learner_downloads_a_baked_badge_that_verifies(credited, issued, client, as_user):
    """The badge as a PNG carries the same signed badge; the verification page accepts the picture."""
    png = as_user(credited.learner).get(f"/learn/certificates/{issued.id}/badges/TET-TT/picture")
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert png.headers["Cache-Control"] == "no-store"
    assert baking.unbake(png.data) == issued.credentials[0].token
    page = post_form(client, "/verify/file", {"file": (io.BytesIO(png.data), "badge.png")}, token_from="/verify",
                     content_type="multipart/form-data").get_data(as_text=True)
    assert 'class="verdict valid"' in page and "TET-TT" in page


def test_a_badges_achievement_and_image_resolve(issued, client):
    """The achievement id in a badge is a public page with the unit's criteria; the image it names is
    an SVG; an unknown unit is 404."""
    payload = json.loads(base64.urlsafe_b64decode(issued.credentials[0].token.split(".")[1] + "=="))
    achievement = payload["credentialSubject"]["achievement"]
    page = client.get(urlsplit(achievement["id"]).path)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Työelämässä toimiminen" in text and "Osaan etsiä työpaikkoja." in text and "Itsenäisesti." in text
    assert "YTTT" in text
    image = client.get(urlsplit(achievement["image"]["id"]).path)
    assert image.status_code == 200 and image.mimetype == "image/svg+xml"
    assert client.get("/credentials/issuer").get_json()["image"]["id"] == achievement["image"]["id"]
    assert client.get("/credentials/achievements/NOPE").status_code == 404
