"""The platform's RSA key for signing Open Badges, created at deploy time and kept outside the repository.

The key lives in `<STORAGE_DIR>/keys/credentials-signing-key.pem` (folder 0700, file 0600) and is made
by `flask keys init` (create_signing_key), never by a request: a request that needs a missing key is
refused with MissingSigningKey and an error in the log. Several deploy scripts sharing the storage
folder may run at once: the key is written to a private temporary file and linked into place, so
exactly one key wins and every server reads that one. Retired keys (`retired-*.pem` in the same
folder) stay in the published JWKS so that older badges still verify.
"""

import logging
import os
import secrets
from pathlib import Path

from joserfc.jwk import KeySet, RSAKey

from app.core.errors import DomainError
from app.core.i18n import N_

KEY_NAME = "credentials-signing-key.pem"
RETIRED_PATTERN = "retired-*.pem"
KEY_BITS = 3072
ALGORITHM = "RS256"
log = logging.getLogger(__name__)


class MissingSigningKey(DomainError):
    """The deploy did not run `flask keys init`: nothing can be signed or published until it does."""

    status = 503
    message = N_("Certificates cannot be signed right now because the service is not fully set up. "
                 "Nothing was issued. Please tell the service's staff and try again later.")


def _folder(keys_dir: str) -> Path:
    folder = Path(keys_dir)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def key_path(keys_dir: str) -> Path:
    return Path(keys_dir) / KEY_NAME


def has_signing_key(keys_dir: str) -> bool:
    return key_path(keys_dir).is_file()


def signing_key(keys_dir: str) -> RSAKey:
    """The current private key; MissingSigningKey (and an error an operator alert matches) without one."""
    path = key_path(keys_dir)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        log.error("signing_key_missing: no signing key at %s; run 'flask keys init'", path,
                  extra={"event": "signing_key_missing"})
        raise MissingSigningKey() from None
    return RSAKey.import_key(data)


def create_signing_key(keys_dir: str) -> bool:
    """Create the key unless it exists (race-free); whether this call created it."""
    path = _folder(keys_dir) / KEY_NAME
    if path.exists():
        return False
    return _create(path)


def _create(path: Path) -> bool:
    key = RSAKey.generate_key(KEY_BITS, private=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key.as_pem(private=True))
        os.link(temporary, path)
    except FileExistsError:
        return False  # another process created the key first; use theirs
    finally:
        temporary.unlink(missing_ok=True)
    return True


def key_id(key: RSAKey, keys_url: str) -> str:
    """The key's `kid`: a URL that answers with this one public key, ending in its RFC 7638 thumbprint
    (verifiers such as 1EdTech's GET the kid and read `kty`, `n` and `e` from the body).
    """
    return f"{keys_url.rstrip('/')}/{key.thumbprint()}"


def thumbprint_of(kid: str) -> str:
    """The thumbprint a kid names, in the current form (…/keys/<thumbprint>) or the earlier one
    (…/jwks.json#<thumbprint>), so badges issued before keep verifying.
    """
    return kid.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def public_keys(keys_dir: str) -> list[RSAKey]:
    """The public halves of the current and retired keys."""
    retired = sorted(Path(keys_dir).glob(RETIRED_PATTERN))
    keys = [signing_key(keys_dir)] + [RSAKey.import_key(p.read_bytes()) for p in retired]
    return [RSAKey.import_key(key.as_dict(private=False)) for key in keys]


def public_jwk(key: RSAKey, keys_url: str) -> dict:
    """One public key as a JWK: only public members (never "d"), with its kid, use and alg."""
    return dict(key.as_dict(private=False), kid=key_id(key, keys_url), use="sig", alg=ALGORITHM)


def jwks(keys_dir: str, keys_url: str) -> dict:
    """The public JWKS of the current and retired keys."""
    return {"keys": [public_jwk(key, keys_url) for key in public_keys(keys_dir)]}


def find_public_key(keys_dir: str, thumbprint: str) -> RSAKey | None:
    return next((key for key in public_keys(keys_dir) if key.thumbprint() == thumbprint), None)


def verification_keys(keys_dir: str, keys_url: str) -> KeySet:
    return KeySet.import_key_set(jwks(keys_dir, keys_url))
