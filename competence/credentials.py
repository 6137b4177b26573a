"""Each unit of a certificate as an Open Badges 3.0 OpenBadgeCredential, signed as a VC-JWT.

The credential (a W3C Verifiable Credential 2.0) is the JWT payload itself with the registered claims
`iss`, `jti`, `sub` and `nbf` agreeing with `issuer.id`, `id`, `credentialSubject.id` and `validFrom`.
The JOSE header is `{"alg": "RS256", "typ": "JWT", "kid": <URI in our JWKS>}`: RS256 is the algorithm
every Open Badges 3.0 verifier must accept. Badges are made once, at issue, and stored; revocation
is published in a Bitstring Status List (W3C) that is itself a signed credential.
"""

import base64
import gzip
import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jws import extract_compact
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.core.db import db, utcnow
from app.core.i18n import N_
from competence import signing_keys
from competence.certificate_models import BadgeCredential, Certificate, StatusListDocument
from competence.issuer import IssuerSettings, issuer_profile
from competence.pdf.texts import localised, texts_for

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = {"id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
             "type": "1EdTechJsonSchemaValidator2019"}
# The W3C Bitstring Status List's minimum length (16 KB), so that one bit says little about whom; the
# list grows beyond it when more certificates need bits (see certificates._unused_status_index).
STATUS_LIST_SIZE = 131_072
MAX_TOKEN = 40_000
COMPACT_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stable_urn(*parts: str) -> str:
    """A URN that is the same every time for the same parts (the achievement of a unit, say)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '/'.join(parts))}"


def new_urn() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


# --- making --------------------------------------------------------------------------------------


def recipient_identity(name: str, salt: str) -> dict:
    """The holder as an Open Badges 3.0 IdentityObject: the SHA-256 of their name (exactly as on the
    certificate) followed by the salt, so that a verifier told the name can check it, and a badge
    found on its own does not say whose it is.
    """
    digest = hashlib.sha256((name + salt).encode()).hexdigest()
    return {"type": "IdentityObject", "identityHash": f"sha256${digest}", "identityType": "name",
            "hashed": True, "salt": salt}


def new_salt() -> str:
    return secrets.token_hex(16)


def badge_claims(certificate: Certificate, unit: dict, credential_id: str, settings: IssuerSettings,
                 salt: str) -> dict:
    """The OpenBadgeCredential for one credited unit of the certificate, with its JWT claims; the
    holder is named only by a salted hash (see recipient_identity).
    """
    content, language = certificate.content, certificate.language
    texts = texts_for(language)
    name, area = localised(unit["name"], language), localised(unit.get("area_name"), language)
    achievement_id = settings.achievement_url(unit["code"])
    grade_id = stable_urn(settings.issuer_id, "achievements", unit["code"], "grade")
    objectives = "\n".join(f"- {o['code']} {localised(o['name'], language)}" for o in unit["objectives"])
    alignments = [_national_alignment(unit.get("national") or {}, language)] if unit.get("national") else []
    achievement = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": name,
        "image": {"id": settings.image_url, "type": "Image", "caption": name},
        "description": texts["badge_description"].format(unit=name, osp=unit["osp"], area=area or content["organiser"]),
        "criteria": {"narrative": f"{texts['badge_criteria']}\n\n{objectives}"},
        "creditsAvailable": unit["osp"],
        "humanCode": unit["code"],
        "inLanguage": language,
        "alignment": alignments or [{"type": ["Alignment"], "targetName": name, "targetCode": unit["code"],
                                     "targetUrl": settings.framework_url, "targetFramework": area or name}],
        "resultDescription": [{"id": grade_id, "type": ["ResultDescription"], "name": texts["grade"],
                               "resultType": "LetterGrade", "allowedValue": list(unit["scale_values"])}],
    }
    if area:
        achievement["fieldOfStudy"] = area
    subject = {
        "id": certificate.subject_id,
        "type": ["AchievementSubject"],
        "identifier": [recipient_identity(content["holder"]["name"], salt)],
        "achievement": achievement,
        "creditsEarned": unit["osp"],
        "result": [{"type": ["Result"], "resultDescription": grade_id, "value": unit["grade"]}],
    }
    valid_from = certificate.issued_at.replace(microsecond=0)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{name} ({unit['code']})",
        "issuer": issuer_profile(settings),
        "validFrom": timestamp(valid_from),
        "credentialSubject": subject,
        "credentialStatus": {
            "id": f"{settings.status_list_url}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": settings.status_list_url,
        },
        "credentialSchema": [OB_SCHEMA],
        "iss": settings.issuer_id,
        "jti": credential_id,
        "sub": certificate.subject_id,
        "nbf": int(valid_from.timestamp()),
    }


KOODISTO_URL = "https://virkailija.opintopolku.fi/koodisto-service/rest/codeelement/{koodisto}_{code}"


def _national_alignment(national: dict, language: str) -> dict:
    """The national sub-area a unit corresponds to, as the koodisto names it."""
    code = national["code"]
    alignment = {"type": ["Alignment"], "targetName": localised(national.get("name"), language),
                 "targetCode": code,
                 "targetUrl": KOODISTO_URL.format(koodisto=national["koodisto"], code=code.lower()),
                 "targetFramework": national["koodisto"]}
    parent = national.get("unit")
    if parent:
        alignment["targetDescription"] = f"{localised(parent.get('name'), language)} ({parent['code']})"
    return alignment


def sign(claims: dict, settings: IssuerSettings) -> str:
    """A compact JWS (RS256) of the claims with the platform's key."""
    key = signing_keys.signing_key(settings.keys_dir)
    header = {"alg": signing_keys.ALGORITHM, "typ": "JWT", "kid": signing_keys.key_id(key, settings.keys_url)}
    return jwt.encode(header, claims, key)


def issue_badges(certificate: Certificate, settings: IssuerSettings) -> list[BadgeCredential]:
    """One signed badge per credited unit of the certificate, added to it. The badges of one
    certificate share one fresh salt, which only they carry.
    """
    badges = []
    salt = new_salt()
    for position, unit in enumerate(certificate.content["units"]):
        credential_id = new_urn()
        token = sign(badge_claims(certificate, unit, credential_id, settings, salt), settings)
        badges.append(BadgeCredential(position=position, unit_code=unit["code"], credential_id=credential_id,
                                      token=token))
    certificate.credentials.extend(badges)
    return badges


def status_list(settings: IssuerSettings) -> str:
    """The revocation list of every badge, as a signed BitstringStatusListCredential (VC-JWT): the one
    stored for this address while no certificate has been revoked or issued and the key is the same,
    else signed anew and stored (decision 0007).
    """
    revoked, highest = db.session.execute(
        select(func.count(Certificate.revoked_at), func.max(Certificate.status_index))).one()
    key = signing_keys.signing_key(settings.keys_dir)
    state = f"{revoked}:{highest or 0}:{key.thumbprint()}"
    stored = db.session.get(StatusListDocument, settings.status_list_url)
    if stored is not None and stored.state == state:
        return stored.token
    token = _signed_status_list(settings, highest or 0)
    savepoint = db.session.begin_nested()
    try:
        if stored is None:
            db.session.add(StatusListDocument(list_url=settings.status_list_url, state=state, token=token))
        else:
            stored.state, stored.token, stored.signed_at = state, token, utcnow()
        db.session.flush()
        savepoint.commit()
    except IntegrityError:
        savepoint.rollback()  # another request stored the same list first
    return token


def _signed_status_list(settings: IssuerSettings, highest: int) -> str:
    bits = bytearray((max(STATUS_LIST_SIZE, highest + 1) + 7) // 8)
    for index in db.session.scalars(select(Certificate.status_index).where(Certificate.revoked_at.is_not(None))):
        bits[index // 8] |= 0x80 >> (index % 8)
    encoded = base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).rstrip(b"=").decode()
    now = utcnow().replace(microsecond=0)
    list_id = settings.status_list_url
    claims = {
        "@context": [VC_CONTEXT],
        "id": list_id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": settings.issuer_id,
        "validFrom": timestamp(now),
        "credentialSubject": {"id": f"{list_id}#list", "type": "BitstringStatusList",
                              "statusPurpose": "revocation", "encodedList": "u" + encoded},
        "iss": settings.issuer_id, "sub": f"{list_id}#list", "nbf": int(now.timestamp()),
    }
    return sign(claims, settings)


# --- checking a pasted badge ---------------------------------------------------------------------


@dataclass
class BadgeCheck:
    """The answer for a pasted badge: `problem` (a message) when it is not a badge of ours."""

    problem: str | None = None
    badge: BadgeCredential | None = None

    @property
    def genuine(self) -> bool:
        return self.problem is None


NOT_A_BADGE = N_("This is not an Open Badge in the signed form (three parts separated by dots). "
                 "Copy the whole text of the .jwt file.")
NOT_OURS = N_("This badge was not signed by this service, so it cannot be checked here.")
CHANGED = N_("The signature does not match the contents: the badge has been changed.")
UNKNOWN = N_("This badge is not in the records of this service.")


def check_badge(token: str, settings: IssuerSettings) -> BadgeCheck:
    """Verify a pasted VC-JWT: our key's signature, claims that agree with the credential, and a
    badge we issued exactly so. The status (valid or revoked) is the certificate's.
    """
    token = "".join((token or "").split())
    if not token or len(token) > MAX_TOKEN or not COMPACT_JWS.match(token):
        return BadgeCheck(NOT_A_BADGE)
    try:
        header = extract_compact(token.encode()).protected
    except (JoseError, ValueError):
        return BadgeCheck(NOT_A_BADGE)
    kid = str(header.get("kid") or "")
    key = signing_keys.find_public_key(settings.keys_dir, signing_keys.thumbprint_of(kid))
    if header.get("alg") != signing_keys.ALGORITHM or key is None:
        return BadgeCheck(NOT_OURS)
    try:
        claims = jwt.decode(token, key, algorithms=[signing_keys.ALGORITHM]).claims
    except (JoseError, ValueError):
        return BadgeCheck(CHANGED)
    if not claims_agree(claims):
        return BadgeCheck(CHANGED)
    badge = db.session.scalar(select(BadgeCredential).where(BadgeCredential.credential_id == claims["jti"]))
    if badge is None or badge.token != token:
        return BadgeCheck(UNKNOWN)
    return BadgeCheck(badge=badge)


def claims_agree(claims: dict) -> bool:
    """The JWT claims match the credential (Open Badges 3.0, "Verify a Credential VC-JWT Signature")."""
    try:
        subject = claims["credentialSubject"]
        valid_from = datetime.fromisoformat(claims["validFrom"].replace("Z", "+00:00"))
        return (
            {"VerifiableCredential", "OpenBadgeCredential"} <= set(claims["type"])
            and claims["@context"][:2] == [VC_CONTEXT, OB_CONTEXT]
            and claims["iss"] == claims["issuer"]["id"]
            and claims["jti"] == claims["id"]
            and claims["sub"] == subject["id"]
            and claims["nbf"] == int(valid_from.timestamp())
            and valid_from <= utcnow()
            and ("exp" not in claims or claims["exp"] > utcnow().timestamp())
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
