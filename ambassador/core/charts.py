"""Server-rendered SVG charts with text alternatives; no JavaScript and no third-party CDN.

Each chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>``; pages show the same
figures in a table next to it for screen readers and for copying.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

PALETTE = ("#1f4e79", "#b35900", "#2e7d32", "#7b1fa2", "#c62828", "#00695c", "#5d4037", "#455a64")


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
        '<svg class="chart" role="img" viewBox="0 0 {} {}" width="100%" style="max-width:{}px" '
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
        '<svg class="chart" role="img" viewBox="0 0 {} {}" width="100%" style="max-width:{}px" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{}</title><desc>{}</desc>{}{}</svg>',
        width, height, width, title, desc, legend, SafeString("".join(parts)),
    )


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
