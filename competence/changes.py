"""What a content import changed, counted per kind of row, and applying one row by its code."""

from collections import defaultdict
from dataclasses import dataclass, field

from app.core.db import db, utcnow

ACTIONS = ("created", "updated", "archived", "unchanged")


@dataclass
class ImportReport:
    """Codes created, updated, archived and left unchanged, per kind (area, unit, step, ...).

    A row that comes back after being archived counts as updated and is listed as restored.
    """

    kinds: list[str] = field(default_factory=list)
    codes: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    restored: set[tuple[str, str]] = field(default_factory=set)

    def add(self, kind: str, action: str, code: str) -> None:
        if kind not in self.kinds:
            self.kinds.append(kind)
        self.codes[(kind, action)].append(code)

    def count(self, kind: str, action: str) -> int:
        return len(self.codes.get((kind, action), ()))

    def counts(self) -> dict[str, dict[str, int]]:
        """{kind: {action: count}} for every kind seen, every action included."""
        return {kind: {action: self.count(kind, action) for action in ACTIONS} for kind in self.kinds}

    @property
    def changed(self) -> bool:
        return any(self.count(kind, action) for kind in self.kinds for action in ACTIONS[:3])

    def __str__(self) -> str:
        lines = []
        for kind in self.kinds:
            for action in ACTIONS[:3]:
                for code in self.codes.get((kind, action), ()):
                    shown = "restored" if (kind, code) in self.restored else action
                    lines.append(f"{shown:9} {kind} {code}")
        if not self.changed:
            lines.append("nothing changed")
        for kind, counts in self.counts().items():
            lines.append(f"{kind + ':':11} " + ", ".join(f"{n} {action}" for action, n in counts.items()))
        return "\n".join(lines)


def upsert(model, existing: dict, code: str, values: dict, report: ImportReport, kind: str):
    """Create the row with `code`, or update only the fields that differ; un-archive it if archived.

    `existing` maps codes to rows already in the database; the new row is added to it. When
    `values` carries a `content_hash` covering all of them, an equal stored hash skips the comparison.
    """
    row = existing.get(code)
    if row is None:
        row = model(code=code, **values)
        db.session.add(row)
        existing[code] = row
        report.add(kind, "created", code)
        return row
    if row.archived_at is None and values.get("content_hash") and row.content_hash == values["content_hash"]:
        report.add(kind, "unchanged", code)
        return row
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    if row.archived_at is not None:
        row.archived_at = None
        report.restored.add((kind, code))
        changed = changed or {"archived_at": None}
    for name, value in changed.items():
        setattr(row, name, value)
    if changed and hasattr(row, "updated_at"):
        row.updated_at = utcnow()
    report.add(kind, "updated" if changed else "unchanged", code)
    return row


def archive_missing(existing: dict, seen: set[str], report: ImportReport, kind: str) -> None:
    """Archive the rows whose codes are no longer in the content; nothing is deleted."""
    for code, row in existing.items():
        if code not in seen and row.archived_at is None:
            row.archived_at = utcnow()
            report.add(kind, "archived", code)
