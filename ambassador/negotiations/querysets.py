from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from ambassador.core.querysets import CityScopedQuerySet

from .choices import Confidentiality, ReviewState


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


class MeetingQuerySet(CityScopedQuerySet):
    city_path = "negotiation__city"

    def public(self, *, today: datetime.date | None = None) -> MeetingQuerySet:
        """Published meetings of announced negotiations, without confidential ones still embargoed.

        Restricted meetings are included: their existence is public, their minutes are not.
        """
        today = today or timezone.now().date()
        return self.filter(
            Q(review_state=ReviewState.PUBLISHED, negotiation__is_public=True)
            & (~Q(confidentiality=Confidentiality.CONFIDENTIAL) | Q(release_on__lte=today))
        )

    def withheld(self, *, today: datetime.date | None = None) -> MeetingQuerySet:
        """Published meetings whose content is withheld: restricted, or confidential and embargoed."""
        today = today or timezone.now().date()
        return self.filter(review_state=ReviewState.PUBLISHED, negotiation__is_public=True).filter(
            Q(confidentiality=Confidentiality.RESTRICTED)
            | Q(confidentiality=Confidentiality.CONFIDENTIAL, release_on__gt=today)
        )

    def with_related(self) -> MeetingQuerySet:
        return self.select_related("negotiation__city", "negotiation__company", "logged_by", "published_by")
