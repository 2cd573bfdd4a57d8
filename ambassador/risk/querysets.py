"""The reusable filters of lobbying-risk runs and assessments: ``public()``, ``visible_to(user)`` and more."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from ambassador.core.membership import city_for_scoping, is_city_staff, sees_every_city


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
