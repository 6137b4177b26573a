"""Every route of the URL map, for anonymous visitors and each role: no route is left out."""

from pathlib import Path

import pytest

from app.core.accounts.models import Role
from tests.certificate_factory import with_test_key

# Who may use each blueprint's routes. A new blueprint or endpoint must be added here, or the
# test below fails.
AUDIENCES = {
    "public": {"anonymous", "learner", "coach", "admin"},
    "learner": {"learner"},
    "coach": {"coach", "admin"},
    "staff": {"admin"},
    "figures": {"coach", "admin"},
    "authoring": {"admin"},  # and coaches marked as content editors: tests/web/test_authoring_access.py
}
ENDPOINTS = {
    "static": {"anonymous", "learner", "coach", "admin"},
    # Counts only, no user data; answers requests from this host (app/web/common/metrics.py).
    "metrics": {"anonymous", "learner", "coach", "admin"},
    "auth.sign_in": {"anonymous", "learner", "coach", "admin"},
    "auth.sign_in_with_code": {"anonymous", "learner", "coach", "admin"},
    "auth.sign_out": {"anonymous", "learner", "coach", "admin"},
    "auth.set_password": {"learner", "coach", "admin"},
}
PERSONAS = ["anonymous", "learner", "coach", "admin"]


@pytest.fixture
def config_overrides():
    # This test is about roles; CSRF has its own test below.
    return {"WTF_CSRF_ENABLED": False}


def allowed_for(endpoint: str) -> set[str]:
    if endpoint in ENDPOINTS:
        return ENDPOINTS[endpoint]
    blueprint = endpoint.split(".")[0]
    assert blueprint in AUDIENCES, f"{endpoint}: add its blueprint to AUDIENCES"
    return AUDIENCES[blueprint]


def routes(app):
    for rule in app.url_map.iter_rules():
        args = {name: (99999 if name.endswith("_id") else "x.css") for name in rule.arguments}
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, rule.build(args, append_unknown=False)[1]


def test_every_blueprint_declares_its_audience(app):
    """A blueprint without a declared audience cannot be registered unnoticed."""
    for name, blueprint in app.blueprints.items():
        assert getattr(blueprint, "audience", None), f"blueprint {name} declares no audience"
        if name != "auth":
            assert name in AUDIENCES


def test_every_route_answers_each_role_as_declared(app, world, as_user):
    """Anonymous visitors are sent to sign in, wrong roles get 403, allowed roles are let in."""
    with_test_key(Path(app.config["STORAGE_DIR"]) / "keys")  # made at deploy time (flask keys init)
    clients = {
        "anonymous": app.test_client(),
        "learner": as_user(world.learner),
        "coach": as_user(world.coach),
        "admin": as_user(world.admin),
    }
    checked = 0
    for endpoint, method, path in routes(app):
        allowed = allowed_for(endpoint)
        for persona in PERSONAS:
            response = clients[persona].open(path, method=method)
            status, location = response.status_code, response.headers.get("Location", "")
            where = f"{method} {path} as {persona}: {status} {location}"
            if persona in allowed:
                assert status != 403 and status < 500, where
                assert not (status == 302 and "/sign-in" in location and persona != "anonymous"
                            and endpoint != "auth.sign_out"), where
            elif persona == "anonymous":
                assert status == 302 and "/sign-in" in location, where
            else:
                assert status == 403, where
            checked += 1
            if endpoint == "auth.sign_out" and persona != "anonymous":
                clients[persona] = as_user({"learner": world.learner, "coach": world.coach,
                                            "admin": world.admin}[persona])
    assert checked >= len(PERSONAS) * 20


def test_roles_are_the_three_of_the_domain():
    """Learner, coach and admin are the only roles the access table knows."""
    assert {r.value for r in Role} == set(PERSONAS) - {"anonymous"}


EVERY_BLUEPRINT = frozenset(AUDIENCES) | {"auth"}


@pytest.mark.parametrize("config_overrides", [{"WTF_CSRF_ENABLED": False, "RATE_LIMITED_BLUEPRINTS": EVERY_BLUEPRINT}])
def test_rate_limits_are_only_where_the_limiter_looks(app, world, as_user):
    """With the limiter looking at every blueprint, only views of RATE_LIMITED_BLUEPRINTS answer with
    rate-limit headers: a limit elsewhere would be switched off without a word, so none may exist."""
    from config import Config

    assert set(app.blueprints) <= EVERY_BLUEPRINT
    clients = {"anonymous": app.test_client(), "learner": as_user(world.learner), "admin": as_user(world.admin)}
    limited = set()
    for endpoint, method, path in routes(app):
        allowed = allowed_for(endpoint)
        persona = next(p for p in ("anonymous", "admin", "learner") if p in allowed)
        if clients[persona].open(path, method=method).headers.get("X-RateLimit-Limit"):
            limited.add(endpoint)
    assert {"auth.sign_in", "public.verify_code"} <= limited, "the check must see the limits that exist"
    assert {endpoint.split(".")[0] for endpoint in limited} <= Config.RATE_LIMITED_BLUEPRINTS, limited
