"""The rules of docs/architecture.md that no linter checks, checked on the source itself."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE = [path for package in ("app", "service", "courses", "competence") for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts] + [ROOT / "config.py", ROOT / "gunicorn.conf.py"]
WEB = list((ROOT / "app" / "web").rglob("*.py"))
# Work kept per process, each with its decision record in docs/decisions/.
CACHES_WITH_A_RECORD = {
    "app/core/content_cache.py": "0001-content-snapshots.md",
    "app/web/common/static_files.py": "0004-digested-static-urls.md",
    "competence/pdf/__init__.py": "0006-process-start-up-work.md",
    "app/core/accounts/passwords.py": "0006-process-start-up-work.md",
}


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _comments_and_docstrings(source: str) -> str:
    return "\n".join(re.findall(r"#[^\n]*", source) + re.findall(r'"""(.*?)"""', source, flags=re.S))


def test_code_comments_carry_no_timing_and_no_issue_number():
    """Comments say why; timings and issue numbers go stale and belong in commits and decision records."""
    stale = re.compile(r"\bissue \d+|\b\d+(?:\.\d+)? ?(?:µs|ms)\b", re.IGNORECASE)
    found = [f"{_relative(path)}: {match.group(0)}" for path in CODE
             for match in stale.finditer(_comments_and_docstrings(path.read_text()))]
    assert not found, found


def test_there_is_one_query_api():
    """Everything reads and writes through the ORM session: no helper that runs on the raw connection."""
    found = [_relative(path) for path in CODE
             if re.search(r"^def read\(|\.connection\(\)\.execute\(", path.read_text(), flags=re.M)]
    assert not found, found


@pytest.mark.parametrize("name", ["remembered_fragment", "UnitCard", "SignedInUser", "filled_in", "remembered("])
def test_removed_speed_tricks_stay_removed(name):
    """The renovation's removed caches and second shapes do not come back under the same name."""
    found = [_relative(path) for path in CODE if name in path.read_text()]
    assert not found, found


def test_process_wide_caches_only_where_a_decision_record_allows_them():
    """A cache or a memo kept between requests needs a decision record (docs/decisions/)."""
    memo = re.compile(r"@(?:functools\.)?(?:cache|lru_cache)\b|\blru_cache\(")
    found = {_relative(path) for path in CODE if memo.search(path.read_text())}
    assert found <= set(CACHES_WITH_A_RECORD), found - set(CACHES_WITH_A_RECORD)
    for record in CACHES_WITH_A_RECORD.values():
        assert (ROOT / "docs" / "decisions" / record).is_file(), record


def test_views_leave_commits_rollbacks_and_refusals_to_the_request_edge():
    """Only the request edge (and the error pages, which must read after a failure) end a transaction."""
    edge = {"app/web/common/edge.py", "app/web/common/errors.py"}
    found = [f"{_relative(path)}: {match.group(0)}" for path in WEB if _relative(path) not in edge
             for match in re.finditer(r"session\.(?:commit|rollback)\(\)|except Invalid", path.read_text())]
    assert not found, found


def test_services_flush_and_never_commit():
    """The domain only flushes; one place per request (or per CLI command) commits."""
    domain = [path for path in CODE if path.parts[len(ROOT.parts)] in ("service", "courses", "competence")
              or _relative(path).startswith("app/core/")]
    allowed = {"app/core/transactions.py"}  # the read-only ending of docs/decisions/0002
    found = [_relative(path) for path in domain if _relative(path) not in allowed
             and re.search(r"session\.commit\(\)", path.read_text())]
    assert not found, found


def test_only_the_access_policy_spells_which_learners_a_coach_sees():
    """Coaches reach learners through their groups in app/core/accounts/policy.py alone."""
    allowed = {"app/core/accounts/models.py", "app/core/accounts/policy.py", "app/core/accounts/service.py"}
    found = {_relative(path) for path in CODE if "group_coaches" in path.read_text()}
    assert found <= allowed, found - allowed


def test_each_blueprint_package_creates_its_blueprint_and_imports_its_routes():
    """Routes are registered by their package's __init__.py, never by imports at the end of views.py."""
    for package in ("auth", "coach", "learner", "public", "staff"):
        init = (ROOT / "app" / "web" / package / "__init__.py").read_text()
        assert re.search(r"^bp = Blueprint\(", init, flags=re.M), package
        views = (ROOT / "app" / "web" / package / "views.py").read_text()
        assert not re.search(r"^from .*noqa: E402", views, flags=re.M), package


def test_queries_name_mapped_attributes_not_table_columns():
    """One way to write a query: the ORM's mapped attributes, not a second style through __table__."""
    found = [_relative(path) for path in CODE if "__table__.c" in path.read_text()]
    assert not found, found
