"""The platform's RSA key for signing Open Badges, created on first use and kept outside the repository.

The key lives in `<STORAGE_DIR>/keys/credentials-signing-key.pem` (folder 0700, file 0600). Several
app servers sharing the storage folder may start at once: the key is written to a private temporary
file and linked into place, so exactly one key wins and every server reads that one. Retired keys
(`retired-*.pem` in the same folder) stay in the published JWKS so that older badges still verify.
"""

import os
import secrets
from pathlib import Path

from joserfc.jwk import KeySet, RSAKey

KEY_NAME = "credentials-signing-key.pem"
RETIRED_PATTERN = "retired-*.pem"
KEY_BITS = 3072
ALGORITHM = "RS256"


def _folder(keys_dir: str) -> Path:
    folder = Path(keys_dir)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def signing_key(keys_dir: str) -> RSAKey:
    """The current private key, created (once, race-free) when there is none yet."""
    path = _folder(keys_dir) / KEY_NAME
    if not path.exists():
        _create(path)
    return RSAKey.import_key(path.read_bytes())


def _create(path: Path) -> None:
    key = RSAKey.generate_key(KEY_BITS, private=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key.as_pem(private=True))
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process created the key first; use theirs
    finally:
        temporary.unlink(missing_ok=True)


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
    folder = _folder(keys_dir)
    keys = [signing_key(keys_dir)] + [RSAKey.import_key(p.read_bytes()) for p in sorted(folder.glob(RETIRED_PATTERN))]
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
