"""Every state change needs the form's CSRF token."""

import pytest

from tests.conftest import sign_in


def post_routes(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            args = dict.fromkeys(rule.arguments, 1)
            yield rule.build(args, append_unknown=False)[1]


@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_post_without_token_is_refused_with_a_friendly_page(app, world, who):
    """A POST without a token gets 400 and a page that says what to do."""
    client = app.test_client()
    if who == "admin":
        assert sign_in(client, "admin").status_code == 302
    for path in post_routes(app):
        response = client.post(path, data={"username": "admin", "password": "x"})
        assert response.status_code == 400, path
        text = response.get_data(as_text=True)
        assert "vanhentunut" in text or "expired" in text
