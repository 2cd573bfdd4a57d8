from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from ambassador.core.querysets import CityScopedQuerySet
from ambassador.core.timezones import city_date_q

from .choices import Confidentiality, ReviewState

# From a meeting to its city's time zone.
CITY_ZONE = "city__time_zone"


def release_date_passed(*, today: datetime.date | None = None, now: datetime.datetime | None = None) -> Q:
    """On meetings: the release date is on or before the city's today at ``now`` (or before ``today`` for all)."""
    return city_date_q("release_on", "lte", zone_field=CITY_ZONE, today=today, now=now)


class TopicQuerySet(models.QuerySet):
    """Topics are shared reference data, the same for every city."""

    def public(self) -> TopicQuerySet:
        return self.all()

    def visible_to(self, user) -> TopicQuerySet:
        return self.all()


class NegotiationQuerySet(CityScopedQuerySet):
    city_path = "city"

    def public(self) -> NegotiationQuerySet:
        """Negotiations the city has announced."""
        return self.filter(is_public=True)

    def with_related(self) -> NegotiationQuerySet:
        return self.select_related("city", "company", "lead_envoy")


def in_public_context_q() -> Q:
    """On meetings: held outside any negotiation, or in one the city has announced."""
    return Q(negotiation__isnull=True) | Q(negotiation__is_public=True)


class MeetingQuerySet(CityScopedQuerySet):
    city_path = "city"

    def public(
        self, *, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> MeetingQuerySet:
        """Published meetings, outside any negotiation or in an announced one, without confidential ones
        still embargoed.

        Restricted meetings are included: their existence is public, their minutes are not. An
        embargo ends on the release date in the meeting's city's time zone, judged at ``now``
        (default: the current instant): one indexed comparison with ``public_from`` (see
        ``publicity.py``). ``today`` judges every city by that one date instead, by the rules.
        """
        if today is not None:
            return self.public_by_rules(today=today)
        return self.filter(public_from__lte=now or timezone.now())

    def withheld(
        self, *, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> MeetingQuerySet:
        """Published meetings whose content is withheld: restricted, or confidential and embargoed (see ``public``)."""
        if today is not None:
            return self.withheld_by_rules(today=today)
        return self.filter(public_from__isnull=False).filter(
            Q(confidentiality=Confidentiality.RESTRICTED) | Q(public_from__gt=now or timezone.now())
        )

    def public_by_rules(
        self, *, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> MeetingQuerySet:
        """``public()`` computed from the rules themselves, for the checks that ``public_from`` agrees."""
        return self.filter(
            Q(review_state=ReviewState.PUBLISHED)
            & in_public_context_q()
            & (~Q(confidentiality=Confidentiality.CONFIDENTIAL) | release_date_passed(today=today, now=now))
        )

    def withheld_by_rules(
        self, *, today: datetime.date | None = None, now: datetime.datetime | None = None
    ) -> MeetingQuerySet:
        """``withheld()`` computed from the rules themselves."""
        return self.filter(Q(review_state=ReviewState.PUBLISHED) & in_public_context_q()).filter(
            Q(confidentiality=Confidentiality.RESTRICTED)
            | (
                Q(confidentiality=Confidentiality.CONFIDENTIAL)
                & city_date_q("release_on", "gt", zone_field=CITY_ZONE, today=today, now=now)
            )
        )

    def with_related(self) -> MeetingQuerySet:
        return self.select_related("city", "negotiation__company", "logged_by", "published_by")
