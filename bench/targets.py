"""The performance contract (docs/performance.md): what each measurement must reach, and whether it did."""

from dataclasses import dataclass

# A page's throughput as a share of the baseline page's, by the page's audience.
SHARE = {"learner": 0.50, "coach": 0.35, "staff": 0.35, "download": 0.70}
P99_MS = {"sqlite": 60, "postgresql": 100}
P99_CONNECTIONS = 16
RENDER_WARM_MS = 100
# The baseline page is as large as My path's, within this share either way.
SIZE_TOLERANCE = 0.10


@dataclass(frozen=True)
class Check:
    """One line of the contract: of what (a page, or nothing), the rule, what was measured, whether it was met."""

    subject: str
    rule: str
    measured: str
    met: bool

    @property
    def what(self) -> str:
        return f"{self.subject} {self.rule}".strip()

    @property
    def verdict(self) -> str:
        return "met" if self.met else "missed"

    def as_dict(self) -> dict:
        return {"subject": self.subject, "rule": self.rule, "what": self.what, "measured": self.measured,
                "verdict": self.verdict}


def database_of(url: str) -> str:
    """"postgresql" or "sqlite", from a SQLAlchemy URL."""
    return "postgresql" if url.startswith("postgres") else "sqlite"


def page_checks(page: dict, database: str, connections: int) -> list[Check]:
    """A measured page's lines: no errors under load, its share of the baseline, its p99."""
    name, checks = page["name"], []
    errors = page["errors_status"] + page["errors_other"]
    if errors:
        checks.append(Check(name, "answers without errors under load", f"{errors} errors", False))
    if page.get("requests", 1) == 0:
        # No request finished within the run: its p99 of 0 ms would read as met.
        checks.append(Check(name, "answers under load", "no request finished", False))
        return checks
    share = SHARE.get(page["kind"])
    if share is not None:
        checks.append(Check(name, f"≥ {share:.2f} × baseline", f"{page['ratio']:.3f}", page["ratio"] >= share))
    if connections == P99_CONNECTIONS:
        limit = P99_MS[database]
        checks.append(Check(name, f"p99 < {limit} ms", f"{page['p99_ms']:.1f} ms", page["p99_ms"] < limit))
    return checks


def render_check(warm_ms: float) -> Check:
    return Check("certificate render (warm)", f"≤ {RENDER_WARM_MS} ms", f"{warm_ms:.0f} ms", warm_ms <= RENDER_WARM_MS)


def size_check(baseline_bytes: int, page_bytes: int) -> Check:
    """The baseline page must be as large as My path's, or the ratios compare unlike pages."""
    ratio = baseline_bytes / page_bytes if page_bytes else 0.0
    return Check("baseline page's size", f"within ±{SIZE_TOLERANCE:.0%} of My path's",
                 f"{baseline_bytes:,} / {page_bytes:,} bytes ({ratio:.2f})", abs(ratio - 1) <= SIZE_TOLERANCE)
