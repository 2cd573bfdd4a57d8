"""The reusable filters of lobbying-risk runs and assessments: ``public()``, ``visible_to(user)`` and more."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.lookups import IsNull

from ambassador.core.membership import city_for_scoping, is_city_staff, sees_every_city
from ambassador.core.permissions import is_council_staff


class RiskAssessmentQuerySet(models.QuerySet):
    def public(self) -> RiskAssessmentQuerySet:
        return self.all()

    def overall(self) -> RiskAssessmentQuerySet:
        return self.filter(city__isnull=True)

    def for_city(self, city) -> RiskAssessmentQuerySet:
        return self.filter(city=city)

    def visible_to(self, user) -> RiskAssessmentQuerySet:
        """Superusers see every assessment; members see overall scores and their city's."""
        if sees_every_city(user):
            return self.all()
        city = city_for_scoping(user)
        if city is None:
            return self.none()
        return self.filter(Q(city__isnull=True) | Q(city=city))


class RiskRunQuerySet(models.QuerySet):
    """Runs record coverage and settings, which the public page shows next to the scores."""

    def public(self) -> RiskRunQuerySet:
        return self.filter(finished_at__isnull=False)

    def visible_to(self, user) -> RiskRunQuerySet:
        return self.all() if is_city_staff(user) else self.none()


class RiskValidationQuerySet(models.QuerySet):
    """Tests of the score on synthetic data: public, as the methodology page shows their figures."""

    def public(self) -> RiskValidationQuerySet:
        return self.all()

    def visible_to(self, user) -> RiskValidationQuerySet:
        return self.all()


class IndicatorVerdictQuerySet(models.QuerySet):
    """Reviewers' verdicts: seen by council staff (overall scores and their city's) and superusers."""

    def visible_to(self, user) -> IndicatorVerdictQuerySet:
        """Superusers see every verdict; council staff those on overall scores and on their city's.

        Envoys see none: a verdict is the council's review of the score, and its note may weigh
        what an envoy said or did.
        """
        if sees_every_city(user):
            return self.all()
        city = city_for_scoping(user)
        if city is None or not is_council_staff(user):
            return self.none()
        return self.filter(Q(city__isnull=True) | Q(city=city))

    def _newer(self) -> Exists:
        """Whether a later verdict on the same company, city (or overall) and indicator exists."""
        return Exists(
            self.model._default_manager.filter(
                Q(decided_at__gt=OuterRef("decided_at")) | Q(decided_at=OuterRef("decided_at"), pk__gt=OuterRef("pk")),
                # The same city, or both overall (a NULL city equals nothing in SQL, not even NULL).
                Q(city=OuterRef("city")) | (Q(city__isnull=True) & Q(IsNull(OuterRef("city"), True))),
                organisation=OuterRef("organisation"),
                indicator_key=OuterRef("indicator_key"),
            )
        )

    def current(self) -> IndicatorVerdictQuerySet:
        """The verdicts no later one replaces: the latest per company, city (or overall) and indicator."""
        return self.filter(~self._newer())

    def with_current_flag(self) -> IndicatorVerdictQuerySet:
        """Each verdict with ``current``: whether it is still the current one."""
        return self.annotate(current=~self._newer())
