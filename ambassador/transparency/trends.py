"""The figures behind the public site's charts, each gathered in one query and drawn by ``core.charts``."""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _

from ambassador.commitments.choices import CompletionLevel
from ambassador.core.charts import Chart, Series, line_chart, stacked_column_chart
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


def _month_label(month) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


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
    svg = stacked_column_chart(
        [(_month_label(m), formats.date_format(m, "M"), [counts[m].get(kind, 0) for kind in kinds]) for m in months],
        series=[Series(kind.label, KIND_COLOURS[kind]) for kind in kinds],
        title=title, description=description, chart_id=chart_id,
    )
    return Chart(
        title=title,
        description=description,
        svg=svg,
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
    svg = line_chart([(_month_label(m), v) for m, v in series], title=title, description=description,
                     chart_id=chart_id)
    return Chart(
        title=title,
        description=description,
        svg=svg,
        columns=[_("Month"), _("Commitments kept")],
        rows=[[_month_label(m), v] for m, v in series],
    )


def risk_score_over_time(assessments, *, chart_id: str = "score-chart") -> Chart:
    """A line: a company's overall lobbying-risk score on each day it was assessed, with its confidence.

    ``assessments`` are the company's overall assessments, already read (no query here).
    """
    series = sorted(((a.assessed_on, float(a.score), a.confidence) for a in assessments), key=lambda row: row[0])
    series = series[-MONTHS * 31 :]
    title = _("Lobbying-risk score over time")
    description = _("The company's overall score from 0 to 100 on each day it was assessed; the table below gives "
                    "the same figures with how much evidence stood behind each.")
    svg = line_chart(
        [(formats.date_format(day, "SHORT_DATE_FORMAT"), score) for day, score, _confidence in series],
        title=title, description=description, chart_id=chart_id,
    )
    return Chart(
        title=title,
        description=description,
        svg=svg,
        columns=[_("Date"), _("Score"), _("Confidence")],
        rows=[
            [formats.date_format(day, "DATE_FORMAT"), f"{score:.1f}", f"{float(confidence):.0%}"]
            for day, score, confidence in series
        ],
    )
