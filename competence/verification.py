"""Verification codes printed on certificates: unguessable, easy to read aloud and type, typo-proof.

A code is 19 random symbols of Crockford's base32 alphabet (95 random bits; no I, L, O or U, so
nothing looks like 1 or 0) and one check symbol, shown in five groups of four: ``7K3M-Q9XW-2HPD-RT4N-8VCF``.
Reading is case-insensitive and forgiving: spaces and dashes are ignored, ``O`` reads as ``0`` and
``I``/``L`` as ``1``.

The check symbol is a weighted sum over GF(32) (weights are powers of the field's generator, all
different within a code), so it comes from the same alphabet and catches every single wrong symbol
and every swap of two symbols before anything is looked up.
"""

import secrets

from app.core.errors import Invalid
from app.core.i18n import N_

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ALIASES = {"O": "0", "I": "1", "L": "1"}
RANDOM_SYMBOLS = 19
LENGTH = RANDOM_SYMBOLS + 1
GROUP = 4
SEPARATORS = " -\u2010\u2011\u2012\u2013\u2014\t"
_VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}
_FIELD_POLYNOMIAL = 0b100101  # x^5 + x^2 + 1, irreducible: GF(32)


class CodeTypo(Invalid):
    """The code cannot be right: a wrong length, a character not used in codes, or a failed check."""

    message = N_("The code has a typo. Check every character against the certificate and try again.")


def _times_generator(value: int) -> int:
    value <<= 1
    return value ^ _FIELD_POLYNOMIAL if value & 0b100000 else value


def _weighted_sum(values) -> int:
    total = 0
    for value in values:
        total = _times_generator(total) ^ value
    return total


def check_symbol(symbols: str) -> str:
    """The symbol that makes the whole code's weighted sum zero."""
    return ALPHABET[_times_generator(_weighted_sum(_VALUES[s] for s in symbols))]


def new_code() -> str:
    """A fresh random code, normalised (20 symbols, no dashes)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_SYMBOLS))
    return body + check_symbol(body)


def normalise(raw: str | None) -> str:
    """Upper-case symbols without separators, with look-alike letters read as digits."""
    cleaned = "".join(ch for ch in (raw or "").strip().upper() if ch not in SEPARATORS)
    return "".join(ALIASES.get(ch, ch) for ch in cleaned)


def is_well_formed(code: str) -> bool:
    """A normalised code of the right length, alphabet and check symbol."""
    if len(code) != LENGTH or any(ch not in _VALUES for ch in code):
        return False
    return _weighted_sum(_VALUES[ch] for ch in code) == 0


def parse_code(raw: str | None) -> str:
    """The normalised code from what a person typed; raise CodeTypo when it cannot be a code."""
    code = normalise(raw)
    if not is_well_formed(code):
        raise CodeTypo()
    return code


def format_code(code: str) -> str:
    """A normalised code in groups of four, as printed: 7K3M-Q9XW-2HPD-RT4N-8VCF."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))

