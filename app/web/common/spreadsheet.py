"""CSV files that a spreadsheet opens as plain text, whichever separator it guesses."""

import csv
import io
import re

from flask import Response

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Where a cell would start if the file is read with another separator (comma, semicolon, tab): a
# formula character after optional spaces there gets an apostrophe too.
_INNER_FORMULA = re.compile(r"([,;\t] *)([=+\-@])")


def csv_cell(value: str) -> str:
    """The text with a leading apostrophe wherever a spreadsheet could read the start of a formula."""
    text = _INNER_FORMULA.sub(r"\1'\2", value)
    return "'" + text if text.lstrip(" ").startswith(FORMULA_START) else text


def csv_response(rows, filename: str) -> Response:
    """Rows of text as a semicolon-separated CSV download; every cell quoted and defused."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL)
    for row in rows:
        # A number cannot start a formula; only text is defused.
        writer.writerow([cell if isinstance(cell, int) else csv_cell(str(cell)) for cell in row])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename={filename}"})
