"""Sealing an anonymous round's pending answers, so that a database reader cannot read them.

A pending answer sits in the pool (`FeedbackPending`) until it is released with others. The pool row
is written by the learner's own requests, so its write can be tied to them; what it holds therefore
must not be readable from the database. It is encrypted (AES-GCM) with a key derived from the
application's secret key, bound to its round, and padded to the length the round's longest possible
answer would take, so that every sealed row of a round has the same length, whatever was written.
"""

import hashlib
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

BLOCK = 4096
_state: dict[str, bytes] = {}


def configure(secret: str) -> None:
    """Derive the pool's key from the application's secret key (called when the app starts)."""
    _state["key"] = hashlib.sha256(b"verstas feedback pool\0" + secret.encode()).digest()


def _cipher() -> AESGCM:
    if "key" not in _state:
        raise RuntimeError("feedback sealing is not configured")
    return AESGCM(_state["key"])


def seal(round_id: int, data: dict, size: int) -> bytes:
    """`data` sealed for the round, padded to `size` bytes (or whole blocks beyond it) before sealing."""
    plain = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    plain += b" " * (max(size, len(plain)) - len(plain))  # JSON allows trailing spaces
    plain += b" " * (-len(plain) % BLOCK)
    nonce = os.urandom(12)
    return nonce + _cipher().encrypt(nonce, plain, str(round_id).encode())


def unseal(round_id: int, sealed: bytes) -> dict | None:
    """What was sealed for the round, or None when it cannot be opened (the secret key changed)."""
    try:
        return json.loads(_cipher().decrypt(bytes(sealed[:12]), bytes(sealed[12:]), str(round_id).encode()))
    except (InvalidTag, ValueError):
        return None
