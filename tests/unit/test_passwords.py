from argon2 import profiles

from app.core.accounts.passwords import hash_password, password_problems, verify_password
from tests.conftest import PRODUCTION_HASHER


def test_hash_verifies_only_the_right_password():
    """A stored hash accepts its own password and nothing else."""
    stored = hash_password("pitkä-sininen-kahvi")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "pitkä-sininen-kahvi")
    assert not verify_password(stored, "pitkä-sininen-kahv")
    assert not verify_password(None, "anything")
    assert not verify_password("not-a-hash", "anything")


def test_short_common_and_username_passwords_are_refused():
    """Too short, very common (English or Finnish) and username-containing passwords get a reason."""
    assert password_problems("abc") != []
    assert password_problems("password1") != []
    assert password_problems("salasana123") != []
    assert password_problems("leena-oppija-2026", username="leena-oppija") != []
    assert password_problems("sininen-kahvi-pyörä", username="leena") == []


def test_production_hashes_cost_what_rfc_9106_asks():
    """Outside the tests a hash is Argon2id with RFC 9106's low-memory parameters, and it verifies."""
    params = profiles.RFC_9106_LOW_MEMORY
    hasher = PRODUCTION_HASHER
    assert (hasher.type, hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (
        params.type, params.time_cost, params.memory_cost, params.parallelism)
    stored = hasher.hash("pitkä-sininen-kahvi")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(stored, "pitkä-sininen-kahvi")
