from app.core.accounts.passwords import hash_password, password_problems, verify_password


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
