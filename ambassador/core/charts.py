"""The one chart module: server-rendered SVG charts with text alternatives, for the staff dashboard
and the public site. No JavaScript, no third-party library and no CDN.

Each chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>``; pages show the same
figures in a table next to it for screen readers and for copying. Every piece of text is escaped.
Charts are sized by their viewBox and the site's stylesheet (``.chart``), never by a ``style``
attribute, which the Content-Security-Policy refuses.
The charts draw what they are given; the queries behind them live with the pages that show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Size of the column and line charts (viewBox units): width, height, and the margins around the plot.
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 240, 40, 40, 10
PALETTE = ("#1f4e79", "#b35900", "#2e7d32", "#7b1fa2", "#c62828", "#00695c", "#5d4037", "#455a64")


@dataclass
class Chart:
    """A chart and the table that says the same: its columns and rows."""

    title: str
    description: str
    svg: SafeString
    columns: list[str]
    rows: list[list]

    @property
    def is_empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class Series:
    """One stacked part of a column chart: its label and colour."""

    label: str
    colour: str


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def bar_chart(bars: Sequence[Bar], *, title: str, unit: str = "", width: int = 640, bar_height: int = 22) -> SafeString:
    """A horizontal bar chart; labels on the left, values at the end of each bar."""
    label_width = 190
    gap = 8
    height = max(1, len(bars)) * (bar_height + gap) + gap
    largest = max((bar.value for bar in bars), default=0) or 1
    room = width - label_width - 60
    desc = "; ".join(f"{bar.label}: {_number(bar.value)}{unit}" for bar in bars) or "no data"
    rows = format_html_join(
        "",
        '<g transform="translate(0,{})"><text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="0" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}{}</text></g>',
        (
            (
                gap + index * (bar_height + gap),
                label_width - 6,
                bar_height * 0.7,
                bar.label,
                label_width,
                max(1, round(room * bar.value / largest)) if bar.value else 0,
                bar_height,
                PALETTE[0],
                label_width + (round(room * bar.value / largest) if bar.value else 0) + 4,
                bar_height * 0.7,
                _number(bar.value),
                unit,
            )
            for index, bar in enumerate(bars)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" width="{}" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{}</title><desc>{}</desc>{}</svg>',
        width, height, width, title, desc, rows,
    )


def stacked_bar_chart(
    rows: Sequence[tuple[str, Sequence[float]]], *, series: Sequence[str], title: str, width: int = 640,
    bar_height: int = 22,
) -> SafeString:
    """Horizontal stacked bars, one per row, each split into ``series``; with a legend."""
    label_width = 190
    gap = 8
    legend_item_width = 200
    per_row = max(1, width // legend_item_width)
    legend_height = 20 * ((len(series) + per_row - 1) // per_row) + 4
    height = legend_height + max(1, len(rows)) * (bar_height + gap) + gap
    largest = max((sum(values) for _, values in rows), default=0) or 1
    room = width - label_width - 50
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{name} {_number(value)}" for name, value in zip(series, values, strict=True))
        for label, values in rows
    ) or "no data"
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
        '<text x="{}" y="{}" class="chart-legend">{}</text>',
        (
            (
                (index % per_row) * legend_item_width,
                4 + 20 * (index // per_row),
                PALETTE[index % len(PALETTE)],
                (index % per_row) * legend_item_width + 16,
                14 + 20 * (index // per_row),
                name,
            )
            for index, name in enumerate(series)
        ),
    )
    parts = []
    for index, (label, values) in enumerate(rows):
        y = legend_height + gap + index * (bar_height + gap)
        x = label_width
        segments = []
        for position, value in enumerate(values):
            length = round(room * value / largest)
            if length:
                segments.append(format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                    x, y, length, bar_height, PALETTE[position % len(PALETTE)],
                ))
            x += length
        parts.append(format_html(
            '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>{}'
            '<text x="{}" y="{}" class="chart-value">{}</text>',
            label_width - 6, y + bar_height * 0.7, label, SafeString("".join(segments)),
            x + 4, y + bar_height * 0.7, _number(sum(values)),
        ))
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" width="{}" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{}</title><desc>{}</desc>{}{}</svg>',
        width, height, width, title, desc, legend, SafeString("".join(parts)),
    )


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _axis(max_value: int, plot_height: int) -> list[str]:
    parts = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_height}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{TOP + plot_height}" x2="{WIDTH - 10}" y2="{TOP + plot_height}" stroke="#333"/>',
    ]
    for tick in sorted({0, max_value // 2, max_value}):
        y = TOP + plot_height - (tick / max_value * plot_height if max_value else 0)
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
            f"{escape(formats.number_format(tick))}</text>"
        )
    return parts


def _svg(title: str, description: str, body: list[str], chart_id: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every piece of text in body and title is escaped
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def stacked_column_chart(
    columns: Sequence[tuple[str, str, Sequence[int]]], *, series: Sequence[Series], title: str, description: str,
    chart_id: str,
) -> SafeString:
    """Vertical stacked columns with a value axis and a legend.

    ``columns`` holds (label, short axis label, one value per series) in order; the axis labels
    are shown when there are at most twelve columns.
    """
    plot_height = HEIGHT - TOP - BOTTOM
    max_total = max((sum(values) for _, _, values in columns), default=0)
    body = _axis(max_total, plot_height)
    if columns:
        slot = (WIDTH - LEFT - 20) / len(columns)
        bar = min(max(slot * 0.7, 2), 48)
        for index, (label, axis_label, values) in enumerate(columns):
            x = LEFT + 10 + index * slot
            y = TOP + plot_height
            for part, value in zip(series, values, strict=True):
                if not value:
                    continue
                h = value / max_total * plot_height
                y -= h
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="{part.colour}"><title>{escape(f"{label}: {part.label} {value}")}</title></rect>'
                )
            if len(columns) <= 12:
                body.append(
                    f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="10">'
                    f"{escape(axis_label)}</text>"
                )
        for index, part in enumerate(series):
            x = LEFT + index * 100
            body.append(f'<rect x="{x}" y="{HEIGHT - 14}" width="10" height="10" fill="{part.colour}"/>')
            body.append(f'<text x="{x + 14}" y="{HEIGHT - 5}" font-size="10">{escape(part.label)}</text>')
    return _svg(title, description, body, chart_id)


def line_chart(
    points: Sequence[tuple[str, int]], *, title: str, description: str, chart_id: str, colour: str = PALETTE[0]
) -> SafeString:
    """A line through (label, value) points, each with its value on hover; the first and last labelled."""
    plot_height = HEIGHT - TOP - BOTTOM
    max_value = max((v for _label, v in points), default=0)
    body = _axis(max_value, plot_height)
    if points:
        step = (WIDTH - LEFT - 30) / max(len(points) - 1, 1)
        xy = [
            (LEFT + 10 + i * step, TOP + plot_height - (v / max_value * plot_height if max_value else 0))
            for i, (_label, v) in enumerate(points)
        ]
        body.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
            + " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
            + '"/>'
        )
        for (x, y), (label, value) in zip(xy, points, strict=True):
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                f"<title>{escape(label)}: {value}</title></circle>"
            )
        for (x, _y), (label, _v) in [(xy[0], points[0]), (xy[-1], points[-1])]:
            body.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="10">'
                f"{escape(label)}</text>"
            )
    return _svg(title, description, body, chart_id)
