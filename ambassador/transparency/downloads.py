"""Bulk downloads of everything public, as CSV and JSON, and Popolo-compatible JSON.

Responses stream: rows are read with ``.iterator()`` in chunks and written as they come, so
memory stays constant however large the record grows. Every row is built from the same public
querysets and meeting redaction as the pages. The largest files (commitments and their progress
reports) are plain columns: they are read with ``values_list()`` through ``core.exports``, and on
PostgreSQL the database writes their CSV lines itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ambassador.core import exports
from ambassador.core.csv_writer import csv_lines
from ambassador.core.timezones import city_localtime
from ambassador.risk.models import RiskAssessment
from ambassador.stakeholders.models import City

from . import public
from .caching import public_page

CHUNK = 500


@dataclass(frozen=True)
class Column:
    name: str
    description: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict]]
    # For a file of plain columns: the export of them and the public queryset it reads (rows() uses them too).
    export: exports.Export | None = None
    queryset: Callable[[], object] | None = None


def _date(value) -> str | None:
    return value.isoformat() if value is not None else None


def _cities() -> Iterator[dict]:
    for city in City.objects.public().order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": city.pk, "slug": city.slug, "name": city.name, "country": city.country,
            "time_zone": city.time_zone, "languages": city.languages,
        }


def _organisations() -> Iterator[dict]:
    for org in public.public_organisations().order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": org.pk, "slug": org.slug, "name": org.name, "kind": org.kind, "registry_id": org.registry_id,
            "parent": org.parent.slug if org.parent_id else None, "website": org.website,
            "description": org.description,
        }


def _people() -> Iterator[dict]:
    for person in public.public_people().order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": person.pk, "name": person.full_name, "is_public_official": person.is_public_official,
            "is_public_figure": person.is_public_figure,
        }


def _memberships() -> Iterator[dict]:
    for affiliation in public.public_affiliations().order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": affiliation.pk, "person_id": affiliation.person_id, "person_name": affiliation.person.full_name,
            "organisation": affiliation.organisation.slug if affiliation.organisation_id else None,
            "city": affiliation.city.slug if affiliation.city_id else None,
            "role": affiliation.role, "start_on": _date(affiliation.start_on), "end_on": _date(affiliation.end_on),
        }


def _negotiations() -> Iterator[dict]:
    for negotiation in public.public_negotiations().order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": negotiation.pk, "slug": negotiation.slug, "city": negotiation.city.slug,
            "company": negotiation.company.slug, "title": negotiation.title, "stage": negotiation.stage,
            "opened_on": _date(negotiation.opened_on), "closed_on": _date(negotiation.closed_on),
            "topics": [topic.slug for topic in negotiation.topics.all()],
            "public_summary": negotiation.public_summary,
        }


def meeting_row(meeting) -> dict:
    item = public.present_meeting(meeting)
    return {
        "id": item.id, "negotiation": item.negotiation.slug if item.negotiation else None, "city": item.city.slug,
        "company": item.company.slug if item.company else None,
        "starts_at": item.local_starts_at.isoformat(), "time_zone": item.time_zone, "format": item.format,
        "location": item.location, "subject": item.subject, "topic": item.topic,
        "confidentiality": item.confidentiality, "withholding_ground": item.withholding_ground,
        "minutes_main_points": item.minutes_main_points, "minutes_positions": item.minutes_positions,
        "minutes_conclusions": item.minutes_conclusions,
        "organisations": [organisation.slug for organisation in item.organisations],
        "named_attendees": [person.name for person in item.named_people],
        "other_attendees": item.unnamed_count,
        "published_at": city_localtime(item.published_at, item.city).isoformat() if item.published_at else None,
    }


def _meetings() -> Iterator[dict]:
    for meeting in public.public_meetings().order_by("pk").iterator(chunk_size=CHUNK):
        yield meeting_row(meeting)


COMMITMENTS = exports.Export([
    exports.Field("id", "pk", exports.INTEGER),
    exports.Field("negotiation", "negotiation__slug"),
    exports.Field("city", "negotiation__city__slug"),
    exports.Field("company", "negotiation__company__slug"),
    exports.Field("source_meeting_id", "source_meeting_id", exports.INTEGER),
    exports.Field("promiser", "promiser"),
    exports.Field("area", "area"),
    exports.Field("principle", "principle"),
    exports.Field("text", "text"),
    exports.Field("due_on", "due_on", exports.DATE),
    exports.Field("original_due_on", "original_due_on", exports.DATE),
    exports.Field("slippage_count", "slippage_count", exports.INTEGER),
    exports.Field("completion", "completion"),
    exports.Field("completed_on", "completed_on", exports.DATE),
    exports.Field("overdue", "is_overdue", exports.BOOLEAN),
    exports.Field("evidence", "evidence"),
    exports.Field("evidence_url", "evidence_url"),
])


def _commitments_queryset():
    # ``with_overdue`` is ``public.is_overdue`` for a whole table: past due in the city's time zone, not finished.
    return public.public_commitments().with_overdue().order_by("pk")


def _commitments() -> Iterator[dict]:
    return COMMITMENTS.dicts(_commitments_queryset(), chunk_size=CHUNK)


UPDATES = exports.Export([
    exports.Field("id", "pk", exports.INTEGER),
    exports.Field("commitment_id", "commitment_id", exports.INTEGER),
    exports.Field("reported_on", "reported_on", exports.DATE),
    exports.Field("summary", "summary"),
    exports.Field("evidence", "evidence"),
    exports.Field("evidence_url", "evidence_url"),
    exports.Field("completion", "completion"),
    exports.Field("previous_due_on", "previous_due_on", exports.DATE),
    exports.Field("new_due_on", "new_due_on", exports.DATE),
    exports.Field("due_date_reason", "due_date_reason"),
])


def _updates() -> Iterator[dict]:
    return UPDATES.dicts(public.public_updates(), chunk_size=CHUNK)


def _disclosures() -> Iterator[dict]:
    for disclosure in public.public_disclosures().order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": disclosure.pk, "organisation": disclosure.organisation.slug,
            "period_start": _date(disclosure.period_start), "period_end": _date(disclosure.period_end),
            "jurisdiction": disclosure.jurisdiction, "declared_spend": disclosure.declared_spend,
            "currency": disclosure.currency, "declared_lobbyist_headcount": disclosure.declared_lobbyist_headcount,
            "source_url": disclosure.source_url,
        }


def _assessments() -> Iterator[dict]:
    queryset = RiskAssessment.objects.public().select_related("organisation", "city").order_by("pk")
    for assessment in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": assessment.pk, "organisation": assessment.organisation.slug,
            "city": assessment.city.slug if assessment.city_id else None,
            "assessed_on": _date(assessment.assessed_on), "score": assessment.score,
            "confidence": assessment.confidence, "enough_data": assessment.enough_data,
            "indicators": [
                {**vars(indicator), "facts": list(indicator.facts)} for indicator in public.indicators_of(assessment)
            ],
        }


def _cols(*pairs) -> tuple[Column, ...]:
    return tuple(Column(name, description) for name, description in pairs)


ID = ("id", _("Stable id of the row."))
DATASETS = {
    dataset.slug: dataset
    for dataset in (
        Dataset("cities", _("Cities"), _("The cities whose envoys' negotiations are recorded."), _cols(
            ID, ("slug", _("Short name used in links.")), ("name", _("Name.")),
            ("country", _("ISO 3166-1 country code.")), ("time_zone", _("The city's time zone.")),
            ("languages", _("Languages the city publishes in.")),
        ), _cities),
        Dataset("organisations", _("Organisations"), _("Companies, unions, civil-society groups and others."), _cols(
            ID, ("slug", _("Short name used in links.")), ("name", _("Name.")),
            ("kind", _("tech_company, trade_union, civil_society, business_association, academic or other.")),
            ("registry_id", _("Lobbying register id, empty when none.")),
            ("parent", _("Slug of the parent organisation.")), ("website", _("Website.")),
            ("description", _("Description.")),
        ), _organisations),
        Dataset("people", _("People"), _("Public officials and public figures. Other people are never named."), _cols(
            ID, ("name", _("Full name.")), ("is_public_official", _("Elected or appointed official.")),
            ("is_public_figure", _("Acts in public for an organisation.")),
        ), _people),
        Dataset("memberships", _("Memberships"), _("Roles of the people above at cities and organisations."),
            _cols(
                ID, ("person_id", _("Id in the people file.")), ("person_name", _("Full name.")),
                ("organisation", _("Slug of the organisation, if the role is at one.")),
                ("city", _("Slug of the city, if the role is at one.")), ("role", _("Role.")),
                ("start_on", _("First day in the role.")), ("end_on", _("Last day in the role, empty if current.")),
            ), _memberships),
        Dataset("negotiations", _("Negotiations"), _("Announced negotiations of a city with a company."), _cols(
            ID, ("slug", _("Short name used in links.")), ("city", _("Slug of the city.")),
            ("company", _("Slug of the company.")), ("title", _("Title.")),
            ("stage", _("scoping, active, agreement_reached, stalled, concluded or abandoned.")),
            ("opened_on", _("Date opened.")), ("closed_on", _("Date closed, if closed.")),
            ("topics", _("Slugs of the topic areas.")), ("public_summary", _("Public summary.")),
        ), _negotiations),
        Dataset("meetings", _("Meetings"), _("Published meetings. Restricted meetings have no minutes or location; "
                                             "confidential meetings appear on their release date."), _cols(
            ID, ("negotiation", _("Slug of the negotiation; empty for a meeting outside any negotiation.")),
            ("city", _("Slug of the city.")),
            ("company", _("Slug of the company; empty for a meeting outside any negotiation.")),
            ("starts_at", _("Date and time, with the city's UTC offset.")), ("time_zone", _("The city's time zone.")),
            ("format", _("in_person, video, phone, site_visit or event.")), ("location", _("Where it took place.")),
            ("subject", _("Subject.")), ("topic", _("Topic.")),
            ("confidentiality", _("public, restricted or confidential (released).")),
            ("withholding_ground", _("Why the minutes are withheld, for restricted meetings.")),
            ("minutes_main_points", _("Minutes: main points.")), ("minutes_positions", _("Minutes: positions taken.")),
            ("minutes_conclusions", _("Minutes: conclusions.")),
            ("organisations", _("Slugs of the organisations present.")),
            ("named_attendees", _("Names of attendees who are public officials or public figures.")),
            ("other_attendees", _("How many other people attended (never named).")),
            ("published_at", _("When the record was published.")),
        ), _meetings),
        Dataset("commitments", _("Commitments"), _("Promises made in negotiations, with their progress."), _cols(
            ID, ("negotiation", _("Slug of the negotiation.")), ("city", _("Slug of the city.")),
            ("company", _("Slug of the company.")), ("source_meeting_id", _("Id of the meeting it was made in.")),
            ("promiser", _("company or city.")), ("area", _("data_governance, workers_rights or other.")),
            ("principle", _("The principle within the area.")), ("text", _("The commitment.")),
            ("due_on", _("Current due date.")), ("original_due_on", _("First due date.")),
            ("slippage_count", _("How many times the due date moved.")),
            ("completion", _("not_started, limited, substantial, complete, withdrawn or broken.")),
            ("completed_on", _("Date completed.")),
            ("overdue", _("Past due in the city's time zone and not finished.")),
            ("evidence", _("Evidence of progress.")), ("evidence_url", _("Link to the evidence.")),
        ), _commitments, COMMITMENTS, _commitments_queryset),
        Dataset("commitment-updates", _("Commitment progress reports"), _("Dated progress reports, including moved "
                                                                            "due dates and their reasons."), _cols(
            ID, ("commitment_id", _("Id in the commitments file.")), ("reported_on", _("Date of the report.")),
            ("summary", _("Progress.")), ("evidence", _("Evidence.")), ("evidence_url", _("Link to the evidence.")),
            ("completion", _("Completion level after the report, if it changed.")),
            ("previous_due_on", _("Due date before the move.")), ("new_due_on", _("Due date after the move.")),
            ("due_date_reason", _("Why the due date moved.")),
        ), _updates, UPDATES, public.public_updates),
        Dataset("lobbying-disclosures", _("Lobbying disclosures"), _("Declarations in lobbying registers."), _cols(
            ID, ("organisation", _("Slug of the organisation.")), ("period_start", _("Start of the period.")),
            ("period_end", _("End of the period.")), ("jurisdiction", _("The register's jurisdiction.")),
            ("declared_spend", _("Declared spend.")), ("currency", _("Currency of the spend.")),
            ("declared_lobbyist_headcount", _("Declared number of lobbyists.")), ("source_url", _("Register entry.")),
        ), _disclosures),
        Dataset("risk-assessments", _("Lobbying-risk scores"), _("Dated scores with every indicator; a reason to look, "
                                                                   "not proof."), _cols(
            ID, ("organisation", _("Slug of the company.")), ("city", _("Slug of the city; empty for overall.")),
            ("assessed_on", _("Date of the assessment.")), ("score", _("Score from 0 to 100.")),
            ("confidence", _("How much evidence stands behind the score, from 0 to 1.")),
            ("enough_data", _("False when the evidence is too thin to rank the company.")),
            ("indicators", _("Each indicator's key, value, threshold, whether it fired, contribution, sample size, "
                             "applicability, explanation, evidence, group and the public facts behind it.")),
        ), _assessments),
    )
}


def stream_csv(dataset: Dataset) -> Iterator[str]:
    names = [column.name for column in dataset.columns]
    if dataset.export is not None:
        return dataset.export.csv(dataset.queryset(), chunk_size=CHUNK)
    return csv_lines(names, ([row[name] for name in names] for row in dataset.rows()))


def stream_json_list(rows: Iterable[dict]) -> Iterator[str]:
    return exports.json_list(rows)


def stream_json(dataset: Dataset) -> Iterator[str]:
    if dataset.export is not None:
        return dataset.export.json(dataset.queryset(), chunk_size=CHUNK)
    return stream_json_list(dataset.rows())


@public_page
def dataset(request, dataset, fmt):
    if dataset not in DATASETS or fmt not in ("csv", "json"):
        raise Http404
    chosen = DATASETS[dataset]
    if fmt == "csv":
        response = StreamingHttpResponse(stream_csv(chosen), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(stream_json(chosen), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{dataset}.{fmt}"'
    return response


# --- Popolo ------------------------------------------------------------------------------------------------------


def _popolo() -> Iterator[str]:
    """Organizations (cities too), persons, memberships and events (meetings), as Popolo JSON."""

    def organizations():
        for city in _cities():
            yield {"id": f"city/{city['slug']}", "name": city["name"], "classification": "city"}
        for org in _organisations():
            item = {"id": f"organisation/{org['slug']}", "name": org["name"], "classification": org["kind"]}
            if org["parent"]:
                item["parent_id"] = f"organisation/{org['parent']}"
            if org["registry_id"]:
                item["identifiers"] = [{"scheme": "lobbying-register", "identifier": org["registry_id"]}]
            if org["website"]:
                item["links"] = [{"url": org["website"], "note": "website"}]
            yield item

    def persons():
        for person in _people():
            yield {"id": f"person/{person['id']}", "name": person["name"]}

    def memberships():
        for row in _memberships():
            target = f"organisation/{row['organisation']}" if row["organisation"] else f"city/{row['city']}"
            item = {"id": f"membership/{row['id']}", "person_id": f"person/{row['person_id']}",
                    "organization_id": target, "role": row["role"], "start_date": row["start_on"]}
            if row["end_on"]:
                item["end_date"] = row["end_on"]
            yield item

    def events():
        for meeting in public.public_meetings().order_by("pk").iterator(chunk_size=CHUNK):
            item = public.present_meeting(meeting)
            yield {
                "id": f"meeting/{item.id}", "name": item.subject, "classification": "meeting",
                "start_date": item.local_starts_at.isoformat(), "location": item.location or None,
                "organization_id": f"city/{item.city.slug}",
                "attendees": [{"person_id": f"person/{p.id}"} for p in item.named_people]
                + [{"organization_id": f"organisation/{o.slug}"} for o in item.organisations],
                "other_attendees": item.unnamed_count,
                "url": reverse("transparency:meeting", args=[item.id]),
            }

    sections = (("organizations", organizations), ("persons", persons), ("memberships", memberships),
                ("events", events))
    yield "{"
    for index, (name, rows) in enumerate(sections):
        yield ("" if index == 0 else ",") + f'\n"{name}": '
        yield from stream_json_list(rows())
    yield "}\n"


@public_page
def popolo(request):
    response = StreamingHttpResponse(_popolo(), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="popolo.json"'
    return response


@public_page
def index(request):
    return render(request, "transparency/data.html", {"datasets": DATASETS.values()})
