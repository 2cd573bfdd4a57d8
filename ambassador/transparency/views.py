"""The public transparency site: server-rendered pages that start from ``.public()`` and nothing else.

Each page runs a fixed number of queries whatever the amount of data (tests guard it), and
answers conditional GETs with 304 (see ``caching.public_page``).
"""

from __future__ import annotations

import functools
from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassador.commitments.choices import PRINCIPLES_BY_AREA, Area, CompletionLevel, Principle, Promiser
from ambassador.core import keyset
from ambassador.negotiations.choices import Confidentiality, NegotiationStage, WithholdingGround
from ambassador.negotiations.models import Meeting
from ambassador.risk.indicators import INDICATORS as RISK_INDICATORS
from ambassador.risk.models import RiskAssessment, RiskValidation
from ambassador.risk.services import risk_config
from ambassador.stakeholders.choices import OrganisationKind
from ambassador.stakeholders.models import City, Organisation

from . import corrections, public, trends
from .caching import public_page
from .forms import CommitmentFilterForm
from .methodology import GROUP_NAMES, INDICATORS, describe_indicator

LATEST_MEETINGS = 10
COMMITMENTS_PER_PAGE = 50
MEETINGS_PER_PAGE = 20
RISK_PER_PAGE = 50
# The city page shows the first few of each long list and links to the whole list, a page at a time.
NEGOTIATIONS_PER_STAGE = 10
NEGOTIATIONS_PER_PAGE = 50
OVERDUE_ON_CITY_PAGE = 10
# The company page: its negotiations and its commitments, each a page at a time on the same page.
COMPANY_NEGOTIATIONS_PER_PAGE = 20
COMPANY_COMMITMENTS_PER_PAGE = 50
MEETINGS_PER_PAGE = 20


class UnreadableParameter(Exception):
    """A query parameter the page cannot read, such as a page link (``?after=``) that no page of this site made."""

    def __init__(self, parameter: str):
        super().__init__(parameter)
        self.parameter = parameter


def reads_parameters(view):
    """Answers a parameter the page cannot read with 400, naming it, instead of a server error."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except UnreadableParameter as exc:
            return render(request, "transparency/bad_parameter.html", {"parameter": exc.parameter}, status=400)

    return wrapper


def keyset_page(request, queryset, ordering, *, page_size: int, prefix: str = "") -> keyset.KeysetPage:
    """The page of a long list that ``?after=`` / ``?before=`` point at (the first without either).

    A page is "the rows after this one", read from an index, so the thousandth page costs what the
    first does. ``prefix`` tells apart the lists of a page that pages more than one.
    """
    after, before = f"{prefix}after", f"{prefix}before"
    cursors = {name: request.GET.get(name) for name in (after, before)}
    try:
        return keyset.keyset_page(
            queryset, ordering, after_cursor=cursors[after], before_cursor=cursors[before], page_size=page_size
        )
    except keyset.InvalidCursor as exc:
        raise UnreadableParameter(after if cursors[after] is not None else before) from exc


def other_parameters(request, *names: str) -> str:
    """The query string without the page links, for the links to the next and previous pages."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _stage_groups(negotiations, counts: dict[str, int]) -> list[dict]:
    """Per stage (in the stages' order), its first negotiations, how many it has, and its value for links."""
    by_stage = defaultdict(list)
    for negotiation in negotiations:
        by_stage[negotiation.stage].append(negotiation)
    return [
        {"stage": value, "label": label, "negotiations": by_stage[value], "count": counts.get(value, 0)}
        for value, label in NegotiationStage.choices
        if counts.get(value)
    ]


def _first_of_each_stage(negotiations, per_stage: int):
    """The newest ``per_stage`` negotiations of each stage, in one query."""
    place = Window(RowNumber(), partition_by=[F("stage")], order_by=[F("opened_on").desc(), F("pk").desc()])
    return negotiations.annotate(place_in_stage=place).filter(place_in_stage__lte=per_stage).order_by(
        "-opened_on", "-pk"
    )


def _principle_matrix(rows) -> list[dict]:
    """Rows of (area, principle, completion, n) -> one row per principle with a count per completion level."""
    counts = defaultdict(int)
    for row in rows:
        counts[(row["principle"], row["completion"])] += row["n"]
    matrix = []
    for area, principles in PRINCIPLES_BY_AREA.items():
        for principle in principles:
            cells = [counts[(principle, level)] for level in CompletionLevel.values]
            if any(cells):
                matrix.append(
                    {"area": Area(area).label, "principle": Principle(principle).label, "cells": cells,
                     "total": sum(cells)}
                )
    return matrix


def _headline(cities=None) -> dict:
    negotiations = public.public_negotiations()
    commitments = public.public_commitments()
    withheld = Meeting.objects.withheld()
    if cities is not None:
        negotiations = negotiations.for_city(cities)
        commitments = commitments.for_city(cities)
        withheld = withheld.for_city(cities)
    counts = commitments.aggregate(
        kept=Count("pk", filter=Q(completion=CompletionLevel.COMPLETE)),
        total=Count("pk"),
    )
    return {
        "open_negotiations": negotiations.filter(public.open_negotiation_q()).count(),
        "commitments_kept": counts["kept"],
        "commitments_total": counts["total"],
        "overdue": commitments.overdue().count(),
        "withheld": withheld.count(),
    }


@public_page
def home(request):
    cities = City.objects.public().annotate(
        negotiation_count=Count("negotiations", filter=Q(negotiations__is_public=True), distinct=True),
    )
    latest = [
        public.present_meeting(m) for m in public.public_meetings().order_by("-published_at", "-pk")[:LATEST_MEETINGS]
    ]
    return render(
        request,
        "transparency/home.html",
        {
            "cities": cities,
            "headline": _headline(),
            "latest_meetings": latest,
            "meetings_chart": trends.meetings_per_month_by_kind(Meeting.objects.public()),
            "kept_chart": trends.commitments_kept_over_time(public.public_commitments()),
        },
    )


@public_page
def city_detail(request, slug):
    city = get_object_or_404(City.objects.public(), slug=slug)
    city_negotiations = public.public_negotiations().for_city(city)
    stage_counts = dict(city_negotiations.order_by().values_list("stage").annotate(n=Count("pk")))
    negotiations = list(_first_of_each_stage(city_negotiations, NEGOTIATIONS_PER_STAGE))
    commitments = public.public_commitments().for_city(city)
    matrix = _principle_matrix(
        commitments.order_by().values("area", "principle", "completion").annotate(n=Count("pk"))
    )
    city_meetings = public.public_meetings().for_city(city)
    latest = [public.present_meeting(m) for m in city_meetings.order_by("-starts_at")[:LATEST_MEETINGS]]
    # With unions, civil society or academics on a topic, outside any negotiation.
    standalone = [
        public.present_meeting(m)
        for m in city_meetings.filter(negotiation__isnull=True).order_by("-starts_at")[:LATEST_MEETINGS]
    ]
    return render(
        request,
        "transparency/city_detail.html",
        {
            "city": city,
            "stage_groups": _stage_groups(negotiations, stage_counts),
            "principle_matrix": matrix,
            "completion_levels": CompletionLevel.choices,
            # In the order the due-date index keeps, so the first few are read from it, not sorted out of all.
            "overdue": keyset.keyset_page(
                commitments.overdue(), ("due_on", "pk"), page_size=OVERDUE_ON_CITY_PAGE
            ).object_list,
            "envoys": public.envoys_of(city),
            "median_lag": public.median_disclosure_lag_days(
                Meeting.objects.public().for_city(city)
            ),
            "public_meeting_count": city_meetings.count(),
            "headline": _headline(city),
            "latest_meetings": latest,
            "standalone_meetings": standalone,
            "meetings_chart": trends.meetings_per_month_by_kind(
                Meeting.objects.public().for_city(city)
            ),
        },
    )


def _risk_of(company) -> dict:
    """A company's latest overall score with its indicators, its latest score in each city, and the
    overall score over time: a bounded number of rows however long the company has been scored."""
    history = list(
        RiskAssessment.objects.public().overall().filter(organisation=company).order_by("-assessed_on", "-pk")
        [: trends.MONTHS * 31]
    )
    overall = history[0] if history else None
    latest_in_city = (
        RiskAssessment.objects.public().filter(organisation=company, city=OuterRef("city"))
        .order_by("-assessed_on", "-pk").values("pk")[:1]
    )
    city_scores = (
        RiskAssessment.objects.public().filter(organisation=company, city__isnull=False, pk=Subquery(latest_in_city))
        .select_related("city").order_by("city__name")
    )
    return {
        "overall": overall,
        "overall_indicators": [describe_indicator(i) for i in public.indicators_of(overall)] if overall else [],
        "city_scores": [(assessment.city.name, assessment) for assessment in city_scores],
        "score_chart": trends.risk_score_over_time(history),
    }


@public_page
@reads_parameters
def city_negotiations(request, slug):
    """Every announced negotiation of a city, newest first, a page at a time; ``?stage=`` narrows it."""
    city = get_object_or_404(City.objects.public(), slug=slug)
    negotiations = public.public_negotiations().for_city(city)
    stage = request.GET.get("stage")
    if stage:
        if stage not in NegotiationStage.values:
            raise UnreadableParameter("stage")
        negotiations = negotiations.filter(stage=stage)
    page = keyset_page(request, negotiations, ("-opened_on", "-pk"), page_size=NEGOTIATIONS_PER_PAGE)
    return render(
        request,
        "transparency/city_negotiations.html",
        {"city": city, "page": page, "stage": NegotiationStage(stage).label if stage else "",
         "count": negotiations.count(), "query": other_parameters(request, "after", "before")},
    )


@public_page
@reads_parameters
def company_detail(request, slug):
    company = get_object_or_404(Organisation.objects.public().select_related("parent"), slug=slug)
    # Its negotiations and its promises, each a page at a time (``?negotiations_after=``, ``?commitments_after=``).
    negotiations = keyset_page(
        request, public.public_negotiations().filter(company=company), ("-opened_on", "-pk"),
        page_size=COMPANY_NEGOTIATIONS_PER_PAGE, prefix="negotiations_",
    )
    promises = public.public_commitments().filter(negotiation__company=company, promiser=Promiser.COMPANY)
    commitments = keyset_page(
        request, public.with_updates(promises), ("due_on", "pk"),
        page_size=COMPANY_COMMITMENTS_PER_PAGE, prefix="commitments_",
    )
    city_names = sorted({c.negotiation.city.name for c in commitments})
    # principle -> city -> commitments: what the company promised each city, side by side.
    grid = defaultdict(lambda: defaultdict(list))
    for commitment in commitments:
        commitment.is_overdue = public.is_overdue(commitment)
        grid[commitment.principle][commitment.negotiation.city.name].append(commitment)
    principle_rows = [
        {"principle": Principle(p).label, "cells": [grid[p][name] for name in city_names]}
        for principles in PRINCIPLES_BY_AREA.values()
        for p in principles
        if p in grid
    ]
    meetings = [
        public.present_meeting(m)
        for m in public.public_meetings().filter(organisations=company).order_by("-starts_at")[:LATEST_MEETINGS]
    ]
    return render(
        request,
        "transparency/company_detail.html",
        {
            "company": company,
            "negotiations": negotiations,
            "negotiations_query": other_parameters(request, "negotiations_after", "negotiations_before"),
            "commitments": commitments,
            "commitments_query": other_parameters(request, "commitments_after", "commitments_before"),
            "city_names": city_names,
            "principle_rows": principle_rows,
            "disclosures": public.public_disclosures().filter(organisation=company).order_by("-period_start"),
            **_risk_of(company),
            "latest_meetings": meetings,
        },
    )


def _commitments_by_meeting(commitments) -> tuple[dict[int, list], list]:
    by_meeting = defaultdict(list)
    without_meeting = []
    for commitment in commitments:
        commitment.is_overdue = public.is_overdue(commitment)
        commitment.moves = [u for u in commitment.public_updates if u.new_due_on is not None]
        if commitment.source_meeting_id:
            by_meeting[commitment.source_meeting_id].append(commitment)
        else:
            without_meeting.append(commitment)
    return by_meeting, without_meeting


@public_page
@reads_parameters
def negotiation_detail(request, slug):
    negotiation = get_object_or_404(public.public_negotiations(), slug=slug)
    # The timeline a page of meetings at a time (``?after=``), each with the commitments made in it;
    # the commitments tied to no meeting a page at a time too (``?commitments_after=``).
    page = keyset_page(
        request, public.public_meetings().filter(negotiation=negotiation), ("starts_at", "pk"),
        page_size=MEETINGS_PER_PAGE,
    )
    meetings = [public.present_meeting(m) for m in page]
    made_in = list(public.with_updates(public.public_commitments().filter(source_meeting__in=[m.id for m in meetings])))
    by_meeting, _without = _commitments_by_meeting(made_in)
    for meeting in meetings:
        meeting.commitments = by_meeting.get(meeting.id, [])
    others = keyset_page(
        request, public.with_updates(public.public_commitments().filter(negotiation=negotiation,
                                                                        source_meeting__isnull=True)),
        ("due_on", "pk"), page_size=COMMITMENTS_PER_PAGE, prefix="commitments_",
    )
    _commitments_by_meeting(others)
    return render(
        request,
        "transparency/negotiation_detail.html",
        {
            "negotiation": negotiation,
            "city": negotiation.city,
            "lead_envoy": public.public_lead_envoy_names([negotiation]).get(negotiation.pk, ""),
            "meetings": meetings,
            "page": page,
            "query": other_parameters(request, "after", "before"),
            "other_commitments": others,
            "others_query": other_parameters(request, "commitments_after", "commitments_before"),
            "notices": corrections.notices_of(negotiation),
        },
    )


@public_page
def meeting_detail(request, pk):
    meeting = get_object_or_404(public.public_meetings(), pk=pk)
    presented = public.present_meeting(meeting)
    commitments = list(public.with_updates(public.public_commitments().filter(source_meeting=meeting)))
    by_meeting, _without = _commitments_by_meeting(commitments)
    presented.commitments = by_meeting.get(meeting.pk, [])
    return render(request, "transparency/meeting_detail.html",
                  {"meeting": presented, "city": presented.city, "notices": corrections.notices_of(meeting)})


@public_page
def commitment_detail(request, pk):
    commitment = get_object_or_404(public.with_updates(public.public_commitments()), pk=pk)
    commitment.is_overdue = public.is_overdue(commitment)
    commitment.moves = [u for u in commitment.public_updates if u.new_due_on is not None]
    return render(
        request, "transparency/commitment_detail.html",
        {"commitment": commitment, "city": commitment.negotiation.city, "notices": corrections.notices_of(commitment)},
    )


# The commitments list counts its results exactly up to this many, then says "more than".
COMMITMENT_COUNT_CAP = 10_000


@public_page
@reads_parameters
def commitment_list(request):
    cities = list(City.objects.public().only("slug", "name"))
    companies = list(
        Organisation.objects.public().filter(kind=OrganisationKind.TECH_COMPANY).only("slug", "name").order_by("name")
    )
    form = CommitmentFilterForm(request.GET or None, cities=cities, companies=companies)
    commitments = public.public_commitments()
    if form.is_bound and form.is_valid():
        commitments = form.filter(commitments)
    # In due-date order, ties by id; ``commitment_due_page`` serves it from the first page to the last.
    page = keyset_page(request, commitments, ("due_on", "pk"), page_size=COMMITMENTS_PER_PAGE)
    for commitment in page.object_list:
        commitment.is_overdue = public.is_overdue(commitment)
    # Counted up to the cap and no further: an exact count of a million rows costs more than the page.
    count = commitments.order_by()[: COMMITMENT_COUNT_CAP + 1].count()
    return render(
        request,
        "transparency/commitment_list.html",
        {"form": form, "page": page, "count": min(count, COMMITMENT_COUNT_CAP), "more": count > COMMITMENT_COUNT_CAP,
         "query": other_parameters(request, "after", "before", "page")},
    )


@public_page
def risk(request):
    """One summary row per company, ranked, a page at a time; each company's indicators are on its own page."""
    # The summary needs no indicators: they are most of each row's bytes.
    paginator = Paginator(public.latest_overall_assessments().defer("indicators"), RISK_PER_PAGE)
    paginator.count = public.companies_assessed()  # the same number, without picking each company's latest
    page = paginator.get_page(request.GET.get("page"))
    assessments = list(page.object_list)
    # The ranked companies come first in the order, so a row's rank is its place in the whole list.
    for place, assessment in enumerate(assessments, start=page.start_index()):
        assessment.rank = place if assessment.enough_data else None
    return render(
        request,
        "transparency/risk.html",
        {
            "page": page,
            "assessments": [a for a in assessments if a.enough_data],
            "thin": [a for a in assessments if not a.enough_data],
        },
    )


@public_page
def company_risk(request, slug):
    company = get_object_or_404(Organisation.objects.public(), slug=slug)
    return render(request, "transparency/company_risk.html", {"company": company, **_risk_of(company)})


@public_page
def methodology(request):
    config = risk_config()
    coverage = defaultdict(lambda: {"computed": 0, "fired": 0})
    assessments = list(public.latest_overall_assessments())
    for assessment in assessments:
        for indicator in public.indicators_of(assessment):
            if indicator.applicable:
                coverage[indicator.key]["computed"] += 1
                if indicator.fired:
                    coverage[indicator.key]["fired"] += 1
    keys = list(INDICATORS) + sorted(set(coverage) - set(INDICATORS))
    rows = []
    for key in keys:
        info = INDICATORS.get(key)
        rows.append(
            {
                "key": key,
                "name": info.name if info else key,
                "description": info.description if info else "",
                "threshold": info.threshold if info else "",
                "weight": config.weight(key) if key in RISK_INDICATORS else None,
                "group": GROUP_NAMES.get(RISK_INDICATORS[key].fact, "") if key in RISK_INDICATORS else "",
                "computed": coverage[key]["computed"] if key in coverage else 0,
                "fired": coverage[key]["fired"] if key in coverage else 0,
            }
        )
    # How the score is tested: the latest saved run of ``manage.py validate_risk --save``.
    validation = RiskValidation.objects.public().first()
    return render(
        request,
        "transparency/methodology.html",
        {"indicators": rows, "company_count": len(assessments), "config": config, "validation": validation,
         "verdict_precision": public.verdict_precision()},
    )


# Release dates listed in each row of the withheld page; later ones are counted.
WITHHELD_RELEASE_DATES_SHOWN = 5


@public_page
def withheld(request):
    now = timezone.now()
    rows = (
        Meeting.objects.withheld(now=now)
        .order_by()
        .values("city__name", "city__slug", "confidentiality", "withholding_ground")
        .annotate(n=Count("pk"))
    )
    releases = (
        Meeting.objects.withheld(now=now)
        .filter(confidentiality=Confidentiality.CONFIDENTIAL)
        .order_by()
        .values("city__name", "withholding_ground", "release_on")
        .annotate(n=Count("pk"))
    )
    release_dates = defaultdict(list)
    for row in releases:
        release_dates[(row["city__name"], row["withholding_ground"])].append(
            (row["release_on"], row["n"])
        )
    table = []
    def order(row):
        return row["city__name"], row["confidentiality"], row["withholding_ground"]

    for row in sorted(rows, key=order):
        city_name = row["city__name"]
        confidential = row["confidentiality"] == Confidentiality.CONFIDENTIAL
        releases = sorted(release_dates[(city_name, row["withholding_ground"])]) if confidential else []
        table.append(
            {
                "city": city_name,
                "city_slug": row["city__slug"],
                "kind": Confidentiality(row["confidentiality"]).label,
                "ground": WithholdingGround(row["withholding_ground"]).label if row["withholding_ground"] else "",
                "count": row["n"],
                # The next release dates, and how many more: a bounded cell however many dates are set.
                "releases": releases[:WITHHELD_RELEASE_DATES_SHOWN],
                "more_releases": max(len(releases) - WITHHELD_RELEASE_DATES_SHOWN, 0),
            }
        )
    totals = defaultdict(int)
    for row in table:
        totals[row["city"]] += row["count"]
    return render(
        request,
        "transparency/withheld.html",
        {"rows": table, "totals": sorted(totals.items()), "total": sum(totals.values())},
    )


def not_found(request, *args, **kwargs):
    raise Http404(_("No such page."))
