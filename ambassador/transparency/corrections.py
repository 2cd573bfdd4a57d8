"""Corrections in the open, on the public site: the corrections page, a meeting's notices and its earlier versions.

Notices are written when a released record changes (``negotiations.corrections``). Here they are
shown against what is public *now*:

- a withdrawal notice is always listed, with the date, the city, the meeting's date and the
  public reason, and nothing of the record itself (it may have been withdrawn for what it said);
- a correction or republication notice, and the earlier version it keeps, is shown only while the
  meeting itself is public; the earlier version never shows what the current record withholds
  (the minutes and place of a meeting now restricted, a person who may no longer be named).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.dateparse import parse_datetime

from ambassador.core.choices import NoticeKind
from ambassador.core.models import PublicNotice
from ambassador.negotiations.choices import Confidentiality, MeetingFormat, WithholdingGround
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.models import City, Person

from . import public
from .caching import public_page

NOTICES_PER_PAGE = 50


def public_notices():
    """Meeting notices the public may read, newest first (see the module's rules)."""
    public_meeting_ids = Meeting.objects.public().values("pk")
    return (
        PublicNotice.objects.for_model(Meeting)
        .filter(Q(kind=NoticeKind.WITHDRAWAL) | Q(object_id__in=public_meeting_ids))
        .only("id", "kind", "object_id", "city_id", "occurred_at", "reason", "earlier_version")
        .order_by("-occurred_at", "-pk")
    )


@dataclass
class PublicNoticeRow:
    """A notice as the public sees it."""

    id: int
    kind: str
    kind_label: str
    occurred_at: datetime.datetime
    city: City | None
    reason: str
    meeting_id: int
    meeting_starts_at: datetime.datetime | None
    meeting_is_public: bool

    @property
    def shows_earlier_version(self) -> bool:
        return self.kind != NoticeKind.WITHDRAWAL and self.meeting_is_public

    @property
    def time_zone(self) -> str:
        return self.city.time_zone if self.city else "UTC"


def present_notices(notices) -> list[PublicNoticeRow]:
    """Rows for the given notices, in two queries whatever their number (cities, public meetings)."""
    notices = list(notices)
    cities = City.objects.public().in_bulk({notice.city_id for notice in notices})
    meeting_ids = {notice.object_id for notice in notices}
    public_ids = set(
        Meeting.objects.public().filter(pk__in=meeting_ids).values_list("pk", flat=True)
    ) if meeting_ids else set()
    rows = []
    for notice in notices:
        starts_at = parse_datetime(str((notice.earlier_version or {}).get("starts_at") or ""))
        rows.append(
            PublicNoticeRow(
                id=notice.pk, kind=notice.kind, kind_label=str(NoticeKind(notice.kind).label),
                occurred_at=notice.occurred_at, city=cities.get(notice.city_id), reason=notice.reason,
                meeting_id=notice.object_id, meeting_starts_at=starts_at,
                meeting_is_public=notice.object_id in public_ids,
            )
        )
    return rows


def notices_of(meeting) -> list[PublicNoticeRow]:
    """A public meeting's notices, oldest first, for its page."""
    notices = public_notices().filter(object_id=meeting.pk).order_by("occurred_at", "pk")
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
        public_notices().exclude(kind=NoticeKind.WITHDRAWAL), pk=notice_id, object_id=meeting.pk
    )
    current = public.present_meeting(meeting)
    row = present_notices([notice])[0]
    return render(
        request,
        "transparency/meeting_earlier_version.html",
        {"meeting": current, "city": current.city, "notice": row,
         "earlier": earlier_version(notice.earlier_version or {}, current)},
    )
