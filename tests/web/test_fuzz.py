"""Random, huge, unicode and NUL values in every route's URL parts, query and forms: never a 5xx."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.certificate_factory import with_test_key
from tests.course_factory import make_course
from tests.feedback_factory import make_round

ODD_VALUES = st.one_of(
    st.sampled_from(["0", "1", "2", "3", "-1", str(2**31 - 1), str(2**31), str(2**63), "9" * 40, "²", "١٢", "１",
                     "\x00", "a\x00b", "..", "%", "x.css", " ", "K-M1", "'; drop table user; --", "<b>"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=40),
    st.sampled_from(["a", "é€𝄞", "9"]).map(lambda piece: piece * 5000),
)
QUERY_NAMES = ["page", "other", "group", "kind", "q", "role", "replaces", "units", "partial_units", "language",
               "objective", "unit", "next", "v", "again", "username"]
# Signing out would end the persona's session in the middle of the run.
SKIPPED = {"auth.sign_out"}
PERSONAS = ["anonymous", "learner", "coach", "admin"]
FUZZ = settings(max_examples=2, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


@pytest.fixture
def config_overrides():
    # Random values must reach the views' own checks, not stop at the CSRF token.
    return {"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False}


@pytest.fixture
def clients(app, world, as_user):
    with_test_key(Path(app.config["STORAGE_DIR"]) / "keys")  # made at deploy time (flask keys init)
    make_round(world.admin, make_course())
    return {"anonymous": app.test_client(), "learner": as_user(world.learner), "coach": as_user(world.coach),
            "admin": as_user(world.admin)}


def rules(app, method):
    return [rule for rule in app.url_map.iter_rules() if method in rule.methods and rule.endpoint not in SKIPPED]


def fill(rule, value: str) -> str:
    """The rule's path with the value, URL-quoted, in each of its parts."""
    quoted = quote(value, safe="")
    return re.sub(r"<[^<>]+>", lambda _part: quoted, rule.rule)


def check(response, where):
    assert response.status_code < 500, f"{where}: {response.status_code}"


def odd_examples(test):
    """The values that broke pages before, always tried, besides the random ones."""
    for value in (str(2**63), "²", "a\x00b", "9" * 5000):
        test = example(value=value)(test)
    return test


@FUZZ
@odd_examples
@given(value=ODD_VALUES)
def test_every_get_route_survives_odd_values(app, clients, value):
    """Every GET route, as each role, with an odd value in its URL parts and query: no 5xx."""
    query = dict.fromkeys(QUERY_NAMES, value)
    for rule in rules(app, "GET"):
        path = fill(rule, value)
        for persona in PERSONAS:
            check(clients[persona].get(path, query_string=query), f"GET {path[:200]} as {persona}")


@pytest.fixture
def form_names(app, clients) -> list[str]:
    """Every field name that the pages without URL parts (and with id 1) offer to any role."""
    names = set()
    for rule in rules(app, "GET"):
        path = re.sub(r"<int:[^>]+>", "1", rule.rule)
        if "<" in path:
            continue
        for client in clients.values():
            names.update(re.findall(r'name="([^"]+)"', client.get(path).get_data(as_text=True)))
    return sorted(names - {"csrf_token"})


@FUZZ
@odd_examples
@given(value=ODD_VALUES)
def test_every_form_survives_odd_values(app, clients, form_names, value):
    """Every POST route, as each role, with an odd value in its URL parts and every field the pages use."""
    assert {"username", "password", "title", "module_ids", "group_ids"} <= set(form_names)
    form = dict.fromkeys(form_names, value)
    for rule in rules(app, "POST"):
        for path in {fill(rule, value), re.sub(r"<int:[^>]+>", "1", rule.rule)}:
            if "<" in path:
                continue
            for persona in PERSONAS:
                check(clients[persona].post(path, data=form), f"POST {path[:200]} as {persona}")
