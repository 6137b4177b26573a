"""The benchmark's report: a Markdown table and the contract's lines, and the same as JSON, kept as the
latest run per database in bench/results/.
"""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
DATABASE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def markdown(run: dict) -> str:
    """The report of one run, as bench/run.py gathers it."""
    s, baseline = run["settings"], run["baseline"]
    rps = [r["rps"] for page in run["pages"] for r in page["baseline_runs"]]
    lines = [
        f"# Verstas benchmark on {DATABASE_NAMES[run['database']]}, {run['when']}",
        "",
        f"- Data: {', '.join(f'{v:,} {k}' for k, v in run['data']['counts'].items())}; built in "
        f"{run['data']['build_seconds']} s (seed {run['data']['seed']})",
        f"- Servers: Verstas and the baseline app (`bench/baseline`), each under gunicorn with {s['workers']} sync "
        f"workers on loopback and `gunicorn.conf.py`; load: wrk -t{s['threads']} -c{s['connections']}, each page "
        f"in {s['rounds']} rounds of {s['seconds']} s, each right after {s['seconds']} s of the baseline page; "
        f"{s['cpus']} CPUs",
        f"- Baseline page: one indexed query and a template of {baseline['bytes']:,} bytes; {len(rps)} runs between "
        f"{min(rps, default=0):.0f} and {max(rps, default=0):.0f} requests/s. A page's ratio is the median of its "
        "rounds' ratios to the baseline round just before each; its p99 is its worst round's.",
        f"- Worker memory after the load (RSS): Verstas {mib(run['rss']['verstas'])}, baseline "
        f"{mib(run['rss']['baseline'])}",
        f"- Load average at the start {s['load_start']:.2f}, at the end {s['load_end']:.2f} (anything above 0 "
        "besides this run makes the numbers pessimistic)",
        "",
        "| page | requests/s | p50 ms | p99 ms | × baseline | queries | bytes | in-process ms (× baseline) "
        "| errors | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page in [baseline, *run["pages"]]:
        lines.append(f"| {page['name']} | {page['rps']:.0f} | {page['p50_ms']:.1f} | {page['p99_ms']:.1f} | "
                     f"{page['ratio']:.2f} | {page['queries']} | {page['bytes']:,} | {page['inprocess_ms']:.1f} "
                     f"({baseline['inprocess_ms'] / page['inprocess_ms']:.2f}) | "
                     f"{page['errors_status'] + page['errors_other']} | {short(page.get('checks', []))} |")
    checks = run["checks"]
    missed = [c for c in checks if c["verdict"] == "missed"]
    lines += ["", "## The contract", "", "| line | measured | verdict |", "|---|---|---|"]
    lines += [f"| {c['what']} | {c['measured']} | {c['verdict']} |" for c in checks]
    lines += ["", f"{len(checks) - len(missed)} of {len(checks)} lines met" +
              (f"; missed: {', '.join(c['what'] for c in missed)}." if missed else ".")]
    lines += ["", "| other measurement | result |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in run["other"].items()]
    if run["notes"]:
        lines += ["", "Not measured:", ""] + [f"- {note}" for note in run["notes"]]
    return "\n".join(lines) + "\n"


def short(checks: list[dict]) -> str:
    """A page's contract lines, short, for the table."""
    return ", ".join(f"{check['rule']}: {check['verdict']}" for check in checks)


def mib(sizes: list[int]) -> str:
    return ", ".join(f"{size} MiB" for size in sizes) or "unknown"


def write(run: dict, folder: Path = RESULTS) -> Path:
    """Write the run as <database>-latest.md and .json, replacing the previous run on that database."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{run['database']}-latest.md"
    target.write_text(markdown(run))
    target.with_suffix(".json").write_text(json.dumps(run, indent=2, ensure_ascii=False) + "\n")
    return target


def now() -> str:
    return f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"


def load_average() -> float:
    return round(os.getloadavg()[0], 2)
