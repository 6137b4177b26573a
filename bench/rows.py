"""Stored certificates filled from the model's own columns, without the renderer: the benchmark's
data set and the query budgets need many of them.
"""

import hashlib
from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, String, Text

# A small valid PDF: a stored certificate's bytes where the real renderer is not needed.
SMALL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def pdf_of(seed: int) -> bytes:
    """The shared small PDF with a comment that makes its bytes (and digest) unique to the row."""
    return SMALL_PDF + f"%{seed}\n".encode()


def code_of(seed: int, length: int) -> str:
    """A unique code for the row: a valid verification code (with its check symbol) where the
    certificate issue defines one, else a plain one.
    """
    try:
        from competence import verification
    except ImportError:
        return f"B{seed:0{min(length, 13) - 1}d}"[:length]
    body, value = "", seed
    for _ in range(verification.RANDOM_SYMBOLS):
        value, digit = divmod(value, len(verification.ALPHABET))
        body = verification.ALPHABET[digit] + body
    return body + verification.check_symbol(body)


def required_values(columns, learner_id: int, issuer_id: int, seed: int) -> dict:
    """Plausible values for every column that has no default and may not be empty."""
    values = {}
    for column in columns:
        name = column.key
        if column.primary_key or column.default is not None or column.server_default is not None:
            continue
        foreign = {fk.column.table.name for fk in column.foreign_keys}
        kind = column.type
        if "user" in foreign:
            values[name] = learner_id if any(w in name for w in ("learner", "user", "holder", "owner")) \
                else issuer_id
        elif foreign:
            if column.nullable:
                continue
            raise LookupError(f"cannot fill {column.table.name}.{name} (a key to {', '.join(foreign)})")
        elif isinstance(kind, LargeBinary):
            values[name] = pdf_of(seed)
        elif name.endswith("sha256") or name in ("digest", "hash"):
            values[name] = hashlib.sha256(pdf_of(seed)).hexdigest()
        elif column.nullable:
            continue
        elif isinstance(kind, DateTime) or "DateTime" in type(kind).__name__:
            values[name] = NOW
        elif isinstance(kind, Date):
            values[name] = NOW.date()
        elif isinstance(kind, Boolean):
            values[name] = False
        elif isinstance(kind, Integer):
            values[name] = seed + 1_000_000 if column.unique else 1
        elif isinstance(kind, JSON):
            values[name] = {}
        elif name == "code" and isinstance(kind, String):
            values[name] = code_of(seed, kind.length or 32)
        elif isinstance(kind, String | Text):
            length = getattr(kind, "length", None) or 32
            values[name] = f"B{seed:0{min(length, 13) - 1}d}"[:length]
        else:
            raise LookupError(f"cannot fill {column.table.name}.{name} ({kind})")
    return values
