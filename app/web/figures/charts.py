"""Inline SVG bar charts drawn from the same numbers as the tables beside them."""

from dataclasses import dataclass

WIDTH = 360  # drawn about one to one on a phone
LABEL = 64  # room for the month on the left
ROW = 28
BAR = 20


@dataclass(frozen=True)
class Segment:
    css: str
    x: int
    width: int
    value: int


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    total: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    height: int
    bars: tuple[Bar, ...]


def stacked(rows: list[tuple[str, dict]], parts: tuple[tuple[str, str], ...]) -> Chart:
    """One horizontal bar per row, its parts side by side: `rows` are (label, values) and `parts` are
    (value name, CSS class).
    """
    biggest = max((sum(values[name] for name, _css in parts) for _label, values in rows), default=0) or 1
    scale = (WIDTH - LABEL - 48) / biggest
    bars = []
    for n, (label, values) in enumerate(rows):
        x, segments = LABEL, []
        for name, css in parts:
            width = round(values[name] * scale)
            segments.append(Segment(css, x, width, values[name]))
            x += width
        bars.append(Bar(label, n * ROW, sum(values[name] for name, _css in parts), tuple(segments)))
    return Chart(max(len(rows), 1) * ROW, tuple(bars))
