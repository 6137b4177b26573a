"""Password hashing (Argon2id) and the password rules a person can understand."""

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.core.i18n import N_

_hasher = PasswordHasher()
MIN_LENGTH = 8
MAX_LENGTH = 256

# Finnish passwords that the English-centred list below misses.
_FINNISH_COMMON = {
    "salasana", "salasana1", "salasana12", "salasana123", "salasana1234", "perkele", "perkele1",
    "kissa123", "koira123", "suomi123", "suomi100", "hyvinvointi", "kesäloma", "kevät2026",
    "syksy2026", "talvi2026", "kesä2026", "helsinki", "tampere1", "qwertyui", "asdfghjk",
    "123456789a", "aaaaaaaa", "mansikka", "mustikka", "sisukas1", "hakkapeliitta", "muumipeikko",
}


@cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"]) | _FINNISH_COMMON


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; a missing hash still costs one hash so timing tells nothing."""
    if not password_hash:
        _hasher.hash(password or "-")
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problems(password: str, username: str = "") -> list[str]:
    """Translatable reasons why `password` may not be used; empty when it is fine."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(N_("Use at least 8 characters. A few words in a row are easy to remember."))
    if len(password) > MAX_LENGTH:
        problems.append(N_("The password is too long (at most 256 characters)."))
    lowered = password.lower()
    if lowered in _common_passwords():
        problems.append(N_("This password is one of the most common ones. Choose another."))
    if username and username.lower() in lowered:
        problems.append(N_("The password must not contain your username."))
    return problems
