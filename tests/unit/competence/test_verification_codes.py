"""Verification codes: unguessable, easy to read, forgiving to type, and typos caught before lookup."""

import pytest

from competence import verification
from competence.verification import ALPHABET, LENGTH, CodeTypo, format_code, is_well_formed, new_code, parse_code


def test_a_code_has_at_least_80_random_bits_in_readable_symbols():
    """19 random symbols of 32 (95 bits) plus a check symbol, all from Crockford's alphabet."""
    assert verification.RANDOM_SYMBOLS * 5 >= 80
    assert not set("ILOU") & set(ALPHABET) and len(ALPHABET) == 32
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == LENGTH and set(c) <= set(ALPHABET) and is_well_formed(c) for c in codes)


def test_a_code_is_printed_in_groups_of_four():
    """Five groups of four, separated by dashes."""
    formatted = format_code(new_code())
    assert [len(group) for group in formatted.split("-")] == [4, 4, 4, 4, 4]


def test_reading_is_case_insensitive_and_forgives_look_alikes_and_spacing():
    """Small letters, spaces, dashes, O for 0 and I or L for 1 all read as the printed code."""
    code = "0" + new_code()[1:]
    code = code[:-1] + verification.check_symbol(code[:-1])
    typed = " " + format_code(code).lower().replace("0", "o").replace("-", " ") + " "
    assert parse_code(typed) == code
    one = "1" + code[1:-1]
    one += verification.check_symbol(one)
    assert parse_code(one.replace("1", "l", 1)) == one == parse_code(one.replace("1", "I", 1))


def test_every_single_wrong_symbol_is_caught():
    """Changing any one symbol to any other makes the code fail its check."""
    code = new_code()
    for position in range(LENGTH):
        for symbol in ALPHABET.replace(code[position], ""):
            assert not is_well_formed(code[:position] + symbol + code[position + 1:])


def test_every_swap_of_two_symbols_is_caught():
    """Swapping any two different symbols, neighbours or not, makes the code fail its check."""
    code = new_code()
    for i in range(LENGTH):
        for j in range(i + 1, LENGTH):
            if code[i] != code[j]:
                swapped = list(code)
                swapped[i], swapped[j] = swapped[j], swapped[i]
                assert not is_well_formed("".join(swapped))


@pytest.mark.parametrize("typed", ["", "ABCD", "U" * LENGTH, "€" * LENGTH, "A" * (LENGTH + 1)])
def test_what_cannot_be_a_code_is_a_typo(typed):
    """Wrong length or characters never used in codes are reported as a typo, with no lookup."""
    with pytest.raises(CodeTypo):
        parse_code(typed)
