"""Open Badges 3.0: each credited unit as a signed OpenBadgeCredential (VC-JWT, RS256), checked
against the specification's rules and with an independent JOSE library (PyJWT)."""

import base64
import gzip
import hashlib
import json
import stat
from datetime import UTC, datetime

import jwt as pyjwt
import pytest
from joserfc.jwk import RSAKey

from app.core.db import db
from competence import certificates, credentials, signing_keys
from tests.certificate_factory import accept, issuer, with_test_key
from tests.competence_factory import make_framework

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


@pytest.fixture
def settings(tmp_path):
    return issuer(with_test_key(tmp_path / "keys"))


@pytest.fixture
def certificate(world, settings):
    make_framework()
    accept(world.coach, world.learner)
    issued = certificates.issue_certificate(world.coach, world.learner.id, settings, units=["TET-TT", "TET-PF"])
    db.session.commit()
    return issued


def independent_keys(settings) -> dict:
    """Our JWKS, read by PyJWT as any outside verifier would, by kid."""
    return {key["kid"]: pyjwt.PyJWK(key) for key in signing_keys.jwks(settings.keys_dir, settings.keys_url)["keys"]}


def verified(token: str, settings) -> dict:
    header = pyjwt.get_unverified_header(token)
    key = independent_keys(settings)[header["kid"]]
    return pyjwt.decode(token, key=key.key, algorithms=["RS256"], options={"verify_aud": False})


def test_one_badge_per_credited_unit(certificate):
    """A badge for each unit on the certificate, none for partly done units."""
    assert [b.unit_code for b in certificate.credentials] == ["TET-TT", "TET-PF"]
    assert len({b.credential_id for b in certificate.credentials}) == 2


def test_the_signature_verifies_with_an_independent_library(certificate, settings):
    """PyJWT verifies the RS256 signature with the key published in our JWKS under the header's kid."""
    token = certificate.credentials[0].token
    header = pyjwt.get_unverified_header(token)
    assert header == {"alg": "RS256", "typ": "JWT", "kid": header["kid"]}
    assert header["kid"].startswith(f"{settings.keys_url}/")
    assert verified(token, settings)["credentialSubject"]["achievement"]["humanCode"] == "TET-TT"


def test_the_credential_has_the_required_fields_types_and_contexts(certificate, settings):
    """Per Open Badges 3.0: contexts, types, id, issuer Profile, validFrom, name, subject and Achievement."""
    claims = verified(certificate.credentials[0].token, settings)
    assert claims["@context"] == [VC_CONTEXT, OB_CONTEXT]
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["id"].startswith("urn:uuid:") and claims["name"]
    assert claims["issuer"]["id"] == settings.issuer_id and claims["issuer"]["type"] == ["Profile"]
    assert claims["issuer"]["name"] == "Kaupungin työpaja"
    assert datetime.fromisoformat(claims["validFrom"]) <= datetime.now(UTC)
    subject = claims["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"] and subject["id"].startswith("urn:uuid:")
    [identity] = subject["identifier"]
    assert identity["type"] == "IdentityObject" and identity["identityType"] == "name" and identity["hashed"] is True
    achievement = subject["achievement"]
    assert {"id", "type", "name", "description", "criteria"} <= set(achievement)
    assert achievement["type"] == ["Achievement"] and achievement["criteria"]["narrative"]
    assert "TET-TT-1" in achievement["criteria"]["narrative"]


def test_the_holder_is_a_salted_hash_a_verifier_told_the_name_can_match(certificate, settings):
    """The recipient is sha256$hex(name + salt), with the salt in the badge; the plain name is not in it."""
    claims = [verified(badge.token, settings) for badge in certificate.credentials]
    identities = [c["credentialSubject"]["identifier"][0] for c in claims]
    salt = identities[0]["salt"]
    assert len(salt) == 32 and all(i["salt"] == salt for i in identities)
    expected = "sha256$" + hashlib.sha256(("Leena Oppija" + salt).encode()).hexdigest()
    assert all(i["identityHash"] == expected for i in identities)
    assert hashlib.sha256(("Leena Oppia" + salt).encode()).hexdigest() not in expected
    assert all("Leena Oppija" not in json.dumps(c) for c in claims)


def test_the_hash_is_computed_as_the_open_badges_specification_says():
    """The specification's IdentityHash example: SHA-256 of 'a@example.com' salted with 'Kosher', in hex."""
    identity = credentials.recipient_identity("a@example.com", "Kosher")
    assert identity["identityHash"] == "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"


def test_each_certificate_has_its_own_salt(certificate, settings, world):
    """Two certificates of one learner carry different salts, so their hashes cannot be linked."""
    again = certificates.issue_certificate(world.coach, world.learner.id, settings, units=["TET-TT"])
    first, second = (verified(c.credentials[0].token, settings)["credentialSubject"]["identifier"][0]
                     for c in (certificate, again))
    assert first["salt"] != second["salt"] and first["identityHash"] != second["identityHash"]


def test_the_achievement_carries_points_alignment_and_grade(certificate, settings):
    """creditsAvailable is the unit's osp, the alignment names the unit's code, the result its grade."""
    claims = verified(certificate.credentials[0].token, settings)
    subject = claims["credentialSubject"]
    achievement = subject["achievement"]
    assert achievement["creditsAvailable"] == 2 and subject["creditsEarned"] == 2
    assert achievement["humanCode"] == "TET-TT" and achievement["achievementType"] == "Competency"
    alignment = achievement["alignment"][0]
    assert alignment["type"] == ["Alignment"] and alignment["targetCode"] == "YTTT"
    assert alignment["targetFramework"] == "ammatillisenoppiaineet"
    assert "(106729)" in alignment["targetDescription"]
    assert alignment["targetName"] and alignment["targetUrl"].startswith("https://")
    description = achievement["resultDescription"][0]
    assert subject["result"] == [{"type": ["Result"], "resultDescription": description["id"], "value": "4"}]
    assert description["allowedValue"] == ["1", "2", "3", "4", "5"]


def test_the_jwt_claims_agree_with_the_credential(certificate, settings):
    """iss, jti, sub and nbf are the issuer id, credential id, subject id and validFrom."""
    claims = verified(certificate.credentials[0].token, settings)
    assert claims["iss"] == claims["issuer"]["id"]
    assert claims["jti"] == claims["id"]
    assert claims["sub"] == claims["credentialSubject"]["id"]
    assert claims["nbf"] == int(datetime.fromisoformat(claims["validFrom"]).timestamp())
    assert "vc" not in claims and "proof" not in claims


def test_a_tampered_badge_fails_both_verifiers(certificate, settings):
    """Changing the grade in the payload breaks the signature for PyJWT and for our check."""
    token = certificate.credentials[0].token
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["result"][0]["value"] = "5"
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    forged = f"{header}.{forged_payload}.{signature}"
    with pytest.raises(pyjwt.InvalidSignatureError):
        verified(forged, settings)
    assert credentials.check_badge(forged, settings).problem == credentials.CHANGED
    assert credentials.check_badge(token, settings).genuine


def test_a_badge_signed_with_another_key_is_not_ours(certificate, settings, tmp_path):
    """The same claims signed with a stranger's key are not accepted."""
    stranger_keys = tmp_path / "stranger-keys"
    stranger_keys.mkdir()
    (stranger_keys / signing_keys.KEY_NAME).write_bytes(RSAKey.generate_key(2048, private=True).as_pem(private=True))
    stranger = issuer(stranger_keys)
    claims = pyjwt.decode(certificate.credentials[0].token, options={"verify_signature": False})
    foreign = credentials.sign(claims, stranger)
    assert credentials.check_badge(foreign, settings).problem == credentials.NOT_OURS
    assert credentials.check_badge("not a badge", settings).problem == credentials.NOT_A_BADGE


def test_claims_that_disagree_are_rejected_even_when_signed(certificate, settings):
    """A correctly signed token whose iss does not match issuer.id is not a valid credential."""
    claims = pyjwt.decode(certificate.credentials[0].token, options={"verify_signature": False})
    claims["iss"] = "https://elsewhere.example/issuer"
    assert credentials.check_badge(credentials.sign(claims, settings), settings).problem == credentials.CHANGED


def test_revocation_shows_in_the_check_and_in_the_status_list(certificate, settings, world):
    """After revoking, the badge still verifies as ours, its certificate is revoked, and its bit is set (no jti)."""
    badge = certificate.credentials[0]
    status = verified(badge.token, settings)["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    index = int(status["statusListIndex"])

    def bit():
        listed = verified(credentials.status_list(settings), settings)
        assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
        assert listed["id"] == status["statusListCredential"] and "jti" not in listed
        encoded = listed["credentialSubject"]["encodedList"]
        bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
        assert len(bits) * 8 == credentials.STATUS_LIST_SIZE
        return bool(bits[index // 8] & (0x80 >> (index % 8)))

    assert not bit()
    certificates.revoke_certificate(world.coach, certificate.id, "mistake")
    db.session.commit()
    assert bit()
    check = credentials.check_badge(badge.token, settings)
    assert check.genuine and check.badge.certificate.revoked


def test_the_status_list_is_signed_again_only_when_it_changes(certificate, settings, world, monkeypatch):
    """Reading the list twice signs it once; a revocation signs it anew, with the bit set."""
    signed = []
    real_sign = credentials.sign
    monkeypatch.setattr(credentials, "sign", lambda claims, s: signed.append(1) or real_sign(claims, s))
    first = credentials.status_list(settings)
    db.session.commit()
    assert credentials.status_list(settings) == first and len(signed) == 1
    certificates.revoke_certificate(world.coach, certificate.id, "mistake")
    db.session.commit()
    after = credentials.status_list(settings)
    assert after != first and len(signed) == 2
    assert credentials.status_list(settings) == after and len(signed) == 2


def test_the_key_is_created_once_privately_and_published_without_secrets(tmp_path):
    """Key init creates, once, a 3072-bit key readable only by its owner; the JWKS has no private members."""
    keys_dir = tmp_path / "storage" / "keys"
    settings = issuer(keys_dir)
    assert signing_keys.create_signing_key(str(keys_dir))
    assert not signing_keys.create_signing_key(str(keys_dir))
    first = signing_keys.signing_key(str(keys_dir))
    path = keys_dir / signing_keys.KEY_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(keys_dir.stat().st_mode) == 0o700
    assert signing_keys.signing_key(str(keys_dir)).thumbprint() == first.thumbprint()
    published = signing_keys.jwks(str(keys_dir), settings.keys_url)["keys"]
    assert len(published) == 1 and published[0]["kty"] == "RSA" and published[0]["alg"] == "RS256"
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(published[0])
    assert len(base64.urlsafe_b64decode(published[0]["n"] + "==")) * 8 == signing_keys.KEY_BITS
