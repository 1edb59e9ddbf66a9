"""Server-rendered SVG charts: geometry computed here, drawn by templates/home/charts/*.svg.

No chart library and no CDN; the SVG needs no script and no inline style, so the page keeps
a strict Content-Security-Policy, and every chart has its numbers in a table next to it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: float
    display: str
    x: float
    y: float
    width: float
    height: float

    @property
    def text_y(self) -> float:
        return round(self.y + self.height * 0.7, 1)

    @property
    def value_x(self) -> float:
        return round(self.x + self.width + 6, 1)


@dataclass
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    label_width: int
    max_value: float

    @property
    def label_x(self) -> int:
        return self.label_width - 8


# The drawing is about as wide as a phone's screen (360–400 px), so its 14 px labels stay
# 13–14 px there instead of shrinking to 8 px; on a wide screen it scales up.
DRAWING_WIDTH = 400


def horizontal_bars(
    items: list[tuple[str, float, str]],
    *,
    width: int = DRAWING_WIDTH,
    bar_height: int = 22,
    gap: int = 8,
    label_width: int = 118,
    value_width: int = 58,
    max_value: float | None = None,
) -> BarChart:
    """One bar per (label, value, display text), longest scale = ``max_value`` or the data."""
    top = max_value if max_value is not None else max((v for _l, v, _d in items), default=0)
    top = top or 1
    span = width - label_width - value_width
    bars = []
    for index, (label, value, display) in enumerate(items):
        y = index * (bar_height + gap)
        bars.append(
            Bar(
                label=label,
                value=value,
                display=display,
                x=label_width,
                y=y,
                width=max(0.0, round(span * (value or 0) / top, 1)),
                height=bar_height,
            )
        )
    height = max(1, len(items) * (bar_height + gap) - gap)
    return BarChart(width=width, height=height, bars=bars, label_width=label_width, max_value=top)


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    value: int
    series: int


@dataclass
class Column:
    label: str
    x: float
    center: float
    rects: list[Rect]


@dataclass
class ColumnChart:
    width: int
    height: int
    plot_height: int
    columns: list[Column]
    max_value: int
    series: tuple[str, ...]


def grouped_columns(
    items: list[tuple[str, tuple[int, ...]]],
    series: tuple[str, ...],
    *,
    width: int = DRAWING_WIDTH,
    plot_height: int = 150,
    label_height: int = 24,
) -> ColumnChart:
    """Columns side by side per label (e.g. received and resolved per month)."""
    top = max((max(values) for _l, values in items if values), default=0) or 1
    slot = width / max(1, len(items))
    inner = slot * 0.8 / max(1, len(series))
    columns = []
    for index, (label, values) in enumerate(items):
        left = index * slot + slot * 0.1
        rects = []
        for number, value in enumerate(values):
            height = round(plot_height * value / top, 1)
            rects.append(
                Rect(
                    x=round(left + number * inner, 1),
                    y=round(plot_height - height, 1),
                    width=round(inner - 1, 1),
                    height=height,
                    value=value,
                    series=number,
                )
            )
        columns.append(
            Column(
                label=label, x=round(left, 1), center=round(index * slot + slot / 2, 1), rects=rects
            )
        )
    return ColumnChart(
        width=width,
        height=plot_height + label_height,
        plot_height=plot_height,
        columns=columns,
        max_value=top,
        series=series,
    )
