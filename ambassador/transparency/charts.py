"""Small server-rendered SVG charts, each with a text alternative (a data table) for screen readers.

No JavaScript and no third-party library: the markup is built here, every label escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ambassador.commitments.choices import CompletionLevel
from ambassador.stakeholders.choices import OrganisationKind

MONTHS = 12
# Colour per organisation kind; each has at least 3:1 contrast against the white background.
KIND_COLOURS = {
    OrganisationKind.TECH_COMPANY: "#1f4e79",
    OrganisationKind.TRADE_UNION: "#b3261e",
    OrganisationKind.CIVIL_SOCIETY: "#2e7d32",
    OrganisationKind.BUSINESS_ASSOCIATION: "#8a5a00",
    OrganisationKind.ACADEMIC: "#6a1b9a",
    OrganisationKind.OTHER: "#555555",
}
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 240, 40, 40, 10


@dataclass
class Chart:
    title: str
    description: str
    svg: SafeString
    columns: list[str]
    rows: list[list]

    @property
    def is_empty(self) -> bool:
        return not self.rows


def _month_label(month) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


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


def meetings_per_month_by_kind(meetings, *, chart_id: str = "meetings-chart") -> Chart:
    """Stacked bars: public meetings per month, by the kind of organisation present (one query)."""
    rows = (
        meetings.order_by()
        .annotate(month=TruncMonth("starts_at"))
        .values("month", "organisations__kind")
        .annotate(n=Count("pk", distinct=True))
    )
    counts: dict = {}
    for row in rows:
        if row["organisations__kind"] is None:
            continue
        counts.setdefault(row["month"].date() if hasattr(row["month"], "date") else row["month"], {})[
            row["organisations__kind"]
        ] = row["n"]
    months = sorted(counts)[-MONTHS:]
    kinds = [kind for kind in OrganisationKind if any(kind in counts[m] for m in months)]
    title = _("Meetings per month by kind of organisation present")
    description = _("Public meetings in each of the last %(n)s months with meetings, split by the kind of "
                    "organisation present; the table below gives the same figures.") % {"n": len(months)}
    plot_height = HEIGHT - TOP - BOTTOM
    max_total = max((sum(counts[m].values()) for m in months), default=0)
    body = _axis(max_total, plot_height)
    if months:
        slot = (WIDTH - LEFT - 20) / len(months)
        bar = min(max(slot * 0.7, 2), 48)
        for index, month in enumerate(months):
            x = LEFT + 10 + index * slot
            y = TOP + plot_height
            for kind in kinds:
                value = counts[month].get(kind, 0)
                if not value:
                    continue
                h = value / max_total * plot_height
                y -= h
                label = f"{_month_label(month)}: {kind.label} {value}"
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="{KIND_COLOURS[kind]}"><title>{escape(label)}</title></rect>'
                )
            if len(months) <= 12:
                body.append(
                    f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="10">'
                    f"{escape(formats.date_format(month, 'M'))}</text>"
                )
        for index, kind in enumerate(kinds):
            x = LEFT + index * 100
            body.append(f'<rect x="{x}" y="{HEIGHT - 14}" width="10" height="10" fill="{KIND_COLOURS[kind]}"/>')
            body.append(f'<text x="{x + 14}" y="{HEIGHT - 5}" font-size="10">{escape(kind.label)}</text>')
    return Chart(
        title=title,
        description=description,
        svg=_svg(title, description, body, chart_id),
        columns=[_("Month"), *[kind.label for kind in kinds]],
        rows=[[_month_label(m), *[counts[m].get(kind, 0) for kind in kinds]] for m in months],
    )


def commitments_kept_over_time(commitments, *, chart_id: str = "kept-chart") -> Chart:
    """A line: how many public commitments had been completed by the end of each month (one query)."""
    rows = (
        commitments.order_by()
        .filter(completion=CompletionLevel.COMPLETE, completed_on__isnull=False)
        .annotate(month=TruncMonth("completed_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    running, series = 0, []
    for row in rows:
        running += row["n"]
        series.append((row["month"], running))
    series = series[-MONTHS * 2 :]
    title = _("Commitments kept over time")
    description = _("The number of public commitments completed, counted up to the end of each month; "
                    "the table below gives the same figures.")
    plot_height = HEIGHT - TOP - BOTTOM
    max_value = max((v for _m, v in series), default=0)
    body = _axis(max_value, plot_height)
    if series:
        step = (WIDTH - LEFT - 30) / max(len(series) - 1, 1)
        points = [
            (LEFT + 10 + i * step, TOP + plot_height - (v / max_value * plot_height if max_value else 0))
            for i, (_m, v) in enumerate(series)
        ]
        body.append(
            '<polyline fill="none" stroke="#1f4e79" stroke-width="2" points="'
            + " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            + '"/>'
        )
        for (x, y), (month, value) in zip(points, series, strict=True):
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1f4e79">'
                f"<title>{escape(_month_label(month))}: {value}</title></circle>"
            )
        for (x, _y), (month, _v) in [(points[0], series[0]), (points[-1], series[-1])]:
            body.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="10">'
                f"{escape(_month_label(month))}</text>"
            )
    return Chart(
        title=title,
        description=description,
        svg=_svg(title, description, body, chart_id),
        columns=[_("Month"), _("Commitments kept")],
        rows=[[_month_label(m), v] for m, v in series],
    )
