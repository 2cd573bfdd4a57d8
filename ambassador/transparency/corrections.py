"""Corrections in the open, on the public site: the corrections page, a record's notices and its earlier versions.

Notices are written when a released meeting or commitment changes (``negotiations.corrections``,
``commitments.corrections``). Here they are shown against what is public *now*:

- a withdrawal notice is always listed, with the date, the city, the meeting's date (for a
  meeting) and the public reason, and nothing of the record itself (it may have been withdrawn
  for what it said);
- a correction or republication notice, and the earlier version it keeps, is shown only while the
  record itself is public; the earlier version never shows what the current record withholds
  (the minutes and place of a meeting now restricted, a person who may no longer be named).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from ambassador.commitments.choices import Area, CompletionLevel, Principle, Promiser
from ambassador.commitments.models import Commitment
from ambassador.core.choices import NoticeKind
from ambassador.core.models import PublicNotice
from ambassador.negotiations.choices import Confidentiality, MeetingFormat, NegotiationStage, WithholdingGround
from ambassador.negotiations.models import Meeting, Negotiation
from ambassador.stakeholders.models import City, Person

from . import public
from .caching import public_page

NOTICES_PER_PAGE = 50


def _content_types() -> dict[str, ContentType]:
    return ContentType.objects.get_for_models(Meeting, Commitment, Negotiation, for_concrete_models=True)


def public_notices():
    """Meeting, commitment and negotiation notices the public may read, newest first (see the module's rules)."""
    types = _content_types()
    meeting_type, commitment_type, negotiation_type = types[Meeting], types[Commitment], types[Negotiation]
    return (
        PublicNotice.objects.filter(content_type__in=[meeting_type, commitment_type, negotiation_type])
        .filter(
            Q(kind=NoticeKind.WITHDRAWAL)
            # EXISTS on each record's primary key, never IN over the whole public set.
            | Q(content_type=meeting_type) & Exists(Meeting.objects.public().filter(pk=OuterRef("object_id")))
            | Q(content_type=commitment_type) & Exists(Commitment.objects.public().filter(pk=OuterRef("object_id")))
            | Q(content_type=negotiation_type) & Exists(Negotiation.objects.public().filter(pk=OuterRef("object_id")))
        )
        .only("id", "kind", "content_type_id", "object_id", "city_id", "occurred_at", "reason", "earlier_version")
        .order_by("-occurred_at", "-pk")
    )


RECORD_URLS = {
    "meeting": ("transparency:meeting", "transparency:meeting-earlier-version"),
    "commitment": ("transparency:commitment", "transparency:commitment-earlier-version"),
    "negotiation": ("transparency:negotiation", "transparency:negotiation-earlier-version"),
}


@dataclass
class PublicNoticeRow:
    """A notice as the public sees it."""

    id: int
    kind: str
    kind_label: str
    occurred_at: datetime.datetime
    city: City | None
    reason: str
    record_type: str  # "meeting", "commitment" or "negotiation"
    record_id: int
    record_is_public: bool
    meeting_starts_at: datetime.datetime | None
    record_slug: str = ""  # a public negotiation's address

    @property
    def is_negotiation(self) -> bool:
        return self.record_type == "negotiation"

    @property
    def _record_key(self):
        return self.record_slug if self.is_negotiation else self.record_id

    @property
    def is_meeting(self) -> bool:
        return self.record_type == "meeting"

    @property
    def shows_earlier_version(self) -> bool:
        return self.kind != NoticeKind.WITHDRAWAL and self.record_is_public

    @property
    def record_url(self) -> str:
        return reverse(RECORD_URLS[self.record_type][0], args=[self._record_key]) if self.record_is_public else ""

    @property
    def earlier_version_url(self) -> str:
        if not self.shows_earlier_version:
            return ""
        return reverse(RECORD_URLS[self.record_type][1], args=[self._record_key, self.id])

    @property
    def time_zone(self) -> str:
        return self.city.time_zone if self.city else "UTC"


def present_notices(notices) -> list[PublicNoticeRow]:
    """Rows for the given notices, in at most four queries whatever their number (cities, public meetings,
    commitments and negotiations)."""
    notices = list(notices)
    types = _content_types()
    meeting_type_id, commitment_type_id = types[Meeting].pk, types[Commitment].pk
    negotiation_ids = {n.object_id for n in notices if n.content_type_id == types[Negotiation].pk}
    public_negotiations = dict(
        Negotiation.objects.public().filter(pk__in=negotiation_ids).values_list("pk", "slug")
    ) if negotiation_ids else {}
    cities = City.objects.public().in_bulk({notice.city_id for notice in notices})
    meeting_ids = {n.object_id for n in notices if n.content_type_id == meeting_type_id}
    commitment_ids = {n.object_id for n in notices if n.content_type_id == commitment_type_id}
    public_meetings = set(
        Meeting.objects.public().filter(pk__in=meeting_ids).values_list("pk", flat=True)
    ) if meeting_ids else set()
    public_commitments = set(
        Commitment.objects.public().filter(pk__in=commitment_ids).values_list("pk", flat=True)
    ) if commitment_ids else set()
    rows = []
    for notice in notices:
        if notice.content_type_id not in (meeting_type_id, commitment_type_id):
            rows.append(PublicNoticeRow(
                id=notice.pk, kind=notice.kind, kind_label=str(NoticeKind(notice.kind).label),
                occurred_at=notice.occurred_at, city=cities.get(notice.city_id), reason=notice.reason,
                record_type="negotiation", record_id=notice.object_id,
                record_is_public=notice.object_id in public_negotiations, meeting_starts_at=None,
                record_slug=public_negotiations.get(notice.object_id, ""),
            ))
            continue
        is_meeting = notice.content_type_id == meeting_type_id
        starts_at = parse_datetime(str((notice.earlier_version or {}).get("starts_at") or "")) if is_meeting else None
        rows.append(
            PublicNoticeRow(
                id=notice.pk, kind=notice.kind, kind_label=str(NoticeKind(notice.kind).label),
                occurred_at=notice.occurred_at, city=cities.get(notice.city_id), reason=notice.reason,
                record_type="meeting" if is_meeting else "commitment", record_id=notice.object_id,
                record_is_public=notice.object_id in (public_meetings if is_meeting else public_commitments),
                meeting_starts_at=starts_at,
            )
        )
    return rows


def notices_of(record) -> list[PublicNoticeRow]:
    """A public meeting's, commitment's or negotiation's notices, oldest first, for its page."""
    notices = public_notices().filter(
        content_type=_content_types()[type(record)], object_id=record.pk
    ).order_by("occurred_at", "pk")
    return present_notices(notices)


@dataclass
class EarlierVersion:
    """The earlier public version of a meeting, kept by a notice and redacted against the current record."""

    subject: str
    starts_at: datetime.datetime | None
    time_zone: str
    format_label: str
    topic: str
    negotiation: str
    location: str
    minutes_main_points: str
    minutes_positions: str
    minutes_conclusions: str
    is_restricted: bool
    withholding_ground_label: str
    organisations: list[dict]
    named_people: list[str]
    unnamed_count: int

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes_main_points or self.minutes_positions or self.minutes_conclusions)


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return ""


def earlier_version(snapshot: dict, current) -> EarlierVersion:
    """What the snapshot may still show, given ``current`` (a ``PublicMeeting``)."""
    minutes = {} if current.is_restricted else (snapshot.get("minutes") or {})
    people = snapshot.get("named_people") or []
    still_public = set(
        Person.objects.public().filter(pk__in=[p.get("id") for p in people]).values_list("pk", flat=True)
    ) if people else set()
    named = [str(p.get("name", "")) for p in people if p.get("id") in still_public]
    restricted = snapshot.get("confidentiality") == Confidentiality.RESTRICTED
    return EarlierVersion(
        subject=str(snapshot.get("subject", "")),
        starts_at=parse_datetime(str(snapshot.get("starts_at") or "")),
        time_zone=str(snapshot.get("time_zone") or current.time_zone),
        format_label=_label(MeetingFormat, snapshot.get("format")),
        topic=str(snapshot.get("topic", "")),
        negotiation=str(snapshot.get("negotiation", "")),
        location="" if current.is_restricted else str(snapshot.get("location", "")),
        minutes_main_points=str(minutes.get("main_points", "")),
        minutes_positions=str(minutes.get("positions", "")),
        minutes_conclusions=str(minutes.get("conclusions", "")),
        is_restricted=restricted or current.is_restricted,
        withholding_ground_label=_label(WithholdingGround, snapshot.get("withholding_ground")),
        organisations=[o for o in snapshot.get("organisations") or [] if isinstance(o, dict)],
        named_people=named,
        unnamed_count=int(snapshot.get("unnamed_count") or 0) + len(people) - len(named),
    )


@public_page
def corrections(request):
    page = Paginator(public_notices(), NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "transparency/corrections.html", {"page": page, "notices": present_notices(page)})


@public_page
def meeting_earlier_version(request, pk, notice_id):
    meeting = get_object_or_404(public.public_meetings(), pk=pk)
    notice = get_object_or_404(
        public_notices().exclude(kind=NoticeKind.WITHDRAWAL), pk=notice_id, object_id=meeting.pk,
        content_type=_content_types()[Meeting],
    )
    current = public.present_meeting(meeting)
    row = present_notices([notice])[0]
    return render(
        request,
        "transparency/meeting_earlier_version.html",
        {"meeting": current, "city": current.city, "notice": row,
         "earlier": earlier_version(notice.earlier_version or {}, current)},
    )


@dataclass
class EarlierCommitment:
    """The earlier public version of a commitment, as a notice keeps it (public fields only)."""

    text: str
    promiser_label: str
    area_label: str
    principle_label: str
    due_on: datetime.date | None
    completion: str
    completion_label: str
    completed_on: datetime.date | None
    evidence: str
    evidence_url: str
    negotiation: str


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def earlier_commitment(snapshot: dict) -> EarlierCommitment:
    return EarlierCommitment(
        text=str(snapshot.get("text", "")),
        promiser_label=_label(Promiser, snapshot.get("promiser")),
        area_label=_label(Area, snapshot.get("area")),
        principle_label=_label(Principle, snapshot.get("principle")),
        due_on=_date(snapshot.get("due_on")),
        completion=str(snapshot.get("completion", "")),
        completion_label=_label(CompletionLevel, snapshot.get("completion")),
        completed_on=_date(snapshot.get("completed_on")),
        evidence=str(snapshot.get("evidence", "")),
        evidence_url=str(snapshot.get("evidence_url", "")),
        negotiation=str(snapshot.get("negotiation", "")),
    )


@public_page
def commitment_earlier_version(request, pk, notice_id):
    commitment = get_object_or_404(public.public_commitments().select_related("negotiation__city"), pk=pk)
    notice = get_object_or_404(
        public_notices().exclude(kind=NoticeKind.WITHDRAWAL), pk=notice_id, object_id=commitment.pk,
        content_type=_content_types()[Commitment],
    )
    return render(
        request,
        "transparency/commitment_earlier_version.html",
        {"commitment": commitment, "city": commitment.negotiation.city, "notice": present_notices([notice])[0],
         "earlier": earlier_commitment(notice.earlier_version or {})},
    )


@dataclass
class EarlierNegotiation:
    """The earlier public version of a negotiation, as a correction notice keeps it (public fields only)."""

    title: str
    public_summary: str
    stage_label: str
    opened_on: datetime.date | None
    closed_on: datetime.date | None
    company: str
    topics: list[str]


def earlier_negotiation(snapshot: dict) -> EarlierNegotiation:
    return EarlierNegotiation(
        title=str(snapshot.get("title", "")),
        public_summary=str(snapshot.get("public_summary", "")),
        stage_label=_label(NegotiationStage, snapshot.get("stage")),
        opened_on=_date(snapshot.get("opened_on")),
        closed_on=_date(snapshot.get("closed_on")),
        company=str(snapshot.get("company", "")),
        topics=[str(name) for name in snapshot.get("topics") or []],
    )


@public_page
def negotiation_earlier_version(request, slug, notice_id):
    negotiation = get_object_or_404(public.public_negotiations(), slug=slug)
    notice = get_object_or_404(
        public_notices().exclude(kind=NoticeKind.WITHDRAWAL), pk=notice_id, object_id=negotiation.pk,
        content_type=_content_types()[Negotiation],
    )
    return render(
        request,
        "transparency/negotiation_earlier_version.html",
        {"negotiation": negotiation, "city": negotiation.city, "notice": present_notices([notice])[0],
         "earlier": earlier_negotiation(notice.earlier_version or {})},
    )
